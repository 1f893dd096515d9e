using System.Collections.Frozen;
using System.Collections.Immutable;
using Feedback.Calendars;
using NodaTime;

namespace Feedback.Sla;

/// <summary>What a target's clock counts.</summary>
public enum ClockKind : byte
{
    /// <summary>Elapsed wall-clock time (W3: the 24-hour line).</summary>
    Wall = 0,

    /// <summary>Working time of a named calendar.</summary>
    Business = 1,
}

/// <summary>How a target's due instant is found.</summary>
public enum DueKind : byte
{
    /// <summary>The start plus the target's budget on its clock, extended by pauses.</summary>
    Budget = 0,

    /// <summary>A ticket field plus an offset (T2: five minutes before the appointment).</summary>
    Field = 1,

    /// <summary>The earliest of several candidates (T11: the order's required time or the agreed time).</summary>
    EarliestOf = 2,

    /// <summary>Every day at a local time while the ticket is open (T12: progress daily before 18:00).</summary>
    Daily = 3,
}

/// <summary>Where a target starts.</summary>
public enum StartKind : byte
{
    /// <summary>At the first of the start events.</summary>
    Event = 0,

    /// <summary>At a ticket field (a start backdated to when the customer first called).</summary>
    Field = 1,

    /// <summary>After another target (chained steps, T8 -> T9).</summary>
    Target = 2,
}

/// <summary>One candidate of an <see cref="DueKind.EarliestOf"/> due instant.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DueCandidate
{
    internal DueCandidate(string label, string? field, Duration offset, string? target, bool budget)
    {
        Label = label;
        Field = field;
        Offset = offset;
        Target = target;
        IsBudget = budget;
    }

    /// <summary>How explanations name the candidate, for example "agreed" or "order".</summary>
    public string Label { get; }

    /// <summary>The ticket field, or <c>null</c>.</summary>
    public string? Field { get; }

    /// <summary>Added to the field (wall clock).</summary>
    public Duration Offset { get; }

    /// <summary>Whether the candidate is the target's own budget from its start.</summary>
    public bool IsBudget { get; }

    /// <summary>Another target of the policy whose due instant is the candidate, or <c>null</c>.</summary>
    public string? Target { get; }

    internal int TargetIndex { get; set; } = -1;
}

/// <summary>One escalation step: who is told once a target has used so much of its time (T15, D 26-27).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EscalationStep
{
    internal EscalationStep(double? atPercent, Duration? after, ImmutableArray<string> notify)
    {
        AtPercent = atPercent;
        After = after;
        Notify = notify;
    }

    /// <summary>Reached when the percent of time used is at least this, or <c>null</c>.</summary>
    public double? AtPercent { get; }

    /// <summary>Reached when this much time has elapsed on the target's clock (a timeout per step), or <c>null</c>.</summary>
    public Duration? After { get; }

    /// <summary>The roles told at this step.</summary>
    public ImmutableArray<string> Notify { get; }

    internal bool IsReached(double percent, Duration elapsed) =>
        (AtPercent is { } p && percent >= p) || (After is { } a && elapsed >= a);
}

/// <summary>
/// A compiled SLA target: which tickets it applies to, when its clock starts, pauses and stops, its
/// clock and budget or anchored due instant, and its warning thresholds and escalation ladder.
/// </summary>
/// <remarks>Created by <see cref="Policies.PolicyDocument"/>. Immutable and thread-safe.</remarks>
public sealed class SlaTarget
{
    internal SlaTarget() { }

    /// <summary>The target's id, unique in its policy.</summary>
    public required string Id { get; init; }

    /// <summary>The rule it implements (for example <c>T9</c>), or <c>null</c>.</summary>
    public string? Rule { get; init; }

    /// <summary>A human description.</summary>
    public string? Description { get; init; }

    /// <summary>Kinds it applies to; empty means any.</summary>
    public FrozenSet<string> Kinds { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Severities it applies to; empty means any.</summary>
    public FrozenSet<string> Severities { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Categories it applies to; empty means any.</summary>
    public FrozenSet<string> Categories { get; init; } = FrozenSet<string>.Empty;

    /// <summary>How the start is found.</summary>
    public StartKind StartKind { get; init; }

    /// <summary>The start events (the first one that happens starts the clock).</summary>
    public ImmutableArray<string> StartEvents { get; init; } = [];

    /// <summary>The start field when <see cref="StartKind"/> is <see cref="StartKind.Field"/>.</summary>
    public string? StartField { get; init; }

    /// <summary>The previous step when <see cref="StartKind"/> is <see cref="StartKind.Target"/>.</summary>
    public string? StartTarget { get; init; }

    /// <summary>How the previous step is used.</summary>
    public ChainUse ChainUse { get; init; }

    /// <summary>Events that stop the clock (the first one after the start counts).</summary>
    public ImmutableArray<string> StopEvents { get; init; } = [];

    /// <summary>Pause event, or <c>null</c>.</summary>
    public string? PauseEvent { get; init; }

    /// <summary>Resume event, or <c>null</c>.</summary>
    public string? ResumeEvent { get; init; }

    /// <summary>Cancel event, or <c>null</c>.</summary>
    public string? CancelEvent { get; init; }

    /// <summary>Reset event (the clock starts again from it), or <c>null</c>.</summary>
    public string? ResetEvent { get; init; }

    /// <summary>Wall clock or a calendar's business time.</summary>
    public ClockKind Clock { get; init; }

    /// <summary>The calendar of a <see cref="ClockKind.Business"/> clock.</summary>
    public string? CalendarName { get; init; }

    /// <summary>How the due instant is found.</summary>
    public DueKind Due { get; init; }

    /// <summary>The budget on the target's clock (for <see cref="DueKind.Budget"/> and budget candidates), or <c>null</c> when counted in working days.</summary>
    public Duration? Budget { get; init; }

    /// <summary>The budget in working days, or <c>null</c>.</summary>
    public int? WorkingDays { get; init; }

    /// <summary>With <see cref="WorkingDays"/>: due at the end of the n-th working day (true) or at the same time of day (false).</summary>
    public bool EndOfDay { get; init; }

    /// <summary>Where a due instant that falls on the edge of a gap lands.</summary>
    public GapLanding Landing { get; init; }

    /// <summary>The field of a <see cref="DueKind.Field"/> due instant.</summary>
    public string? DueField { get; init; }

    /// <summary>Added to <see cref="DueField"/>.</summary>
    public Duration DueOffset { get; init; }

    /// <summary>The candidates of an <see cref="DueKind.EarliestOf"/> due instant.</summary>
    public ImmutableArray<DueCandidate> Candidates { get; init; } = [];

    /// <summary>The local time of a <see cref="DueKind.Daily"/> obligation.</summary>
    public LocalTime DailyAt { get; init; }

    /// <summary>The event that satisfies a day's <see cref="DueKind.Daily"/> obligation.</summary>
    public string? SatisfiedBy { get; init; }

    /// <summary>Warning thresholds in percent of the time allowed, ascending.</summary>
    public ImmutableArray<double> Thresholds { get; init; } = [];

    /// <summary>The escalation ladder, in order.</summary>
    public ImmutableArray<EscalationStep> Escalation { get; init; } = [];

    /// <summary>Which cycle of a reopened ticket counts.</summary>
    public CycleChoice Cycle { get; init; }

    /// <summary>
    /// Whether, in a cycle after a reopen, the target starts at the reopen when its own start event does
    /// not happen again (a resolution clock that restarts, a daily obligation that resumes). When
    /// <c>false</c> (the default) the target waits for its own start event in the new cycle.
    /// </summary>
    public bool RestartOnReopen { get; init; }

    // Compiled event ids (-1 when absent), set by the policy.
    internal int[] StartIds { get; set; } = [];

    internal int[] StopIds { get; set; } = [];

    internal int PauseId { get; set; } = -1;

    internal int ResumeId { get; set; } = -1;

    internal int CancelId { get; set; } = -1;

    internal int ResetId { get; set; } = -1;

    internal int SatisfiedById { get; set; } = -1;

    internal int StartTargetIndex { get; set; } = -1;

    internal bool NeedsBudget { get; set; }

    /// <summary><see cref="Budget"/> in nanoseconds, or <see cref="long.MinValue"/> when there is none.</summary>
    internal long BudgetNanos { get; set; } = long.MinValue;

    internal bool AppliesTo(Ticket ticket) =>
        (Kinds.Count == 0 || Kinds.Contains(ticket.Kind))
        && (Severities.Count == 0 || Severities.Contains(ticket.Severity))
        && (Categories.Count == 0 || (ticket.Category is { } c && Categories.Contains(c)));
}
