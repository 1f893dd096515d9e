using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Ardalis.Result;
using Feedback.Calendars;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Sla;

/// <summary>A project's settings a policy uses: its time zone (and, for routing, its city tier).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Zone">The project's time zone; calendars count working time in it.</param>
/// <param name="CityTier">For example <c>provincial-capital</c> or <c>third-tier</c>, or <c>null</c>.</param>
public sealed record ProjectSettings(DateTimeZone Zone, string? CityTier);

/// <summary>
/// A compiled SLA policy: a company's rulebook of deadlines, evaluated against a ticket's history at
/// any instant. Load one with <see cref="Policies.PolicyDocument.Load(string, Policies.PolicyLoadOptions?)"/>.
/// </summary>
/// <remarks>
/// <para>Evaluation is a pure function of the ticket and the instant: only events at or before the
/// instant count, so re-evaluating after an edit (a pause recorded late, a changed agreed time) or
/// after a policy change rebuilds every result, also for closed tickets.</para>
/// <para>Pauses are measured on the target's own clock (business time for business-time targets); a
/// ticket that goes straight from paused to closed keeps its hold time; a working-days budget becomes
/// the business time from the start to the end of the n-th working day, so pauses extend it alike.
/// A reopen event starts a new cycle: only events after it count in it; a target starts at its own start
/// event again, or at the reopen when it is marked <see cref="SlaTarget.RestartOnReopen"/>; each target's
/// <see cref="SlaTarget.Cycle"/> says which cycle counts.</para>
/// <para>Immutable and thread-safe; <see cref="Evaluate(Ticket, Instant, Span{TargetEvaluation})"/>
/// allocates nothing (longer histories than 64 events and policies of more than 64 targets borrow pooled
/// buffers or allocate one small array).</para>
/// <para>Every instant NodaTime holds is evaluated exactly. Tickets whose instants all lie within about
/// 126 years of 1970 (March 1843 to October 2096), with one cycle, are evaluated in 64-bit
/// nanoseconds, about twice as fast; the others on NodaTime values, with the same rules and, for the
/// same ticket, the same results.</para>
/// </remarks>
public sealed partial class SlaPolicy
{
    private const int StackEvents = 64;
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    private readonly FrozenDictionary<string, int> _eventIds;
    private readonly FrozenDictionary<string, int> _projectZones;
    private readonly DateTimeZone[] _zones;

    // _clocks[zone][target]: the calendar of a business-time target in that zone; null for wall clocks.
    private readonly WorkingCalendar?[][] _clocks;
    private readonly int _reopenId;

    internal SlaPolicy(
        string id, string? name, ImmutableArray<SlaTarget> targets, ImmutableArray<string> events, string? reopenEvent,
        DateTimeZone defaultZone, ImmutableDictionary<string, ProjectSettings> projects,
        ImmutableDictionary<string, WorkingCalendar> calendars, Func<string, DateTimeZone, WorkingCalendar> calendarInZone)
    {
        Id = id;
        Name = name;
        Targets = targets;
        Events = events;
        ReopenEvent = reopenEvent;
        DefaultZone = defaultZone;
        Projects = projects;
        Calendars = calendars;
        _eventIds = events.Select((e, i) => (e, i)).ToFrozenDictionary(p => p.e, p => p.i, StringComparer.Ordinal);
        _reopenId = reopenEvent is null ? -1 : _eventIds[reopenEvent];

        var zones = new List<DateTimeZone> { defaultZone };
        var projectZones = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (project, settings) in projects)
        {
            int index = zones.FindIndex(z => z.Id == settings.Zone.Id);
            if (index < 0)
            {
                index = zones.Count;
                zones.Add(settings.Zone);
            }

            projectZones[project] = index;
        }

        _zones = [.. zones];
        _projectZones = projectZones.ToFrozenDictionary(StringComparer.Ordinal);
        _clocks = [.. _zones.Select(zone => targets.Select(t => t.CalendarName is null ? null : calendarInZone(t.CalendarName, zone)).ToArray())];

        foreach (var target in targets)
        {
            target.StartIds = [.. target.StartEvents.Select(e => _eventIds[e])];
            target.StopIds = [.. target.StopEvents.Select(e => _eventIds[e])];
            target.PauseId = IdOf(target.PauseEvent);
            target.ResumeId = IdOf(target.ResumeEvent);
            target.CancelId = IdOf(target.CancelEvent);
            target.ResetId = IdOf(target.ResetEvent);
            target.SatisfiedById = IdOf(target.SatisfiedBy);
            target.StartTargetIndex = target.StartTarget is null ? -1 : targets.IndexOf(targets.First(t => t.Id == target.StartTarget));
            target.NeedsBudget = target.Due == DueKind.Budget || target.Candidates.Any(c => c.IsBudget);
            target.BudgetNanos = target.Budget is { } budget ? budget.ToInt64Nanoseconds() : None;
            foreach (var candidate in target.Candidates.Where(c => c.Target is not null))
            {
                candidate.TargetIndex = targets.IndexOf(targets.First(t => t.Id == candidate.Target));
            }
        }
    }

    /// <summary>The policy's id.</summary>
    public string Id { get; }

    /// <summary>A human name, or <c>null</c>.</summary>
    public string? Name { get; }

    /// <summary>The targets in evaluation order (a chained target comes after the one it follows).</summary>
    public ImmutableArray<SlaTarget> Targets { get; }

    /// <summary>Every event name the policy knows: the standard ones and those it declares.</summary>
    public ImmutableArray<string> Events { get; }

    /// <summary>The event that starts a new cycle, or <c>null</c>.</summary>
    public string? ReopenEvent { get; }

    /// <summary>The zone of tickets whose project has no settings.</summary>
    public DateTimeZone DefaultZone { get; }

    /// <summary>Per-project settings.</summary>
    public ImmutableDictionary<string, ProjectSettings> Projects { get; }

    /// <summary>The calendars, compiled in <see cref="DefaultZone"/>.</summary>
    public ImmutableDictionary<string, WorkingCalendar> Calendars { get; }

    /// <summary>
    /// Checks a ticket against the policy: every event name must be one the policy knows (evaluation
    /// ignores unknown events, so a misspelt one would otherwise go unnoticed), and every field an
    /// applicable target that has started starts from or takes its due time from must be set.
    /// </summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The ticket, or an invalid result naming each unknown event by index and name, and each missing field.</returns>
    public Result<Ticket> Validate(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var errors = new List<ValidationError>();
        for (int i = 0; i < ticket.Events.Length; i++)
        {
            string name = ticket.Events[i].Name;
            if (!_eventIds.ContainsKey(name))
            {
                errors.Add(new ValidationError(string.Create(CultureInfo.InvariantCulture, $"events[{i}].name"),
                    $"Ticket '{ticket.Id}': unknown event '{name}' at {ticket.Events[i].At}; policy '{Id}' does not know it (declare it in \"events\" or fix the name)."));
            }
        }

        foreach (var target in Targets)
        {
            // Only targets that have started (or may start from a field or another target) need their fields yet.
            bool started = target.StartKind != StartKind.Event || ticket.Events.Any(e => target.StartEvents.Contains(e.Name));
            if (!target.AppliesTo(ticket) || !started)
            {
                continue;
            }

            var needed = target.Due == DueKind.Field ? [target.DueField!]
                : target.Due == DueKind.EarliestOf && !target.Candidates.Any(c => c.IsBudget || c.Target is not null)
                    ? target.Candidates.Select(c => c.Field!).ToArray()
                    : Array.Empty<string>();
            bool anySet = needed.Length == 0 || (target.Due == DueKind.EarliestOf ? needed.Any(ticket.Fields.ContainsKey) : needed.All(ticket.Fields.ContainsKey));
            if (target.StartKind == StartKind.Field && !ticket.Fields.ContainsKey(target.StartField!))
            {
                errors.Add(new ValidationError($"fields.{target.StartField}", $"Ticket '{ticket.Id}': target '{target.Id}' starts at field '{target.StartField}', which the ticket does not have."));
            }

            if (!anySet)
            {
                errors.Add(new ValidationError($"fields.{string.Join("|", needed)}",
                    $"Ticket '{ticket.Id}': target '{target.Id}' takes its due time from {(needed.Length == 1 ? "field" : "one of the fields")} '{string.Join("', '", needed)}', which the ticket does not have; it will have no due time."));
            }
        }

        return errors.Count == 0 ? Result<Ticket>.Success(ticket) : Result<Ticket>.Invalid(errors);
    }

    /// <summary>The zone a ticket's calendars count in: its project's, or <see cref="DefaultZone"/>.</summary>
    /// <param name="ticket">The ticket.</param>
    public DateTimeZone ZoneOf(Ticket ticket) => _zones[ZoneIndex(ticket)];

    /// <summary>Evaluates every target for <paramref name="ticket"/> at <paramref name="at"/>.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="at">The evaluation instant; events after it are ignored.</param>
    /// <returns>One evaluation per target, in <see cref="Targets"/> order (not applicable ones included).</returns>
    public ImmutableArray<TargetEvaluation> Evaluate(Ticket ticket, Instant at)
    {
        var results = new TargetEvaluation[Targets.Length];
        Evaluate(ticket, at, results);
        return [.. results];
    }

    /// <summary>
    /// Evaluates every target for <paramref name="ticket"/> at <paramref name="at"/> into
    /// <paramref name="results"/> (index i for <c>Targets[i]</c>); allocates nothing.
    /// </summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="at">The evaluation instant; events after it are ignored.</param>
    /// <param name="results">At least <c>Targets.Length</c> long.</param>
    public void Evaluate(Ticket ticket, Instant at, Span<TargetEvaluation> results) => Run(ticket, at, results, null, null);

    /// <summary>
    /// Evaluates every cycle of every applicable target: one evaluation per target and cycle, in target
    /// then cycle order. Penalties are assessed from these, so lateness in a cycle before a reopen is
    /// still charged after the reopen, whichever cycle <see cref="SlaTarget.Cycle"/> reports.
    /// </summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="at">The evaluation instant; events after it are ignored.</param>
    public ImmutableArray<TargetEvaluation> EvaluateCycles(Ticket ticket, Instant at)
    {
        var results = new TargetEvaluation[Targets.Length];
        var cycles = new List<TargetEvaluation>();
        Run(ticket, at, results, null, cycles);
        return [.. cycles];
    }

    /// <summary>
    /// Says why each applicable target is due when it is: the rule, the start event and its time, the
    /// pauses subtracted, the clock and calendar, and why an anchor was chosen.
    /// </summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="at">The evaluation instant.</param>
    /// <returns>One explanation per applicable target, keyed by target id.</returns>
    public ImmutableDictionary<string, string> Explain(Ticket ticket, Instant at)
    {
        var results = new TargetEvaluation[Targets.Length];
        var texts = new List<StringBuilder>();
        Run(ticket, at, results, texts, null);
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].IsApplicable)
            {
                builder[Targets[i].Id] = texts[i].ToString();
            }
        }

        return builder.ToImmutable();
    }

    private void Run(Ticket ticket, Instant at, Span<TargetEvaluation> results, List<StringBuilder>? explain, List<TargetEvaluation>? allCycles)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (results.Length < Targets.Length)
        {
            throw new ArgumentException($"The results span holds {results.Length} evaluations; policy '{Id}' has {Targets.Length} targets.", nameof(results));
        }

        var events = ticket.Events.AsSpan();
        int count = CountUpTo(events, at);
        int[]? rentedIds = null;
        Span<int> ids = count > StackEvents ? (rentedIds = ArrayPool<int>.Shared.Rent(count)) : stackalloc int[StackEvents];
        bool[]? rentedApplies = Targets.Length > StackEvents ? ArrayPool<bool>.Shared.Rent(Targets.Length) : null;
        Span<bool> applies = rentedApplies is null ? stackalloc bool[StackEvents] : rentedApplies;
        ids = ids[..count];
        applies = applies[..Targets.Length];
        ResolveIds(events[..count], ids);
        for (int i = 0; i < Targets.Length; i++)
        {
            applies[i] = Targets[i].AppliesTo(ticket);
        }

        try
        {
            // The explanation and every cycle's evaluation come from the general evaluation only.
            int zone = ZoneIndex(ticket);
            if (explain is not null || allCycles is not null || !TryRunNanos(ticket, events[..count], ids, applies, zone, at, results))
            {
                RunInstants(ticket, events[..count], ids, applies, zone, at, results, explain, allCycles);
            }
        }
        finally
        {
            if (rentedIds is not null)
            {
                ArrayPool<int>.Shared.Return(rentedIds);
            }

            if (rentedApplies is not null)
            {
                ArrayPool<bool>.Shared.Return(rentedApplies);
            }
        }
    }

    /// <summary>
    /// The 64-bit evaluation of a ticket's events up to <paramref name="at"/> (with their policy ids):
    /// <c>false</c> when an instant lies outside the window or the ticket needs the general evaluation.
    /// </summary>
    internal bool TryRunNanos(Ticket ticket, ReadOnlySpan<TicketEvent> events, ReadOnlySpan<int> ids, ReadOnlySpan<bool> applies, int zone, Instant at,
        Span<TargetEvaluation> results)
    {
        if (!TryNanos(at, out long atNanos))
        {
            return false;
        }

        long[]? rented = null;
        Span<long> times = events.Length > StackEvents ? (rented = ArrayPool<long>.Shared.Rent(events.Length)) : stackalloc long[StackEvents];
        try
        {
            for (int k = 0; k < events.Length; k++)
            {
                if (!TryNanos(events[k].At, out times[k]))
                {
                    return false;
                }
            }

            return TryRunNanos(ticket, times[..events.Length], ids, applies, zone, atNanos, results);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The general evaluation of a ticket's events up to <paramref name="at"/> (with their policy ids), on
    /// NodaTime values: every instant NodaTime holds, every cycle, and the explanation.
    /// </summary>
    internal void RunInstants(Ticket ticket, ReadOnlySpan<TicketEvent> events, ReadOnlySpan<int> ids, ReadOnlySpan<bool> applies, int zone, Instant at,
        Span<TargetEvaluation> results, List<StringBuilder>? explain, List<TargetEvaluation>? allCycles)
    {
        Instant[]? rented = null;
        Span<Instant> times = events.Length > StackEvents ? (rented = ArrayPool<Instant>.Shared.Rent(events.Length)) : stackalloc Instant[StackEvents];
        try
        {
            for (int k = 0; k < events.Length; k++)
            {
                times[k] = events[k].At;
            }

            RunResolved(ticket, times[..events.Length], ids, applies, zone, at, results, explain, allCycles);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<Instant>.Shared.Return(rented);
            }
        }
    }

    /// <summary>How many events (sorted by instant) happened at or before <paramref name="at"/>.</summary>
    internal static int CountUpTo(ReadOnlySpan<TicketEvent> events, Instant at)
    {
        int count = 0;
        while (count < events.Length && events[count].At <= at)
        {
            count++;
        }

        return count;
    }

    /// <summary>The policy's id of each event name (-1 for names it does not know).</summary>
    internal void ResolveIds(ReadOnlySpan<TicketEvent> events, Span<int> ids)
    {
        for (int k = 0; k < events.Length; k++)
        {
            ids[k] = _eventIds.TryGetValue(events[k].Name, out int id) ? id : -1;
        }
    }

    /// <summary>Index of the zone (and of the calendars compiled in it) a ticket's project uses.</summary>
    internal int ZoneIndex(Ticket ticket) =>
        ticket.Project is { } p && _projectZones.TryGetValue(p, out int index) ? index : 0;

    /// <summary>
    /// Evaluates a ticket whose events up to <paramref name="at"/> are given as instants and policy ids,
    /// with which targets apply and its zone already worked out (the bulk path does that once per batch);
    /// <paramref name="results"/> holds at least one evaluation per target (<c>Run</c> checks the public span).
    /// </summary>
    private void RunResolved(Ticket ticket, ReadOnlySpan<Instant> times, ReadOnlySpan<int> ids, ReadOnlySpan<bool> applies, int zone, Instant at,
        Span<TargetEvaluation> results, List<StringBuilder>? explain, List<TargetEvaluation>? allCycles)
    {
        int cycles = 1;
        if (_reopenId >= 0)
        {
            foreach (int id in ids)
            {
                cycles += id == _reopenId ? 1 : 0;
            }
        }

        var context = new Context(ticket, times, ids, at, _zones[zone], cycles);
        var clocks = _clocks[zone];
        if (_reopenId < 0 || cycles == 1)
        {
            for (int i = 0; i < Targets.Length; i++)
            {
                var target = Targets[i];
                var text = NewText(explain);
                results[i] = applies[i]
                    ? EvaluateCycle(target, clocks[i], in context, 0, ids.Length, null, 0, results[..i], text)
                    : NotApplicable(target);
                if (allCycles is not null && results[i].IsApplicable)
                {
                    allCycles.Add(results[i]);
                }
            }

            return;
        }

        RunCycles(in context, clocks, applies, results, explain, allCycles);
    }

    /// <summary>
    /// Several cycles: evaluates every target cycle by cycle, so that a chained target follows the step
    /// before it in the same cycle; then reports the cycle each target's policy chooses. Out of line, so
    /// that the common single-cycle evaluation stays small.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunCycles(in Context context, WorkingCalendar?[] clocks, ReadOnlySpan<bool> applies, Span<TargetEvaluation> results,
        List<StringBuilder>? explain, List<TargetEvaluation>? allCycles)
    {
        var ids = context.Ids;
        var times = context.Times;
        int cycles = context.Cycles;
        int width = Targets.Length;
        var buffer = ArrayPool<TargetEvaluation>.Shared.Rent(width * cycles);
        try
        {
            int from = 0;
            Instant? cycleStart = null;
            for (int c = 0, k = 0; c < cycles; c++)
            {
                while (k < ids.Length && ids[k] != _reopenId)
                {
                    k++;
                }

                var row = buffer.AsSpan(c * width, width);
                for (int i = 0; i < width; i++)
                {
                    row[i] = applies[i]
                        ? EvaluateCycle(Targets[i], clocks[i], in context, from, k, cycleStart, c, row[..i], null)
                        : NotApplicable(Targets[i]);
                }

                if (k < ids.Length)
                {
                    cycleStart = times[k];
                    from = ++k;
                }
            }

            for (int i = 0; i < width; i++)
            {
                int chosen = Targets[i].Cycle switch
                {
                    CycleChoice.First => 0,
                    CycleChoice.Last => cycles - 1,
                    _ => Worst(buffer, width, cycles, i),
                };
                results[i] = buffer[(chosen * width) + i];
                if (NewText(explain) is { } text && results[i].IsApplicable)
                {
                    text.Append(CultureInfo.InvariantCulture, $"[cycle {chosen + 1} of {cycles}, {Targets[i].Cycle}] ");
                    var (lo, hi, start) = CycleRange(times, ids, chosen);
                    EvaluateCycle(Targets[i], clocks[i], in context, lo, hi, start, chosen, buffer.AsSpan(chosen * width, i), text);
                }

                for (int c = 0; allCycles is not null && results[i].IsApplicable && c < cycles; c++)
                {
                    allCycles.Add(buffer[(c * width) + i]);
                }
            }
        }
        finally
        {
            ArrayPool<TargetEvaluation>.Shared.Return(buffer, clearArray: true);
        }
    }

    // The explanation is written by these helpers, out of line, so that the evaluation itself stays a
    // small method the JIT optimizes well (the text is only built by Explain).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Say(StringBuilder text, string before, string? name, string after, Instant instant, DateTimeZone zone) =>
        text.Append(before).Append(name).Append(after).Append(Local(instant, zone));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SayClock(StringBuilder text, SlaTarget target, WorkingCalendar? calendar) =>
        text.Append(CultureInfo.InvariantCulture, $"; clock: {(calendar is null ? "wall clock" : $"business time of calendar '{target.CalendarName}' ({calendar.Zone.Id})")}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SayBudget(StringBuilder text, int days, bool endOfDay, Duration? budget) =>
        text.Append(CultureInfo.InvariantCulture, $"; budget {days} working day(s){(endOfDay ? " to the end of the day" : "")} = {(budget is null ? "beyond the calendar horizon" : Format(budget.Value))}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SayPauses(StringBuilder text, int pauses, Duration paused, bool pausedNow) =>
        text.Append(CultureInfo.InvariantCulture, $"; {pauses} pause(s) subtracted, {Format(paused)} on the target's clock{(pausedNow ? ", paused now: due shown as if resumed now" : "")}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SayOutcome(StringBuilder text, Instant? due, TargetState state, Duration lateBy, DateTimeZone zone)
    {
        text.Append(CultureInfo.InvariantCulture, $"; due {(due is null ? "unknown" : Local(due.Value, zone))}; {state}");
        if (lateBy > Duration.Zero)
        {
            text.Append(CultureInfo.InvariantCulture, $", late by {Format(lateBy)} ({LateDays(lateBy)} started day(s))");
        }

        text.Append('.');
    }

    private static StringBuilder? NewText(List<StringBuilder>? explain)
    {
        if (explain is null)
        {
            return null;
        }

        var text = new StringBuilder();
        explain.Add(text);
        return text;
    }

    /// <summary>A target that has no measures: not started (perhaps with a fixed due instant) or canceled.</summary>
    private static TargetEvaluation Unmeasured(SlaTarget target, int cycle, int cycles, TargetState state, Instant? start, Instant? stop, Instant? due) =>
        new() { Target = target, Cycle = cycle, CycleCount = cycles, ChosenCandidate = -1, State = state, Start = start, Stop = stop, Due = due };

    private static TargetEvaluation NotApplicable(SlaTarget target) =>
        new() { Target = target, State = TargetState.NotApplicable, ChosenCandidate = -1 };

    private static int Worst(TargetEvaluation[] buffer, int width, int cycles, int target)
    {
        int worst = 0;
        for (int c = 1; c < cycles; c++)
        {
            if (Worse(buffer[(c * width) + target], buffer[(worst * width) + target]))
            {
                worst = c;
            }
        }

        return worst;
    }

    private (int From, int To, Instant? Start) CycleRange(ReadOnlySpan<Instant> times, ReadOnlySpan<int> ids, int cycle)
    {
        int from = 0;
        Instant? start = null;
        for (int c = 0, k = 0; ; k++)
        {
            if (k == ids.Length || ids[k] == _reopenId)
            {
                if (c == cycle)
                {
                    return (from, k, start);
                }

                c++;
                from = k + 1;
                start = k < times.Length ? times[k] : null;
            }
        }
    }

    private static bool Worse(in TargetEvaluation a, in TargetEvaluation b)
    {
        static int Rank(TargetState s) => s switch
        {
            TargetState.Breached => 3,
            TargetState.MetLate => 2,
            TargetState.Running or TargetState.Paused => 1,
            _ => 0,
        };
        int ra = Rank(a.State);
        int rb = Rank(b.State);
        return ra != rb ? ra > rb : a.LateBy != b.LateBy ? a.LateBy > b.LateBy : a.PercentUsed > b.PercentUsed;
    }

    private TargetEvaluation EvaluateCycle(SlaTarget target, WorkingCalendar? calendar, in Context context, int lo, int hi, Instant? cycleStart, int cycle,
        ReadOnlySpan<TargetEvaluation> prior, StringBuilder? text)
    {
        var times = context.Times;
        var ids = context.Ids;
        text?.Append(target.Id).Append(target.Rule is null ? ": " : $" ({target.Rule}): ");

        // 1. Start.
        Instant? start = null;
        switch (target.StartKind)
        {
            case StartKind.Event:
                for (int k = lo; k < hi; k++)
                {
                    if (Contains(target.StartIds, ids[k]))
                    {
                        start = times[k];
                        if (text is not null)
                        {
                            Say(text, "started at '", context.Ticket.Events[k].Name, "' ", start.Value, context.Zone);
                        }
                        break;
                    }
                }

                if (start is null && cycleStart is not null && target.RestartOnReopen)
                {
                    start = cycleStart;
                    if (text is not null)
                    {
                        Say(text, "restarted at the reopen", null, " ", start.Value, context.Zone);
                    }
                }

                break;
            case StartKind.Field:
                if (context.Ticket.Fields.TryGetValue(target.StartField!, out var field))
                {
                    start = field;
                    if (text is not null)
                    {
                        Say(text, "started at field '", target.StartField, "' ", field, context.Zone);
                        text.Append(" (backdated start)");
                    }
                }

                break;
            default:
                var previous = prior[target.StartTargetIndex];
                start = target.ChainUse switch
                {
                    ChainUse.Actual => previous.Stop,
                    ChainUse.Due => previous.Due,
                    _ => previous.Stop ?? previous.Due,
                };
                if (start is { } chained && text is not null)
                {
                    string which = previous.Stop == chained && target.ChainUse != ChainUse.Due ? "started at the actual stop" : "started at the due time";
                    Say(text, which + " of previous step '", target.StartTarget, "' ", chained, context.Zone);
                }

                break;
        }

        if (start is { } s0 && target.ResetId >= 0)
        {
            for (int k = lo; k < hi; k++)
            {
                if (ids[k] == target.ResetId && times[k] >= s0)
                {
                    start = times[k];
                }
            }

            if (start != s0)
            {
                if (text is not null)
                {
                    Say(text, ", reset at", null, " ", start!.Value, context.Zone);
                }
            }
        }

        if (start is null || start.Value > context.At)
        {
            text?.Append("not started.");
            Instant? fixedDue = target.Due == DueKind.Field && context.Ticket.Fields.TryGetValue(target.DueField!, out var anchorField) ? anchorField + target.DueOffset : null;
            return Unmeasured(target, cycle, context.Cycles, TargetState.NotStarted, null, null, fixedDue);
        }

        var begin = start.Value;

        // 2. Stop and cancel, found by index (the instants are read from the events where needed).
        int stopAt = -1;
        int cancelAt = -1;
        for (int k = lo; k < hi; k++)
        {
            if (times[k] < begin)
            {
                continue;
            }

            // The first stop ends the search: only a cancel before it counts.
            if (Contains(target.StopIds, ids[k]))
            {
                stopAt = k;
                break;
            }

            if (cancelAt < 0 && ids[k] == target.CancelId)
            {
                cancelAt = k;
            }
        }

        if (cancelAt >= 0)
        {
            if (text is not null)
            {
                Say(text, "; canceled at", null, " ", times[cancelAt], context.Zone);
                text.Append('.');
            }

            return Unmeasured(target, cycle, context.Cycles, TargetState.Canceled, begin, stopAt >= 0 ? times[stopAt] : null, null);
        }

        if (text is not null)
        {
            SayClock(text, target, calendar);
        }

        return target.Due == DueKind.Daily
            ? Daily(target, calendar, in context, lo, hi, in begin, stopAt, cycle, text)
            : Measure(target, calendar, in context, lo, hi, in begin, stopAt, cycle, prior, text);
    }

    /// <summary>
    /// Steps 3 to 5 for a target that started and was not canceled: budget and pauses, the due instant,
    /// the measures. A method of its own, so that each half keeps its values in registers.
    /// </summary>
    private static TargetEvaluation Measure(SlaTarget target, WorkingCalendar? calendar, in Context context, int lo, int hi, in Instant begin, int stopAt,
        int cycle, ReadOnlySpan<TargetEvaluation> prior, StringBuilder? text)
    {
        Instant? stop = stopAt >= 0 ? context.Times[stopAt] : null;
        var end = stopAt >= 0 ? context.Times[stopAt] : context.At;
        var clock = new Clock(calendar);
        var times = context.Times;
        var ids = context.Ids;

        // 3. Budget, and pauses walked in order: the due instant moves by the working time paused before it.
        Duration? budget = target.Budget;
        bool needsBudget = target.NeedsBudget;
        Instant? dayEnd = null;
        if (needsBudget && target.WorkingDays is int days && calendar is not null)
        {
            budget = WorkingDaysBudget(calendar, begin, days, target.EndOfDay, ref clock, out dayEnd);
            if (text is not null)
            {
                SayBudget(text, days, target.EndOfDay, budget);
            }
        }
        else if (needsBudget && budget is { } b)
        {
            text?.Append("; budget ").Append(Format(b));
        }

        var walk = new BudgetWalk(begin, budget, target.Landing);
        bool paused = false;
        Instant pauseStart = default;
        int pauses = 0;
        if (target.PauseId >= 0)
        {
            // Events before the start still tell whether the ticket is paused when the clock starts
            // (a reset or a chained start during a pause): such a pause counts from the start.
            for (int k = lo; k < hi; k++)
            {
                var at = times[k];
                if (at >= end)
                {
                    break;
                }

                if (ids[k] == target.PauseId && !paused)
                {
                    paused = true;
                    pauseStart = at < begin ? begin : at;
                }
                else if (ids[k] == target.ResumeId && paused)
                {
                    paused = false;
                    if (at > begin)
                    {
                        pauses++;
                        walk.Pause(ref clock, pauseStart, at);
                    }
                }
            }

            if (paused)
            {
                pauses++;
                walk.Pause(ref clock, pauseStart, end);
            }
        }

        bool pausedNow = paused && stop is null;
        // Without pauses an end-of-day budget lands back on the end of the day: working time runs up to it,
        // so it is the earliest instant with its working-time position, which is what Add finds at the edge.
        Instant? budgetDue = pauses == 0 && target.Landing == GapLanding.AtEdge && dayEnd is { } closing && closing >= begin ? dayEnd : walk.Due(ref clock);
        if (pauses > 0)
        {
            if (text is not null)
            {
                SayPauses(text, pauses, walk.Paused, pausedNow);
            }
        }

        // 4. The due instant.
        Instant? due = null;
        int chosen = -1;
        switch (target.Due)
        {
            case DueKind.Budget:
                due = budgetDue;
                break;
            case DueKind.Field:
                if (context.Ticket.Fields.TryGetValue(target.DueField!, out var anchor))
                {
                    due = anchor + target.DueOffset;
                    if (text is not null)
                    {
                        Say(text, "; due " + FormatOffset(target.DueOffset) + " field '", target.DueField, "' ", anchor, context.Zone);
                    }
                }
                else
                {
                    text?.Append("; field '").Append(target.DueField).Append("' not set, so no due time yet");
                }

                break;
            default:
                due = Earliest(target, in context, budgetDue, prior, text, out chosen);
                break;
        }

        // 5. Measures on the target's own clock. Working time is additive (W(a, c) = W(a, b) + W(b, c)),
        // so two readings give them all: the run W(start, end) and W(start, due). For a budget due
        // instant no reading is needed for the second: the walk places the due instant so that
        // W(start, due) = budget + the pauses before it, and the time allowed (W(start, due) less those
        // pauses) is exactly the budget. When a reading fails (outside the horizon), every measure is read
        // on its own.
        var run = clock.Between(begin, end);
        var elapsed = run - walk.Paused;
        Duration allowed = Duration.Zero;
        Duration remaining = Duration.Zero;
        Duration lateOnClock = Duration.Zero;
        if (due is { } d)
        {
            bool exact = target.Due == DueKind.Budget && budget is not null;
            bool derived = !clock.Failed && (exact || pauses == 0);
            if (derived)
            {
                var toDue = exact ? budget!.Value + walk.PausedBeforeDue : clock.Between(begin, d);
                allowed = exact ? budget!.Value : toDue;
                remaining = toDue - run;
                lateOnClock = end > d ? run - toDue : Duration.Zero;
            }

            // Read on its own when derivation was not possible or its reading of W(start, due) failed.
            if (!derived || clock.Failed)
            {
                // The time allowed: the clock time from the start to the due instant less the pauses before
                // it. Fixed once the due instant passes, so the percentage used never goes down as time
                // goes on, paused or not.
                remaining = clock.Between(end, d);
                allowed = clock.Between(begin, d) - PausedWithin(target, in context, lo, hi, begin, d < end ? d : end, ref clock);
                lateOnClock = end > d ? clock.Between(d, end) : Duration.Zero;
            }
        }

        double percent = due is null ? 0
            : allowed > Duration.Zero ? Nanoseconds.Percent(elapsed, allowed)
            : end >= due.Value ? 100 : 0;
        var lateBy = due is { } d2 && end > d2 ? end - d2 : Duration.Zero;
        var state = stop is not null
            ? (due is { } d4 && stop.Value > d4 ? TargetState.MetLate : TargetState.Met)
            : due is { } d5 && end > d5 ? TargetState.Breached
            : pausedNow ? TargetState.Paused
            : TargetState.Running;

        int level = Level(target.Thresholds, percent);

        int escalation = 0;
        for (int e = 0; e < target.Escalation.Length; e++)
        {
            if (target.Escalation[e].IsReached(percent, elapsed))
            {
                escalation = e + 1;
            }
        }

        if (text is not null)
        {
            SayOutcome(text, due, state, lateBy, context.Zone);
        }

        return new TargetEvaluation
        {
            Target = target,
            Cycle = cycle,
            CycleCount = context.Cycles,
            ChosenCandidate = chosen,
            Start = begin,
            Stop = stop,
            State = state,
            Due = due,
            Elapsed = elapsed,
            Remaining = remaining,
            Paused = walk.Paused,
            PercentUsed = percent,
            WarningLevel = level,
            EscalationLevel = escalation,
            LateBy = lateBy,
            LateOnClock = lateOnClock,
            LateDays = LateDays(lateBy),
            CalendarProblem = clock.Failed,
            Extrapolated = clock.Extrapolated,
        };
    }

    /// <summary>
    /// A working-days budget: the business time from <paramref name="begin"/> to the n-th working day
    /// (its end, or the same time of day); <paramref name="dayEnd"/> is that end when it is one.
    /// </summary>
    private static Duration? WorkingDaysBudget(WorkingCalendar calendar, Instant begin, int days, bool endOfDay, ref Clock clock, out Instant? dayEnd)
    {
        var nominal = endOfDay ? calendar.EndOfWorkingDay(begin, days) : calendar.AddWorkingDays(begin, days);
        clock.Note(nominal.Status);
        Duration? budget = nominal.TryGetValue(out var nominalDue) ? clock.Between(begin, nominalDue) : null;
        dayEnd = endOfDay && budget is not null ? nominalDue : null;
        return budget;
    }

    /// <summary>Clock time paused within [<paramref name="from"/>, <paramref name="until"/>); an open pause runs to <paramref name="until"/>.</summary>
    private static Duration PausedWithin(SlaTarget target, in Context context, int lo, int hi, Instant from, Instant until, ref Clock clock)
    {
        if (target.PauseId < 0 || until <= from)
        {
            return Duration.Zero;
        }

        var total = Duration.Zero;
        bool paused = false;
        Instant pauseStart = default;
        for (int k = lo; k < hi; k++)
        {
            var at = context.Times[k];
            if (at >= until)
            {
                break;
            }

            if (context.Ids[k] == target.PauseId && !paused)
            {
                paused = true;
                pauseStart = at < from ? from : at;
            }
            else if (context.Ids[k] == target.ResumeId && paused)
            {
                paused = false;
                if (at > pauseStart)
                {
                    total += clock.Between(pauseStart, at);
                }
            }
        }

        return paused && until > pauseStart ? total + clock.Between(pauseStart, until) : total;
    }

    private static Instant? Earliest(SlaTarget target, in Context context, Instant? budgetDue, ReadOnlySpan<TargetEvaluation> prior, StringBuilder? text, out int chosen)
    {
        Instant? best = null;
        chosen = -1;
        for (int c = 0; c < target.Candidates.Length; c++)
        {
            var candidate = target.Candidates[c];
            Instant? value = candidate.IsBudget ? budgetDue
                : candidate.Field is { } f ? (context.Ticket.Fields.TryGetValue(f, out var v) ? v + candidate.Offset : null)
                : prior[candidate.TargetIndex].Due;
            if (value is { } x && (best is null || x < best.Value))
            {
                best = x;
                chosen = c;
            }
        }

        if (text is not null)
        {
            var values = new List<(string Label, Instant? Value)>();
            for (int c = 0; c < target.Candidates.Length; c++)
            {
                var candidate = target.Candidates[c];
                Instant? value = candidate.IsBudget ? budgetDue
                    : candidate.Field is { } f ? (context.Ticket.Fields.TryGetValue(f, out var v) ? v + candidate.Offset : null)
                    : prior[candidate.TargetIndex].Due;
                values.Add((candidate.Label, value));
            }

            var zone = context.Zone;
            if (chosen < 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; due is the earliest of {string.Join(", ", values.Select(x => x.Label))}, none of which is set");
            }
            else
            {
                int pick = chosen;
                var winner = values[pick];
                var rest = values.Where((_, i) => i != pick).Select(x => x.Value is null ? $"{x.Label} (not set)" : $"{x.Label} {Local(x.Value.Value, zone)}");
                text.Append(CultureInfo.InvariantCulture, $"; due is the earliest: {winner.Label} {Local(winner.Value!.Value, zone)} is earlier than {string.Join(" and ", rest)}");
            }
        }

        return best;
    }

    private static TargetEvaluation Daily(SlaTarget target, WorkingCalendar? calendar, in Context context, int lo, int hi, in Instant begin, int stopAt,
        int cycle, StringBuilder? text)
    {
        Instant? stop = stopAt >= 0 ? context.Times[stopAt] : null;
        var end = stopAt >= 0 ? context.Times[stopAt] : context.At;
        var zone = context.Zone;
        var date = begin.InZone(zone).Date;
        Instant previous = begin;
        Instant? next = null;
        int misses = 0;
        bool outsideHorizon = false;
        int k = lo;
        var times = context.Times;
        var ids = context.Ids;

        // Bounded: one iteration per day from the start to the end (plus at most 400 days to find
        // the next working day).
        while (true)
        {
            var deadline = ZoneMath.AtLeniently(zone, date + target.DailyAt);
            var day = date;
            date = date.PlusDays(1);
            if (deadline <= begin)
            {
                continue;
            }

            bool counts = calendar is null || calendar.IsWorkingDay(day);
            if (calendar is not null && (day < calendar.HorizonStart || day >= calendar.HorizonEnd))
            {
                outsideHorizon = true;
            }

            if (deadline > end)
            {
                if (counts)
                {
                    next = stop is null ? deadline : null;
                    break;
                }

                if (deadline > end + Duration.FromDays(400))
                {
                    break;
                }

                continue;
            }

            if (!counts)
            {
                continue;
            }

            bool satisfied = false;
            while (k < hi && times[k] <= deadline)
            {
                if (ids[k] == target.SatisfiedById && times[k] > previous)
                {
                    satisfied = true;
                }

                k++;
            }

            if (!satisfied)
            {
                misses++;
            }

            previous = deadline;
        }

        var state = stop is not null
            ? (misses == 0 ? TargetState.Met : TargetState.MetLate)
            : misses > 0 ? TargetState.Breached : TargetState.Running;
        double percent = next is { } n && n > previous ? Nanoseconds.Percent(end - previous, n - previous) : 0;
        text?.Append(CultureInfo.InvariantCulture, $"; '{target.SatisfiedBy}' due daily at {target.DailyAt:HH':'mm}; {misses} day(s) missed; next due {(next is null ? "none" : Local(next.Value, zone))}; {state}.");
        return new TargetEvaluation
        {
            Target = target,
            Cycle = cycle,
            CycleCount = context.Cycles,
            ChosenCandidate = -1,
            Start = begin,
            Stop = stop,
            State = state,
            Due = next,
            Elapsed = end - begin,
            Remaining = next is { } r ? r - end : Duration.Zero,
            PercentUsed = percent,
            Misses = misses,
            WarningLevel = Level(target.Thresholds, percent),
            CalendarProblem = outsideHorizon,
        };
    }

    /// <summary>How many thresholds <paramref name="percent"/> has reached; the policy lists them strictly ascending.</summary>
    private static int Level(ImmutableArray<double> thresholds, double percent)
    {
        var values = thresholds.AsSpan();
        int level = 0;
        while (level < values.Length && percent >= values[level])
        {
            level++;
        }

        return level;
    }

    private static int LateDays(Duration lateBy) => (int)Nanoseconds.StartedUnits(lateBy, Duration.FromDays(1));

    private static int LateDays(long lateBy) =>
        lateBy <= 0 ? 0 : (int)((lateBy + NodaConstants.NanosecondsPerDay - 1) / NodaConstants.NanosecondsPerDay);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Contains(int[] ids, int id)
    {
        foreach (int x in ids)
        {
            if (x == id)
            {
                return true;
            }
        }

        return false;
    }

    private int IdOf(string? name) => name is null ? -1 : _eventIds[name];

    private static string Local(Instant instant, DateTimeZone zone) => LocalPattern.Format(instant.InZone(zone).LocalDateTime);

    private static string Format(Duration duration) => duration.ToString("-H:mm:ss", CultureInfo.InvariantCulture);

    private static string FormatOffset(Duration offset) =>
        offset == Duration.Zero ? "at" : offset < Duration.Zero ? $"{Format(-offset)} before" : $"{Format(offset)} after";

    /// <summary>
    /// A target's clock: wall time, or a calendar's working time; remembers horizon failures and
    /// extrapolation. Reads the calendar in nanoseconds and remembers the last two instants' working-time
    /// positions (the start is read by almost every measure), so each measure costs one position look-up.
    /// </summary>
    private struct Clock(WorkingCalendar? calendar)
    {
        public bool Failed;
        public bool Extrapolated;
        private Instant _instant0;
        private long _nanos0;
        private long _position0;
        private Instant _instant1;
        private long _nanos1;
        private long _position1;
        private int _cached;

        public Duration Between(Instant a, Instant b)
        {
            if (calendar is null)
            {
                return b - a;
            }

            if (!Read(a, out long na, out long pa) || !Read(b, out long nb, out long pb))
            {
                Failed = true;
                return Duration.Zero;
            }

            Note(calendar.StatusOf(Math.Min(na, nb), Math.Max(na, nb)));
            return Duration.FromNanoseconds(pb - pa);
        }

        public Instant? Add(Instant start, Duration duration, GapLanding landing)
        {
            if (calendar is null)
            {
                return start + duration;
            }

            var total = calendar.TotalWorkingTime;
            if (!Read(start, out long s, out long position)
                || duration > total || duration < -total
                || calendar.AddAt(s, position, duration.ToInt64Nanoseconds(), landing, out long result) != 0)
            {
                Failed = true;
                return null;
            }

            Note(calendar.StatusOf(Math.Min(s, result), Math.Max(s, result)));
            return WorkingCalendar.FromNanos(result);
        }

        public void Note(CalendarStatus status)
        {
            Failed |= status > CalendarStatus.OutsideHolidayData;
            Extrapolated |= status == CalendarStatus.OutsideHolidayData;
        }

        private bool Read(Instant instant, out long nanos, out long position)
        {
            if (_cached > 0 && instant == _instant0)
            {
                (nanos, position) = (_nanos0, _position0);
                return true;
            }

            if (_cached > 1 && instant == _instant1)
            {
                (nanos, position) = (_nanos1, _position1);
                return true;
            }

            if (!calendar!.TryRead(instant, out nanos, out position))
            {
                return false;
            }

            // A miss evicts the older of the two entries.
            (_instant1, _nanos1, _position1) = (_instant0, _nanos0, _position0);
            (_instant0, _nanos0, _position0) = (instant, nanos, position);
            _cached = Math.Min(_cached + 1, 2);
            return true;
        }
    }

    /// <summary>Walks the pauses in order: the due instant moves by the clock time paused before it is reached.</summary>
    private struct BudgetWalk(Instant start, Duration? budget, GapLanding landing)
    {
        private Instant _cursor = start;
        private Duration? _remaining = budget;
        private Instant? _due;

        public Duration Paused { get; private set; }

        /// <summary>The paused clock time before the due instant: every pause that starts before it (and so ends at or before it).</summary>
        public Duration PausedBeforeDue { get; private set; }

        public void Pause(ref Clock clock, Instant from, Instant to)
        {
            var length = clock.Between(from, to);
            Paused += length;
            if (_due is not null || _remaining is not { } remaining)
            {
                return;
            }

            var due = clock.Add(_cursor, remaining, landing);
            if (due is null)
            {
                _remaining = null;
            }
            else if (due.Value <= from)
            {
                _due = due;
            }
            else
            {
                _remaining = remaining - clock.Between(_cursor, from);
                _cursor = to;
                PausedBeforeDue += length;
            }
        }

        public readonly Instant? Due(ref Clock clock) => _due ?? (_remaining is { } remaining ? clock.Add(_cursor, remaining, landing) : null);
    }

    private readonly ref struct Context(Ticket ticket, ReadOnlySpan<Instant> times, ReadOnlySpan<int> ids, Instant at, DateTimeZone zone, int cycles)
    {
        public Ticket Ticket { get; } = ticket;

        /// <summary>The instants of the ticket's events up to the evaluation instant (names: <c>Ticket.Events</c>, same index).</summary>
        public ReadOnlySpan<Instant> Times { get; } = times;

        public ReadOnlySpan<int> Ids { get; } = ids;

        public Instant At { get; } = at;

        public DateTimeZone Zone { get; } = zone;

        public int Cycles { get; } = cycles;
    }
}
