namespace Feedback.Sla;

/// <summary>Where a target stands for a ticket at an instant.</summary>
public enum TargetState : byte
{
    /// <summary>The target does not apply to this ticket (kind, category or severity do not match).</summary>
    NotApplicable = 0,

    /// <summary>Applies, but its start has not happened yet.</summary>
    NotStarted = 1,

    /// <summary>Started, not stopped, not past due.</summary>
    Running = 2,

    /// <summary>Started and currently paused; the due instant shown is where it would be if resumed now.</summary>
    Paused = 3,

    /// <summary>Stopped on or before the due instant.</summary>
    Met = 4,

    /// <summary>Stopped after the due instant.</summary>
    MetLate = 5,

    /// <summary>Running past the due instant (or, for a daily obligation, a day was missed).</summary>
    Breached = 6,

    /// <summary>Canceled by a cancel event before it stopped.</summary>
    Canceled = 7,
}

/// <summary>Which cycle of a reopened ticket a target's evaluation reports.</summary>
public enum CycleChoice : byte
{
    /// <summary>The latest cycle (the clock restarts on reopen). Default.</summary>
    Last = 0,

    /// <summary>The first cycle only (reopening does not restart the target).</summary>
    First = 1,

    /// <summary>The cycle that went worst: the most late, or breached before met.</summary>
    Worst = 2,
}

/// <summary>How a chained target uses the step before it (T8 -> T9).</summary>
public enum ChainUse : byte
{
    /// <summary>Start when the previous step actually stopped; not started before.</summary>
    Actual = 0,

    /// <summary>Start at the previous step's due instant, whenever it actually stopped.</summary>
    Due = 1,

    /// <summary>The previous step's actual stop when it has one, otherwise its due instant.</summary>
    ActualOrDue = 2,
}
