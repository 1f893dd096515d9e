using Feedback.Calendars;
using NodaTime;

namespace Feedback.Sla;

/// <summary>
/// The evaluation in 64-bit nanoseconds since the Unix epoch: the same rules as the general evaluation
/// (<c>EvaluateCycle</c>, <c>Measure</c> and <c>Daily</c>), on plain <see langword="long"/> instants and durations, which
/// keeps a target's whole state in registers instead of 16- and 24-byte NodaTime values on the stack.
/// It handles a ticket when every instant it meets lies within <see cref="NanosWindow"/> of the epoch and
/// the ticket has one cycle; otherwise it says so and the general evaluation runs. A property test holds
/// the two equal.
/// </summary>
public sealed partial class SlaPolicy
{
    /// <summary>
    /// The instants the 64-bit evaluation handles: within 4 × 10^18 ns (about 126.7 years) of the Unix
    /// epoch, from March 1843 to October 2096. The difference of any two such instants, and the sum of one
    /// with any policy duration (at most ten years), fit in 64 bits; every instant the evaluation computes
    /// is checked against the window again.
    /// </summary>
    internal const long NanosWindow = 4_000_000_000_000_000_000;

    /// <summary>No instant (a <c>null</c> <see cref="Instant"/>?); also "no budget".</summary>
    private const long None = long.MinValue;

    private static readonly Duration WindowDuration = Duration.FromNanoseconds(NanosWindow);

    /// <summary>Whether <paramref name="nanos"/> lies within <see cref="NanosWindow"/> of the epoch.</summary>
    internal static bool InWindow(long nanos) => nanos >= -NanosWindow && nanos <= NanosWindow;

    /// <summary>The nanoseconds since the epoch of an instant within <see cref="NanosWindow"/>; <c>false</c> outside.</summary>
    internal static bool TryNanos(Instant instant, out long nanos)
    {
        var fromEpoch = instant - NodaConstants.UnixEpoch;
        if (fromEpoch > WindowDuration || fromEpoch < -WindowDuration)
        {
            nanos = 0;
            return false;
        }

        nanos = fromEpoch.ToInt64Nanoseconds();
        return true;
    }

    /// <summary>A duration of nanoseconds; most pauses and lateness are zero, which needs no conversion.</summary>
    private static Duration ToDuration(long nanos) => nanos == 0 ? Duration.Zero : Duration.FromNanoseconds(nanos);

    /// <summary>How many instants (sorted) are at or before <paramref name="at"/>.</summary>
    internal static int CountUpTo(ReadOnlySpan<long> times, long at)
    {
        int count = 0;
        while (count < times.Length && times[count] <= at)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Evaluates a ticket whose events up to <paramref name="at"/> are given in nanoseconds (all within the
    /// window) with their policy ids, in 64-bit arithmetic.
    /// </summary>
    /// <returns>
    /// <c>true</c> with every result written; <c>false</c> when the ticket needs the general evaluation
    /// (a reopen, or an instant outside the window met on the way), in which case
    /// <paramref name="results"/> holds partial results to be overwritten.
    /// </returns>
    internal bool TryRunNanos(Ticket ticket, ReadOnlySpan<long> times, ReadOnlySpan<int> ids, ReadOnlySpan<bool> applies, int zone, long at,
        Span<TargetEvaluation> results)
    {
        if (_reopenId >= 0 && ids.Contains(_reopenId))
        {
            return false;
        }

        var clocks = _clocks[zone];
        var targets = Targets.AsSpan();
        var positions = default(Positions);
        for (int i = 0; i < targets.Length; i++)
        {
            if (!applies[i])
            {
                results[i] = NotApplicable(targets[i]);
            }
            else if (!TryEvaluateNanos(targets[i], clocks[i], _zones[zone], ticket, times, ids, at, results[..i], ref positions, out results[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One target of a one-cycle ticket: <c>EvaluateCycle</c> in nanoseconds.</summary>
    private static bool TryEvaluateNanos(SlaTarget target, WorkingCalendar? calendar, DateTimeZone zone, Ticket ticket, ReadOnlySpan<long> times,
        ReadOnlySpan<int> ids, long at, ReadOnlySpan<TargetEvaluation> prior, ref Positions positions, out TargetEvaluation result)
    {
        // Every path assigns the result once: zeroing the 200-byte struct first costs more than a measure.
        // 1. Start.
        long start = None;
        switch (target.StartKind)
        {
            case StartKind.Event:
                for (int k = 0; k < ids.Length; k++)
                {
                    if (Contains(target.StartIds, ids[k]))
                    {
                        start = times[k];
                        break;
                    }
                }

                break;
            case StartKind.Field:
                if (ticket.Fields.TryGetValue(target.StartField!, out var field) && !TryNanos(field, out start))
                {
                    result = default;
                    return false;
                }

                break;
            default:
                var previous = prior[target.StartTargetIndex];
                Instant? chained = target.ChainUse switch
                {
                    ChainUse.Actual => previous.Stop,
                    ChainUse.Due => previous.Due,
                    _ => previous.Stop ?? previous.Due,
                };
                if (chained is { } c && !TryNanos(c, out start))
                {
                    result = default;
                    return false;
                }

                break;
        }

        if (start != None && target.ResetId >= 0)
        {
            long first = start;
            for (int k = 0; k < ids.Length; k++)
            {
                if (ids[k] == target.ResetId && times[k] >= first)
                {
                    start = times[k];
                }
            }
        }

        if (start == None || start > at)
        {
            Instant? fixedDue = target.Due == DueKind.Field && ticket.Fields.TryGetValue(target.DueField!, out var anchorField) ? anchorField + target.DueOffset : null;
            result = Unmeasured(target, 0, 1, TargetState.NotStarted, null, null, fixedDue);
            return true;
        }

        // 2. Stop and cancel.
        int stopAt = -1;
        int cancelAt = -1;
        var stopIds = target.StopIds;
        for (int k = 0; k < ids.Length; k++)
        {
            if (times[k] < start)
            {
                continue;
            }

            // The first stop ends the search: only a cancel before it counts.
            if (Contains(stopIds, ids[k]))
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
            result = Unmeasured(target, 0, 1, TargetState.Canceled, WorkingCalendar.FromNanos(start), stopAt >= 0 ? WorkingCalendar.FromNanos(times[stopAt]) : null, null);
            return true;
        }

        return target.Due == DueKind.Daily
            ? TryDailyNanos(target, calendar, zone, times, ids, at, start, stopAt, out result)
            : TryMeasureNanos(target, calendar, ticket, times, ids, at, start, stopAt, prior, ref positions, out result);
    }

    /// <summary><c>Daily</c> in nanoseconds: the deadlines from the start's date on, each day's satisfying event, the misses.</summary>
    private static bool TryDailyNanos(SlaTarget target, WorkingCalendar? calendar, DateTimeZone zone, ReadOnlySpan<long> times, ReadOnlySpan<int> ids, long at,
        long begin, int stopAt, out TargetEvaluation result)
    {
        long stop = stopAt >= 0 ? times[stopAt] : None;
        long end = stopAt >= 0 ? times[stopAt] : at;
        var first = WorkingCalendar.FromNanos(begin).InZone(zone).Date;
        int dayOfHorizon = calendar is null ? 0 : Period.DaysBetween(calendar.HorizonStart, first);
        long previous = begin;
        long next = None;
        int misses = 0;
        bool outsideHorizon = false;
        int k = 0;

        // Within one of the zone's intervals (a constant UTC offset) each day's deadline is the one before
        // plus 24 hours, as long as that one was not shifted out of a skipped local time and the next stays
        // in the window; otherwise the deadline is mapped from the local date and time. (An ambiguous local
        // time cannot map earlier than the interval of the day before: offsets change by at most a day.)
        long deadline = None;
        long intervalEnd = long.MinValue;
        bool stepped = false;

        // Bounded: one iteration per day from the start to the end (plus at most 400 days to find the next working day).
        for (int d = 0; ; d++, dayOfHorizon++)
        {
            if (stepped && deadline + NodaConstants.NanosecondsPerDay < intervalEnd && InWindow(deadline + NodaConstants.NanosecondsPerDay))
            {
                deadline += NodaConstants.NanosecondsPerDay;
            }
            else
            {
                var local = first.PlusDays(d) + target.DailyAt;
                var instant = ZoneMath.AtLeniently(zone, local);
                if (!TryNanos(instant, out deadline))
                {
                    result = default;
                    return false;
                }

                var interval = zone.GetZoneInterval(instant);
                intervalEnd = !interval.HasEnd ? long.MaxValue : TryNanos(interval.End, out long until) ? until : long.MinValue;
                stepped = instant.WithOffset(interval.WallOffset).LocalDateTime == local;
            }

            if (deadline <= begin)
            {
                continue;
            }

            bool counts = calendar is null || calendar.IsWorkingDayAt(dayOfHorizon);
            if (calendar is not null && (uint)dayOfHorizon >= (uint)calendar.HorizonDays)
            {
                outsideHorizon = true;
            }

            if (deadline > end)
            {
                if (counts)
                {
                    next = stop == None ? deadline : None;
                    break;
                }

                if (deadline > end + (400 * NodaConstants.NanosecondsPerDay))
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
            while (k < ids.Length && times[k] <= deadline)
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

        var state = stop != None
            ? (misses == 0 ? TargetState.Met : TargetState.MetLate)
            : misses > 0 ? TargetState.Breached : TargetState.Running;
        double percent = next != None && next > previous ? 100.0 * (end - previous) / (next - previous) : 0;
        result = new TargetEvaluation
        {
            Target = target,
            CycleCount = 1,
            ChosenCandidate = -1,
            Start = WorkingCalendar.FromNanos(begin),
            Stop = stop != None ? WorkingCalendar.FromNanos(stop) : null,
            State = state,
            Due = next != None ? WorkingCalendar.FromNanos(next) : null,
            Elapsed = Duration.FromNanoseconds(end - begin),
            Remaining = next != None ? Duration.FromNanoseconds(next - end) : Duration.Zero,
            PercentUsed = percent,
            Misses = misses,
            WarningLevel = Level(target.Thresholds, percent),
            CalendarProblem = outsideHorizon,
        };
        return true;
    }

    /// <summary><c>Measure</c> in nanoseconds: budget and pauses, the due instant, the measures.</summary>
    private static bool TryMeasureNanos(SlaTarget target, WorkingCalendar? calendar, Ticket ticket, ReadOnlySpan<long> times, ReadOnlySpan<int> ids, long at,
        long begin, int stopAt, ReadOnlySpan<TargetEvaluation> prior, ref Positions positions, out TargetEvaluation result)
    {
        long stop = stopAt >= 0 ? times[stopAt] : None;
        long end = stopAt >= 0 ? times[stopAt] : at;
        var clock = new NanoClock(calendar, ref positions);

        // 3. Budget, and pauses walked in order.
        long budget = target.BudgetNanos;
        long dayEnd = None;
        if (target.NeedsBudget && target.WorkingDays is int days && calendar is not null)
        {
            budget = WorkingDaysBudget(calendar, begin, days, target.EndOfDay, ref clock, out dayEnd);
        }

        var walk = new NanoWalk(begin, budget, target.Landing);
        bool paused = false;
        long pauseStart = 0;
        int pauses = 0;
        if (target.PauseId >= 0)
        {
            for (int k = 0; k < ids.Length; k++)
            {
                long t = times[k];
                if (t >= end)
                {
                    break;
                }

                if (ids[k] == target.PauseId && !paused)
                {
                    paused = true;
                    pauseStart = t < begin ? begin : t;
                }
                else if (ids[k] == target.ResumeId && paused)
                {
                    paused = false;
                    if (t > begin)
                    {
                        pauses++;
                        walk.Pause(ref clock, pauseStart, t);
                    }
                }
            }

            if (paused)
            {
                pauses++;
                walk.Pause(ref clock, pauseStart, end);
            }
        }

        bool pausedNow = paused && stop == None;
        long budgetDue = pauses == 0 && target.Landing == GapLanding.AtEdge && dayEnd != None && dayEnd >= begin ? dayEnd : walk.Due(ref clock);

        // 4. The due instant.
        long due = None;
        int chosen = -1;
        switch (target.Due)
        {
            case DueKind.Budget:
                due = budgetDue;
                break;
            case DueKind.Field:
                if (ticket.Fields.TryGetValue(target.DueField!, out var anchor) && !TryOffset(anchor, target.DueOffset, out due))
                {
                    result = default;
                    return false;
                }

                break;
            default:
                if (!TryEarliest(target, ticket, budgetDue, prior, out due, out chosen))
                {
                    result = default;
                    return false;
                }

                break;
        }

        // 5. Measures on the target's own clock (see Measure for why two readings give them all).
        long run = clock.Between(begin, end);
        long elapsed = run - walk.Paused;
        long allowed = 0;
        long remaining = 0;
        long lateOnClock = 0;
        if (due != None)
        {
            bool exact = target.Due == DueKind.Budget && budget != None;
            bool derived = !clock.Failed && (exact || pauses == 0);
            if (derived)
            {
                long toDue = exact ? budget + walk.PausedBeforeDue : clock.Between(begin, due);
                allowed = exact ? budget : toDue;
                remaining = toDue - run;
                lateOnClock = end > due ? run - toDue : 0;
            }

            if (!derived || clock.Failed)
            {
                remaining = clock.Between(end, due);
                allowed = clock.Between(begin, due) - PausedWithin(target, times, ids, begin, due < end ? due : end, ref clock);
                lateOnClock = end > due ? clock.Between(due, end) : 0;
            }
        }

        double percent = due == None ? 0
            : allowed > 0 ? 100.0 * elapsed / allowed
            : end >= due ? 100 : 0;
        long lateBy = due != None && end > due ? end - due : 0;
        var state = stop != None
            ? (due != None && stop > due ? TargetState.MetLate : TargetState.Met)
            : due != None && end > due ? TargetState.Breached
            : pausedNow ? TargetState.Paused
            : TargetState.Running;

        var elapsedDuration = Duration.FromNanoseconds(elapsed);
        int escalation = 0;
        for (int e = 0; e < target.Escalation.Length; e++)
        {
            if (target.Escalation[e].IsReached(percent, elapsedDuration))
            {
                escalation = e + 1;
            }
        }

        result = new TargetEvaluation
        {
            Target = target,
            CycleCount = 1,
            ChosenCandidate = chosen,
            Start = WorkingCalendar.FromNanos(begin),
            Stop = stop != None ? WorkingCalendar.FromNanos(stop) : null,
            State = state,
            Due = due != None ? WorkingCalendar.FromNanos(due) : null,
            Elapsed = elapsedDuration,
            Remaining = Duration.FromNanoseconds(remaining),
            Paused = ToDuration(walk.Paused),
            PercentUsed = percent,
            WarningLevel = Level(target.Thresholds, percent),
            EscalationLevel = escalation,
            LateBy = ToDuration(lateBy),
            LateOnClock = ToDuration(lateOnClock),
            LateDays = LateDays(lateBy),
            CalendarProblem = clock.Failed,
            Extrapolated = clock.Extrapolated,
        };
        return !clock.Outside;
    }

    /// <summary><c>WorkingDaysBudget</c> in nanoseconds: <see cref="None"/> when the n-th working day lies outside the horizon.</summary>
    private static long WorkingDaysBudget(WorkingCalendar calendar, long begin, int days, bool endOfDay, ref NanoClock clock, out long dayEnd)
    {
        dayEnd = None;
        if (!calendar.InHorizon(begin) || (endOfDay && days < 0))
        {
            clock.Failed = true;
            return None;
        }

        long nominal;
        int outcome = endOfDay ? calendar.EndOfWorkingDayAt(begin, days, out nominal) : calendar.AddWorkingDaysAt(begin, days, out nominal);
        if (outcome != 0)
        {
            clock.Failed = true;
            return None;
        }

        if (!InWindow(nominal))
        {
            clock.Outside = true;
            return None;
        }

        clock.Note(endOfDay ? calendar.StatusOf(begin, nominal) : calendar.StatusOf(Math.Min(begin, nominal), Math.Max(begin, nominal)));
        long budget = clock.Between(begin, nominal);
        dayEnd = endOfDay ? nominal : None;
        return budget;
    }

    /// <summary><c>PausedWithin</c> in nanoseconds.</summary>
    private static long PausedWithin(SlaTarget target, ReadOnlySpan<long> times, ReadOnlySpan<int> ids, long from, long until, ref NanoClock clock)
    {
        if (target.PauseId < 0 || until <= from)
        {
            return 0;
        }

        long total = 0;
        bool paused = false;
        long pauseStart = 0;
        for (int k = 0; k < ids.Length; k++)
        {
            long t = times[k];
            if (t >= until)
            {
                break;
            }

            if (ids[k] == target.PauseId && !paused)
            {
                paused = true;
                pauseStart = t < from ? from : t;
            }
            else if (ids[k] == target.ResumeId && paused)
            {
                paused = false;
                if (t > pauseStart)
                {
                    total += clock.Between(pauseStart, t);
                }
            }
        }

        return paused && until > pauseStart ? total + clock.Between(pauseStart, until) : total;
    }

    /// <summary><c>Earliest</c> in nanoseconds; <c>false</c> when a candidate lies outside the window.</summary>
    private static bool TryEarliest(SlaTarget target, Ticket ticket, long budgetDue, ReadOnlySpan<TargetEvaluation> prior, out long best, out int chosen)
    {
        best = None;
        chosen = -1;
        for (int c = 0; c < target.Candidates.Length; c++)
        {
            var candidate = target.Candidates[c];
            long value = None;
            if (candidate.IsBudget)
            {
                value = budgetDue;
            }
            else if (candidate.Field is { } f)
            {
                if (ticket.Fields.TryGetValue(f, out var v) && !TryOffset(v, candidate.Offset, out value))
                {
                    return false;
                }
            }
            else if (prior[candidate.TargetIndex].Due is { } d && !TryNanos(d, out value))
            {
                return false;
            }

            if (value != None && (best == None || value < best))
            {
                best = value;
                chosen = c;
            }
        }

        return true;
    }

    /// <summary>A field plus an offset, in nanoseconds; <c>false</c> when either lies outside the window.</summary>
    private static bool TryOffset(Instant field, Duration offset, out long nanos)
    {
        if (!TryNanos(field, out long at))
        {
            nanos = 0;
            return false;
        }

        nanos = at + offset.ToInt64Nanoseconds();
        return InWindow(nanos);
    }

    /// <summary>
    /// <c>Clock</c> in nanoseconds: wall time or a calendar's working time, the horizon failures and
    /// extrapolation, and whether an instant it computed left the window (<see cref="Outside"/>).
    /// Working-time positions come through the ticket's <see cref="Positions"/>, which its targets share.
    /// </summary>
    private ref struct NanoClock(WorkingCalendar? calendar, ref Positions positions)
    {
        private ref Positions _positions = ref positions;

        public bool Failed;
        public bool Extrapolated;

        /// <summary>A computed instant fell outside the window: the ticket needs the general evaluation.</summary>
        public bool Outside;

        public long Between(long a, long b)
        {
            if (calendar is null)
            {
                return b - a;
            }

            if (!_positions.Read(calendar, a, out long pa) || !_positions.Read(calendar, b, out long pb))
            {
                Failed = true;
                return 0;
            }

            Note(calendar.StatusOf(Math.Min(a, b), Math.Max(a, b)));
            return pb - pa;
        }

        public long Add(long start, long duration, GapLanding landing)
        {
            long result;
            if (calendar is null)
            {
                result = start + duration;
            }
            else
            {
                long total = calendar.TotalNanos;
                if (!_positions.Read(calendar, start, out long position) || duration > total || duration < -total
                    || calendar.AddAt(start, position, duration, landing, out result) != 0)
                {
                    Failed = true;
                    return None;
                }

                Note(calendar.StatusOf(Math.Min(start, result), Math.Max(start, result)));
            }

            if (!InWindow(result))
            {
                Outside = true;
                return None;
            }

            return result;
        }

        public void Note(CalendarStatus status)
        {
            Failed |= status > CalendarStatus.OutsideHolidayData;
            Extrapolated |= status == CalendarStatus.OutsideHolidayData;
        }
    }

    /// <summary>
    /// The last four working-time positions read for a ticket, in one calendar: its targets mostly start at
    /// the same event and often stop at the same instant, so most readings after the first target's are found here.
    /// </summary>
    private struct Positions
    {
        private const int Size = 4;
        private WorkingCalendar? _calendar;
        private Entries _entries;
        private int _count;
        private int _next;

        public bool Read(WorkingCalendar calendar, long instant, out long position)
        {
            if (!ReferenceEquals(calendar, _calendar))
            {
                _calendar = calendar;
                _count = 0;
                _next = 0;
            }

            for (int e = 0; e < _count; e++)
            {
                if (_entries[e].Instant == instant)
                {
                    position = _entries[e].Position;
                    return true;
                }
            }

            if (!calendar.TryReadNanos(instant, out position))
            {
                return false;
            }

            // The oldest entry makes way.
            _entries[_next] = (instant, position);
            _next = (_next + 1) % Size;
            _count = Math.Min(_count + 1, Size);
            return true;
        }

        [System.Runtime.CompilerServices.InlineArray(Size)]
        private struct Entries
        {
            private (long Instant, long Position) _first;
        }
    }

    /// <summary><c>BudgetWalk</c> in nanoseconds (<see cref="None"/> for no budget or no due instant).</summary>
    private struct NanoWalk(long start, long budget, GapLanding landing)
    {
        private long _cursor = start;
        private long _remaining = budget;
        private long _due = None;

        public long Paused;

        public long PausedBeforeDue;

        public void Pause(ref NanoClock clock, long from, long to)
        {
            long length = clock.Between(from, to);
            Paused += length;
            if (_due != None || _remaining == None)
            {
                return;
            }

            long due = clock.Add(_cursor, _remaining, landing);
            if (due == None)
            {
                _remaining = None;
            }
            else if (due <= from)
            {
                _due = due;
            }
            else
            {
                _remaining -= clock.Between(_cursor, from);
                _cursor = to;
                PausedBeforeDue += length;
            }
        }

        public readonly long Due(ref NanoClock clock) => _due != None ? _due : _remaining != None ? clock.Add(_cursor, _remaining, landing) : None;
    }
}
