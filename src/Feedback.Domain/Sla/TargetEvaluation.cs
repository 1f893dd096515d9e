using NodaTime;

namespace Feedback.Sla;

/// <summary>
/// One target evaluated for one ticket at one instant: state, due instant, time used and left on the
/// target's own clock, warning level, escalation step and lateness. A struct written into a
/// caller-provided span, so evaluation allocates nothing; <see cref="SlaPolicy.Explain"/> says why.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct TargetEvaluation
{
    /// <summary>The target.</summary>
    public SlaTarget Target { get; init; }

    /// <summary>The state.</summary>
    public TargetState State { get; init; }

    /// <summary>When the clock started, or <c>null</c>.</summary>
    public Instant? Start { get; init; }

    /// <summary>When the clock stopped (the stop event), or <c>null</c>.</summary>
    public Instant? Stop { get; init; }

    /// <summary>
    /// The due instant, or <c>null</c> when it cannot be known yet (no start, or an anchor field not set).
    /// While <see cref="TargetState.Paused"/> it is where the due instant would be if resumed now.
    /// </summary>
    public Instant? Due { get; init; }

    /// <summary>Time used on the target's clock, pauses excluded.</summary>
    public Duration Elapsed { get; init; }

    /// <summary>Time left on the target's clock until <see cref="Due"/>; negative when past due.</summary>
    public Duration Remaining { get; init; }

    /// <summary>Paused time on the target's clock.</summary>
    public Duration Paused { get; init; }

    /// <summary>Percent of the allowed time used (may exceed 100).</summary>
    public double PercentUsed { get; init; }

    /// <summary>How many warning thresholds have been reached (0 = none).</summary>
    public int WarningLevel { get; init; }

    /// <summary>How many escalation steps have been reached (0 = none); the last reached one is <c>Target.Escalation[EscalationLevel - 1]</c>.</summary>
    public int EscalationLevel { get; init; }

    /// <summary>Wall-clock lateness: stop (or the evaluation instant) minus due, when positive.</summary>
    public Duration LateBy { get; init; }

    /// <summary>Lateness on the target's own clock (business time for business-time targets).</summary>
    public Duration LateOnClock { get; init; }

    /// <summary>Started 24-hour days late: 1 for any lateness up to a day, 2 for up to two days, and so on (the unit of the penalty rules).</summary>
    public int LateDays { get; init; }

    /// <summary>For a daily obligation, the days whose deadline passed without the satisfying event.</summary>
    public int Misses { get; init; }

    /// <summary>The cycle reported (0 = before any reopen).</summary>
    public int Cycle { get; init; }

    /// <summary>How many cycles the ticket has had by the evaluation instant.</summary>
    public int CycleCount { get; init; }

    /// <summary>For an earliest-of due instant, the index of the chosen candidate; otherwise -1.</summary>
    public int ChosenCandidate { get; init; }

    /// <summary>
    /// Whether some clock arithmetic fell outside the calendar's horizon: a due instant that could not
    /// be computed is <c>null</c>, a working time that could not be measured counts as zero.
    /// </summary>
    public bool CalendarProblem { get; init; }

    /// <summary>Whether the calendar used dates outside its official holiday data (weekly pattern only).</summary>
    public bool Extrapolated { get; init; }

    /// <summary>Whether the target applies to the ticket.</summary>
    public bool IsApplicable => State != TargetState.NotApplicable;

    /// <summary>The escalation step last reached, or <c>null</c>.</summary>
    public EscalationStep? EscalationStep => EscalationLevel > 0 ? Target.Escalation[EscalationLevel - 1] : null;
}
