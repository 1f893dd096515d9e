using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Calendars;

/// <summary>
/// A compiled working calendar: which instants are working time in a zone, and exact business-time
/// arithmetic over it (W1-W4). Build one with <see cref="WorkingCalendarBuilder"/>.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> A local period such as 08:30-11:30 on a date covers exactly the instants whose
/// local time lies in it: a daylight-saving gap contributes nothing, and a repeated (fall-back) hour
/// inside a period counts twice, because it is worked twice. Periods that touch or overlap (an
/// overnight duty running into the next morning's office hours) are joined. The calendar answers
/// for instants within its horizon, <see cref="HorizonStartInstant"/> to <see cref="HorizonEndInstant"/>.</para>
/// <para><b>Arithmetic.</b> Let W(t) be the working time elapsed from the start of the horizon to t.
/// <see cref="Add"/>(s, d) with d &gt; 0 is the earliest t ≥ s with W(t) = W(s) + d, which lands on a
/// closing edge when the count ends there (or, with <see cref="GapLanding.AcrossGap"/>, the latest such
/// t: the next opening). A negative d counts backward: the latest t ≤ s with W(t) = W(s) + d (an
/// opening edge), or with <see cref="GapLanding.AcrossGap"/> the previous closing. Adding zero returns
/// the start (or, with <see cref="GapLanding.AcrossGap"/>, the next opening when the start is not
/// working time). <see cref="Between"/>(a, b) = W(b) − W(a): signed, so Between(b, a) = −Between(a, b).
/// Precision is the nanosecond; nothing is rounded.</para>
/// <para><b>Speed.</b> Compilation turns the rules into sorted instant intervals with cumulative sums and
/// two bucket indexes, so <see cref="Add"/> and <see cref="Between"/> take constant time whatever the
/// duration, never step day by day, never loop endlessly, and allocate nothing on success.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class WorkingCalendar
{
    private const long NanosPerDay = NodaConstants.NanosecondsPerDay;
    private const long MaxOffsetNanos = 18 * NodaConstants.NanosecondsPerHour;

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    // Working intervals [_iv[i].Start, _iv[i].End) in nanoseconds since the Unix epoch, sorted, disjoint
    // and not touching, with the working time before each (Cum) and up to its end (CumEnd). One array of
    // 32-byte records, so that a look-up touches one or two cache lines rather than four. Index _count is a
    // sentinel (Start, End and CumEnd long.MaxValue) so scans stop without bounds checks.
    private readonly Interval[] _iv;
    private readonly int _count;
    private readonly long _total;

    // _byDay[k]: first interval ending after _origin + k days (UTC days since the horizon start instant).
    private readonly int[] _byDay;

    // _dayOffset[k]: the zone's UTC offset in seconds throughout the same 24 hours as _byDay[k] (from
    // _origin + k days), or VaryingOffset when it changes during them (then the zone is asked).
    private const int VaryingOffset = int.MinValue;
    private readonly int[] _dayOffset;

    // _byWork[m]: first interval whose CumEnd is at least m << _bucketShift (a power-of-two bucket, so that
    // finding one is a shift, not a 64-bit division).
    private readonly int[] _byWork;
    private readonly int _bucketShift;

    private readonly long _origin;
    private readonly long _limit;

    /// <summary>Local midnight at the start of <see cref="HorizonStart"/>, in local nanoseconds since 1970-01-01T00:00.</summary>
    private readonly long _horizonStartLocal;

    // Dates of the horizon, indexed from HorizonStart: end of the last period starting on the date
    // (long.MinValue when the date is not a working day), working days before each date, and the
    // index of each working date.
    private readonly long[] _dayEnd;
    private readonly int[] _workingDaysBefore;
    private readonly int[] _workingDates;

    // Instants outside [_dataFrom, _dataTo] were computed without official holiday data.
    private readonly long _dataFrom;
    private readonly long _dataTo;

    private readonly CalendarRules _rules;

    private WorkingCalendar(
        string id, DateTimeZone zone, LocalDate horizonStart, LocalDate horizonEnd, CalendarRules rules, HolidaySchedule? holidays,
        long origin, long limit, List<(long Start, long End)> intervals, long[] dayEnd)
    {
        Id = id;
        Zone = zone;
        HorizonStart = horizonStart;
        HorizonEnd = horizonEnd;
        Holidays = holidays;
        _rules = rules;
        _origin = origin;
        _limit = limit;
        _horizonStartLocal = (long)Period.DaysBetween(new LocalDate(1970, 1, 1), horizonStart) * NanosPerDay;
        HorizonStartInstant = FromNanos(origin);
        HorizonEndInstant = FromNanos(limit);

        _count = intervals.Count;
        _iv = new Interval[_count + 1];
        long total = 0;
        for (int i = 0; i < _count; i++)
        {
            long length = intervals[i].End - intervals[i].Start;
            _iv[i] = new Interval(intervals[i].Start, intervals[i].End, total, total + length);
            total += length;
        }

        _iv[_count] = new Interval(long.MaxValue, long.MaxValue, total, long.MaxValue);
        _total = total;
        TotalWorkingTime = Duration.FromNanoseconds(total);

        int days = (int)((limit - origin) / NanosPerDay) + 2;
        _byDay = new int[days];
        _dayOffset = new int[days];
        for (int k = 0, i = 0; k < days; k++)
        {
            long dayStart = origin + (k * NanosPerDay);
            var offsetAt = zone.GetZoneInterval(FromNanos(dayStart));
            _dayOffset[k] = !offsetAt.HasEnd || offsetAt.End >= FromNanos(dayStart + NanosPerDay) ? offsetAt.WallOffset.Seconds : VaryingOffset;
            while (_iv[i].End <= dayStart)
            {
                i++;
            }

            _byDay[k] = i;
        }

        // About one interval per bucket: the largest power of two no longer than the mean interval (at least
        // 2^30 ns, about a second; at most 2^61, so that every bucket's start fits in 64 bits).
        _bucketShift = Math.Clamp(63 - (int)ulong.LeadingZeroCount((ulong)Math.Max(total / Math.Max(_count, 1), 1)), 30, 61);
        int buckets = (int)(total >> _bucketShift) + 2;
        _byWork = new int[buckets];
        for (int m = 0, i = 0; m < buckets; m++)
        {
            long position = (long)m << _bucketShift;
            while (_iv[i].CumEnd < position)
            {
                i++;
            }

            _byWork[m] = i;
        }

        _dayEnd = dayEnd;
        _workingDaysBefore = new int[dayEnd.Length + 2];
        var working = new List<int>();
        for (int j = 0; j < dayEnd.Length; j++)
        {
            _workingDaysBefore[j] = working.Count;
            if (dayEnd[j] != long.MinValue)
            {
                working.Add(j);
            }
        }

        _workingDaysBefore[dayEnd.Length] = working.Count;
        _workingDaysBefore[dayEnd.Length + 1] = working.Count;
        _workingDates = [.. working];

        if (holidays is { Years.Count: > 0 })
        {
            _dataFrom = ToNanos(zone.AtStartOfDay(new LocalDate(holidays.Years[0], 1, 1)).ToInstant());
            _dataTo = ToNanos(zone.AtStartOfDay(new LocalDate(holidays.Years[^1] + 1, 1, 1)).ToInstant());
            HolidayDataDescription = string.Create(CultureInfo.InvariantCulture, $"{holidays.Region} {holidays.Years[0]}-{holidays.Years[^1]}");
        }
        else
        {
            _dataFrom = long.MinValue;
            _dataTo = long.MaxValue;
            HolidayDataDescription = "none";
        }
    }

    /// <summary>The calendar's id, as given to the builder.</summary>
    public string Id { get; }

    /// <summary>The zone whose local times the periods are in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>First date the calendar answers for.</summary>
    public LocalDate HorizonStart { get; }

    /// <summary>The date after the last one the calendar answers for.</summary>
    public LocalDate HorizonEnd { get; }

    /// <summary>The start of <see cref="HorizonStart"/> in <see cref="Zone"/>: the earliest instant the calendar answers for.</summary>
    public Instant HorizonStartInstant { get; }

    /// <summary>The start of <see cref="HorizonEnd"/> in <see cref="Zone"/>: the latest instant the calendar answers for.</summary>
    public Instant HorizonEndInstant { get; }

    /// <summary>The official schedule the calendar was built with, or <c>null</c>.</summary>
    public HolidaySchedule? Holidays { get; }

    /// <summary>All working time within the horizon.</summary>
    public Duration TotalWorkingTime { get; }

    /// <summary>The number of working days within the horizon.</summary>
    public int WorkingDayCount => _workingDates.Length;

    internal string HolidayDataDescription { get; }

    internal int IntervalCount => _count;

    /// <summary>Whether <paramref name="instant"/> is working time (false outside the horizon). A closing instant is not working time; an opening instant is.</summary>
    /// <param name="instant">The instant.</param>
    public bool IsWorking(Instant instant)
    {
        if (instant < HorizonStartInstant || instant >= HorizonEndInstant)
        {
            return false;
        }

        long t = ToNanos(instant);
        return _iv[FirstEndingAfter(t)].Start <= t;
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of working time has passed since
    /// <paramref name="start"/>; a negative duration counts backward. See the remarks on
    /// <see cref="WorkingCalendar"/> for the exact semantics.
    /// </summary>
    /// <param name="start">Where counting starts; need not be working time.</param>
    /// <param name="workingTime">How much working time to count; may be zero or negative.</param>
    /// <param name="landing">Where a count that ends exactly at a gap lands (default: at the edge nearest the start).</param>
    /// <returns>The instant, or a failure when the start or the answer lies outside the horizon.</returns>
    public CalendarAnswer<Instant> Add(Instant start, Duration workingTime, GapLanding landing = GapLanding.AtEdge)
    {
        if (start < HorizonStartInstant || start > HorizonEndInstant)
        {
            return OutsideHorizon<Instant>(start < HorizonStartInstant, Invariant($"Add(start: {start}, workingTime: {workingTime})"), "start", start);
        }

        if (workingTime > TotalWorkingTime || workingTime < -TotalWorkingTime)
        {
            return AddFailure(start, workingTime, workingTime < Duration.Zero);
        }

        long s = ToNanos(start);
        int outcome = AddAt(s, Position(s), workingTime.ToInt64Nanoseconds(), landing, out long result);
        return outcome == 0
            ? CalendarAnswer<Instant>.Success(FromNanos(result), StatusOf(Math.Min(s, result), Math.Max(s, result)), this)
            : AddFailure(start, workingTime, backward: outcome < 0);
    }

    /// <summary>
    /// The core of <see cref="Add"/> in nanoseconds: from <paramref name="s"/> (whose working-time position
    /// is <paramref name="position"/>), count <paramref name="d"/> (at most the calendar's total in size).
    /// </summary>
    /// <returns>0 with the answer in <paramref name="result"/>; -1 when it runs past the horizon's start, 1 past its end.</returns>
    internal int AddAt(long s, long position, long d, GapLanding landing, out long result)
    {
        result = s;
        if (d == 0 && landing == GapLanding.AtEdge)
        {
            return 0;
        }

        long target = position + d;
        if (target < 0 || target > _total)
        {
            return target < 0 ? -1 : 1;
        }

        // Forward AtEdge and backward AcrossGap want the earliest instant with the target position;
        // forward AcrossGap and backward AtEdge the latest (they differ only when target is a gap).
        bool latest = (d >= 0) == (landing == GapLanding.AcrossGap);
        int i = latest ? LocateLatest(target) : LocateEarliest(target);
        if (i == _count)
        {
            return 1;
        }

        result = _iv[i].Start + (target - _iv[i].Cum);
        return 0;
    }

    /// <summary>
    /// For evaluators that read one calendar many times: the nanoseconds since the Unix epoch of an
    /// instant inside the horizon and its working-time position (W from the horizon's start), without
    /// building an answer; <c>false</c> outside the horizon.
    /// </summary>
    internal bool TryRead(Instant instant, out long nanos, out long position)
    {
        if (instant < HorizonStartInstant || instant > HorizonEndInstant)
        {
            nanos = 0;
            position = 0;
            return false;
        }

        nanos = ToNanos(instant);
        position = Position(nanos);
        return true;
    }

    /// <summary>Whether an instant, in nanoseconds since the Unix epoch, lies within the horizon (both ends included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool InHorizon(long nanos) => nanos >= _origin && nanos <= _limit;

    /// <summary><see cref="TotalWorkingTime"/> in nanoseconds.</summary>
    internal long TotalNanos => _total;

    /// <summary>As <see cref="TryRead"/>, for an instant given in nanoseconds since the Unix epoch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryReadNanos(long nanos, out long position)
    {
        if (!InHorizon(nanos))
        {
            position = 0;
            return false;
        }

        position = Position(nanos);
        return true;
    }

    /// <summary>
    /// The working time between two instants, clipping partial intervals at both ends:
    /// W(<paramref name="to"/>) − W(<paramref name="from"/>). Negative when <paramref name="to"/> is
    /// before <paramref name="from"/>, so that Between(a, b) + Between(b, c) = Between(a, c) always.
    /// </summary>
    /// <param name="from">The first instant.</param>
    /// <param name="to">The second instant.</param>
    /// <returns>The signed working time, or a failure when either instant lies outside the horizon.</returns>
    public CalendarAnswer<Duration> Between(Instant from, Instant to)
    {
        if (from < HorizonStartInstant || from > HorizonEndInstant)
        {
            return OutsideHorizon<Duration>(from < HorizonStartInstant, Invariant($"Between(from: {from}, to: {to})"), "from", from);
        }

        if (to < HorizonStartInstant || to > HorizonEndInstant)
        {
            return OutsideHorizon<Duration>(to < HorizonStartInstant, Invariant($"Between(from: {from}, to: {to})"), "to", to);
        }

        long a = ToNanos(from);
        long b = ToNanos(to);
        var status = StatusOf(Math.Min(a, b), Math.Max(a, b));
        return CalendarAnswer<Duration>.Success(Duration.FromNanoseconds(Position(b) - Position(a)), status, this);
    }

    /// <summary>
    /// The same local time of day on the <paramref name="days"/>-th working day after (or, when
    /// negative, before) the local date of <paramref name="start"/>; the start's own date is not
    /// counted. Zero returns the start. A working day is a date on which at least one working period
    /// starts. When the local time does not exist on the target date (a DST gap) it is shifted forward
    /// by the gap's length; when it occurs twice, the earlier occurrence is used.
    /// </summary>
    /// <param name="start">The start instant.</param>
    /// <param name="days">Working days to add; may be negative.</param>
    /// <returns>The instant, or a failure when it would lie outside the horizon.</returns>
    public CalendarAnswer<Instant> AddWorkingDays(Instant start, int days)
    {
        if (start < HorizonStartInstant || start > HorizonEndInstant)
        {
            return OutsideHorizon<Instant>(start < HorizonStartInstant, Invariant($"AddWorkingDays(start: {start}, days: {days})"), "start", start);
        }

        long s = ToNanos(start);
        int outcome = AddWorkingDaysAt(s, days, out long r);
        return outcome == 0
            ? CalendarAnswer<Instant>.Success(FromNanos(r), StatusOf(Math.Min(s, r), Math.Max(s, r)), this)
            : DaysFailure(Invariant($"AddWorkingDays(start: {start}, days: {days})"), backward: outcome < 0);
    }

    /// <summary>The core of <see cref="AddWorkingDays"/> in nanoseconds, from <paramref name="s"/> inside the horizon.</summary>
    /// <returns>0 with the answer in <paramref name="result"/>; -1 when it lies before the horizon, 1 after it.</returns>
    internal int AddWorkingDaysAt(long s, int days, out long result)
    {
        result = s;
        if (days == 0)
        {
            return 0;
        }

        // j may be -1: after a fall-back across midnight at the horizon start, an instant inside the
        // horizon can still carry the previous local date; no working day of the horizon precedes it.
        int j = LocalDayIndex(s);
        var timeOfDay = LocalTime.FromNanosecondsSinceMidnight(LocalNanos(s) - ((long)j * NanosPerDay));
        long ordinal = days > 0 ? (long)_workingDaysBefore[j + 1] + days - 1 : (long)(j < 0 ? 0 : _workingDaysBefore[j]) + days;
        if (ordinal < 0 || ordinal >= _workingDates.Length)
        {
            return ordinal < 0 ? -1 : 1;
        }

        var date = HorizonStart.PlusDays(_workingDates[ordinal]);
        result = ToNanos(ZoneMath.AtLeniently(Zone, date + timeOfDay));
        return result > _limit ? 1 : 0;
    }

    /// <summary>
    /// The end of the <paramref name="days"/>-th working day after the local date of
    /// <paramref name="start"/> (T4 "within 5 working days", T6 "within 3 working days"): the closing
    /// instant of the last working period that starts on that date. With zero, the end of the
    /// current working day: the end of the start's date when that is a working day not yet over,
    /// otherwise the end of the next working day.
    /// </summary>
    /// <param name="start">The start instant.</param>
    /// <param name="days">Working days after the start's date; 0 or more.</param>
    /// <returns>The instant, or a failure for a negative count or an answer past the horizon.</returns>
    public CalendarAnswer<Instant> EndOfWorkingDay(Instant start, int days)
    {
        string Call() => Invariant($"EndOfWorkingDay(start: {start}, days: {days})");
        if (days < 0)
        {
            return CalendarAnswer<Instant>.Failure(CalendarStatus.InvalidArgument, this, Invariant($"{Call()} on calendar '{Id}': days must be 0 or more, was {days}."));
        }

        if (start < HorizonStartInstant || start > HorizonEndInstant)
        {
            return OutsideHorizon<Instant>(start < HorizonStartInstant, Call(), "start", start);
        }

        long s = ToNanos(start);
        return EndOfWorkingDayAt(s, days, out long end) == 0
            ? CalendarAnswer<Instant>.Success(FromNanos(end), StatusOf(s, end), this)
            : DaysFailure(Call(), backward: false);
    }

    /// <summary>The core of <see cref="EndOfWorkingDay"/> in nanoseconds, from <paramref name="s"/> inside the horizon, <paramref name="days"/> 0 or more.</summary>
    /// <returns>0 with the answer in <paramref name="end"/>; 1 when it lies after the horizon.</returns>
    internal int EndOfWorkingDayAt(long s, int days, out long end)
    {
        int j = LocalDayIndex(s);
        if (days == 0 && j >= 0 && j < _dayEnd.Length && _dayEnd[j] != long.MinValue && _dayEnd[j] >= s)
        {
            end = _dayEnd[j];
            return 0;
        }

        long ordinal = (long)_workingDaysBefore[j + 1] + Math.Max(days, 1) - 1;
        if (ordinal >= _workingDates.Length)
        {
            end = s;
            return 1;
        }

        end = _dayEnd[_workingDates[ordinal]];
        return 0;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> at which a working interval begins.</summary>
    /// <param name="instant">Where to look from.</param>
    /// <returns>The opening instant, or a failure when there is none within the horizon.</returns>
    public CalendarAnswer<Instant> NextOpening(Instant instant)
    {
        if (instant < HorizonStartInstant || instant > HorizonEndInstant)
        {
            return OutsideHorizon<Instant>(instant < HorizonStartInstant, Invariant($"NextOpening(instant: {instant})"), "instant", instant);
        }

        long t = ToNanos(instant);
        int i = FirstEndingAfter(t);
        if (_iv[i].Start < t)
        {
            i++;
        }

        if (i >= _count)
        {
            return CalendarAnswer<Instant>.Failure(CalendarStatus.AfterHorizon, this, Invariant($"NextOpening(instant: {instant}) on calendar '{Id}': no working time starts after it within the horizon {HorizonText}."));
        }

        return CalendarAnswer<Instant>.Success(FromNanos(_iv[i].Start), StatusOf(t, _iv[i].Start), this);
    }

    /// <summary>The last instant at or before <paramref name="instant"/> at which a working interval ends.</summary>
    /// <param name="instant">Where to look from.</param>
    /// <returns>The closing instant, or a failure when there is none within the horizon.</returns>
    public CalendarAnswer<Instant> PreviousClosing(Instant instant)
    {
        if (instant < HorizonStartInstant || instant > HorizonEndInstant)
        {
            return OutsideHorizon<Instant>(instant < HorizonStartInstant, Invariant($"PreviousClosing(instant: {instant})"), "instant", instant);
        }

        long t = ToNanos(instant);
        int i = FirstEndingAfter(t) - 1;
        if (i < 0)
        {
            return CalendarAnswer<Instant>.Failure(CalendarStatus.BeforeHorizon, this, Invariant($"PreviousClosing(instant: {instant}) on calendar '{Id}': no working time ends before it within the horizon {HorizonText}."));
        }

        return CalendarAnswer<Instant>.Success(FromNanos(_iv[i].End), StatusOf(_iv[i].End, t), this);
    }

    /// <summary>Whether at least one working period starts on <paramref name="date"/> (false outside the horizon).</summary>
    /// <param name="date">The local date.</param>
    public bool IsWorkingDay(LocalDate date)
    {
        if (date < HorizonStart || date >= HorizonEnd)
        {
            return false;
        }

        return _dayEnd[Period.DaysBetween(HorizonStart, date)] != long.MinValue;
    }

    /// <summary>The number of dates in the horizon.</summary>
    internal int HorizonDays => _dayEnd.Length;

    /// <summary>As <see cref="IsWorkingDay"/>, for the date <paramref name="day"/> days after <see cref="HorizonStart"/>.</summary>
    internal bool IsWorkingDayAt(int day) => (uint)day < (uint)_dayEnd.Length && _dayEnd[day] != long.MinValue;

    /// <summary>The periods worked on <paramref name="date"/> (those starting on it), after every rule is applied.</summary>
    /// <param name="date">The local date.</param>
    public ImmutableArray<WorkingPeriod> HoursOn(LocalDate date) => _rules.PeriodsOn(date);

    /// <summary>Which rule decides <paramref name="date"/>: a date rule, an official day off or make-up day, a season, or the weekly hours.</summary>
    /// <param name="date">The local date.</param>
    public string RuleOn(LocalDate date) => _rules.RuleOn(date);

    /// <inheritdoc/>
    public override string ToString() =>
        Invariant($"WorkingCalendar '{Id}' ({Zone.Id}, {HorizonText}, holidays: {HolidayDataDescription})");

    internal static WorkingCalendar? Compile(string id, DateTimeZone zone, LocalDate horizonStart, LocalDate horizonEnd, CalendarRules rules, HolidaySchedule? holidays)
    {
        long origin = ToNanos(zone.AtStartOfDay(horizonStart).ToInstant());
        long limit = ToNanos(zone.AtStartOfDay(horizonEnd).ToInstant());
        int days = Period.DaysBetween(horizonStart, horizonEnd);
        var dayEnd = new long[days];
        Array.Fill(dayEnd, long.MinValue);
        var raw = new List<(long Start, long End)>(days * 2);
        var pieces = new List<(long Start, long End)>(2);

        // Start a day early: an overnight period of the day before the horizon reaches into it.
        var date = horizonStart.PlusDays(-1);
        long localMidnight = LocalNanos(date);
        for (int j = -1; j < days; j++, date = date.PlusDays(1), localMidnight += NanosPerDay)
        {
            foreach (var period in rules.PeriodsOn(date))
            {
                pieces.Clear();
                MapLocalRange(zone, localMidnight + period.StartNanos, localMidnight + period.EndNanos, pieces);
                foreach (var (s, e) in pieces)
                {
                    long start = Math.Max(s, origin);
                    long end = Math.Min(e, limit);
                    if (start < end)
                    {
                        raw.Add((start, end));
                        if (j >= 0)
                        {
                            dayEnd[j] = Math.Max(dayEnd[j], end);
                        }
                    }
                }
            }
        }

        raw.Sort();
        var merged = new List<(long Start, long End)>(raw.Count);
        foreach (var interval in raw)
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, interval.End));
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged.Count == 0 ? null : new WorkingCalendar(id, zone, horizonStart, horizonEnd, rules, holidays, origin, limit, merged, dayEnd);
    }

    /// <summary>
    /// Adds to <paramref name="pieces"/> the instants whose local time lies in [<paramref name="localStart"/>,
    /// <paramref name="localEnd"/>) (local nanoseconds, as if UTC): within each zone interval of constant
    /// offset o those are [localStart − o, localEnd − o), clipped to the zone interval.
    /// </summary>
    private static void MapLocalRange(DateTimeZone zone, long localStart, long localEnd, List<(long Start, long End)> pieces)
    {
        long cursor = localStart - MaxOffsetNanos;
        long stop = localEnd + MaxOffsetNanos;
        while (true)
        {
            var zoneInterval = zone.GetZoneInterval(FromNanos(cursor));
            long offset = zoneInterval.WallOffset.Nanoseconds;
            long zoneStart = zoneInterval.HasStart ? ToNanosSaturated(zoneInterval.Start) : long.MinValue;
            long zoneEnd = zoneInterval.HasEnd ? ToNanosSaturated(zoneInterval.End) : long.MaxValue;
            long lo = Math.Max(localStart - offset, zoneStart);
            long hi = Math.Min(localEnd - offset, zoneEnd);
            if (lo < hi)
            {
                pieces.Add((lo, hi));
            }

            if (zoneEnd >= stop)
            {
                return;
            }

            cursor = zoneEnd;
        }
    }

    /// <summary>W(t): working time from the horizon start to <paramref name="t"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Position(long t)
    {
        int i = FirstEndingAfter(t);
        long start = _iv[i].Start;
        return t <= start ? _iv[i].Cum : _iv[i].Cum + (t - start);
    }

    /// <summary>The first interval whose end is after <paramref name="t"/> (the sentinel when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FirstEndingAfter(long t)
    {
        int i = _byDay[(t - _origin) / NanosPerDay];
        while (_iv[i].End <= t)
        {
            i++;
        }

        return i;
    }

    /// <summary>The first interval whose cumulative end reaches <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LocateEarliest(long position)
    {
        int i = _byWork[position >> _bucketShift];
        while (_iv[i].CumEnd < position)
        {
            i++;
        }

        return i;
    }

    /// <summary>The first interval whose cumulative end passes <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LocateLatest(long position)
    {
        int i = _byWork[position >> _bucketShift];
        while (_iv[i].CumEnd <= position)
        {
            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal CalendarStatus StatusOf(long earliest, long latest) =>
        earliest < _dataFrom || latest > _dataTo ? CalendarStatus.OutsideHolidayData : CalendarStatus.Exact;

    private string HorizonText => Invariant($"{DatePattern.Format(HorizonStart)}..{DatePattern.Format(HorizonEnd)} in {Zone.Id}");

    private CalendarAnswer<T> OutsideHorizon<T>(bool before, string call, string argument, Instant value)
        where T : struct =>
        CalendarAnswer<T>.Failure(before ? CalendarStatus.BeforeHorizon : CalendarStatus.AfterHorizon, this, Invariant(
            $"{call} on calendar '{Id}': {argument} {value} lies {(before ? "before" : "after")} the horizon {HorizonText} ({HorizonStartInstant} to {HorizonEndInstant})."));

    private CalendarAnswer<Instant> AddFailure(Instant start, Duration workingTime, bool backward) =>
        CalendarAnswer<Instant>.Failure(backward ? CalendarStatus.BeforeHorizon : CalendarStatus.AfterHorizon, this, Invariant(
            $"Add(start: {start}, workingTime: {workingTime}) on calendar '{Id}': workingTime {workingTime} runs past the {(backward ? "start" : "end")} of the horizon {HorizonText}; the calendar holds {TotalWorkingTime} of working time in all."));

    private CalendarAnswer<Instant> DaysFailure(string call, bool backward) =>
        CalendarAnswer<Instant>.Failure(backward ? CalendarStatus.BeforeHorizon : CalendarStatus.AfterHorizon, this, Invariant(
            $"{call} on calendar '{Id}': the answer lies {(backward ? "before" : "after")} the horizon {HorizonText}, which has {WorkingDayCount} working days."));

    /// <summary>
    /// Local nanoseconds of the instant <paramref name="nanos"/> since the Unix epoch,
    /// counted from local midnight at the start of <see cref="HorizonStart"/>: one offset look-up, no
    /// calendar arithmetic.
    /// </summary>
    private long LocalNanos(long nanos)
    {
        int seconds = _dayOffset[(nanos - _origin) / NanosPerDay];
        long offset = seconds != VaryingOffset ? seconds * NodaConstants.NanosecondsPerSecond : Zone.GetUtcOffset(FromNanos(nanos)).Nanoseconds;
        return nanos + offset - _horizonStartLocal;
    }

    /// <summary>The local date of an instant as days since <see cref="HorizonStart"/> (-1 just before it).</summary>
    private int LocalDayIndex(long nanos) => (int)FloorDiv(LocalNanos(nanos), NanosPerDay);

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long ToNanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Instant FromNanos(long nanos) => NodaConstants.UnixEpoch.PlusNanoseconds(nanos);

    private static long ToNanosSaturated(Instant instant)
    {
        var fromEpoch = instant - NodaConstants.UnixEpoch;
        if (fromEpoch >= Duration.FromNanoseconds(long.MaxValue))
        {
            return long.MaxValue;
        }

        return fromEpoch <= Duration.FromNanoseconds(long.MinValue) ? long.MinValue : fromEpoch.ToInt64Nanoseconds();
    }

    private static long LocalNanos(LocalDate date) => ToNanos(date.AtMidnight().InUtc().ToInstant());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One working interval and the working time before it and up to its end.</summary>
    private readonly struct Interval(long start, long end, long cum, long cumEnd)
    {
        public readonly long Start = start;
        public readonly long End = end;
        public readonly long Cum = cum;
        public readonly long CumEnd = cumEnd;
    }
}
