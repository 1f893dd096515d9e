using Feedback.Calendars;
using NodaTime;

namespace Feedback.Tests.Calendars;

/// <summary>
/// A slow, obviously correct model of a <see cref="WorkingCalendar"/>, written from the documented
/// semantics only (no compiled tables): an instant is working time when its local time in the zone
/// lies in a period of its local date, or in the after-midnight part of an overnight period of the
/// previous local date, and the instant lies in [start of HorizonStart, start of HorizonEnd).
/// Arithmetic steps minute by minute over the whole horizon; that is exact because every generated
/// period boundary is a whole local minute and every zone offset used is a whole number of minutes,
/// so working status is constant within each minute [t, t + 1 min) counted from the horizon start.
/// </summary>
internal sealed class ReferenceCalendar
{
    private const long MinuteNanos = NodaConstants.NanosecondsPerMinute;
    private const long DayNanos = NodaConstants.NanosecondsPerDay;

    private readonly CalendarSpec _spec;
    private readonly DateTimeZone _zone;
    private readonly Dictionary<LocalDate, Span[]> _periods = [];
    private readonly Dictionary<LocalDate, DateRuleSpec> _dateRules;
    private readonly Dictionary<LocalDate, bool> _official = [];

    // Built on first use: working status of each minute of the horizon, and working minutes before each minute.
    private bool[]? _work;
    private long[]? _before;
    private SortedDictionary<LocalDate, Instant>? _dayEnds;

    public ReferenceCalendar(CalendarSpec spec)
    {
        _spec = spec;
        _zone = spec.Zone;
        _dateRules = spec.DateRules.ToDictionary(r => r.Date);
        if (spec.HasSchedule)
        {
            // Official days apply on every date they name, including the day before the horizon, whose
            // overnight periods reach into it. (WithHolidays says dates outside the horizon are "ignored":
            // they raise no error and are not answered for, but an official day just before the horizon
            // still decides whether that evening's overnight period runs into the horizon.)
            foreach (var day in spec.OfficialDays)
            {
                _official[day.Date] = day.IsOffDay;
            }
        }

        Start = _zone.AtStartOfDay(spec.HorizonStart).ToInstant();
        End = _zone.AtStartOfDay(spec.HorizonEnd).ToInstant();
        long span = (End - Start).ToInt64Nanoseconds();
        if (span % MinuteNanos != 0)
        {
            throw new InvalidOperationException($"Horizon of {spec} is not a whole number of minutes; the reference cannot step it.");
        }

        MinuteCount = (int)(span / MinuteNanos);
    }

    /// <summary>The first instant of the horizon.</summary>
    public Instant Start { get; }

    /// <summary>The instant the horizon ends (exclusive for working time, inclusive as an argument).</summary>
    public Instant End { get; }

    public int MinuteCount { get; }

    public Duration Total => Duration.FromMinutes(Before[MinuteCount]);

    private bool[] Work
    {
        get
        {
            EnsureTable();
            return _work!;
        }
    }

    private long[] Before
    {
        get
        {
            EnsureTable();
            return _before!;
        }
    }

    /// <summary>The periods starting on <paramref name="date"/>: date rule, then official day, then season, then the week.</summary>
    public static Span[] PeriodsOn(CalendarSpec spec, LocalDate date, IReadOnlyDictionary<LocalDate, DateRuleSpec> dateRules, IReadOnlyDictionary<LocalDate, bool> official)
    {
        if (dateRules.TryGetValue(date, out var rule))
        {
            return rule.Kind switch
            {
                RuleKind.Off => [],
                RuleKind.WorkAs => WeekHours(spec, date, rule.Weekday),
                _ => rule.Periods,
            };
        }

        if (official.TryGetValue(date, out bool isOff))
        {
            return isOff ? [] : WeekHours(spec, date, spec.MakeUpDaysWorkAs);
        }

        return WeekHours(spec, date, date.DayOfWeek);
    }

    public Span[] PeriodsOn(LocalDate date)
    {
        if (!_periods.TryGetValue(date, out var periods))
        {
            periods = PeriodsOn(_spec, date, _dateRules, _official);
            _periods[date] = periods;
        }

        return periods;
    }

    /// <summary>Whether <paramref name="instant"/> is working time, straight from its local date and time.</summary>
    public bool IsWorking(Instant instant)
    {
        if (instant < Start || instant >= End)
        {
            return false;
        }

        var local = instant.InZone(_zone).LocalDateTime;
        long timeOfDay = local.TimeOfDay.NanosecondOfDay;
        foreach (var period in PeriodsOn(local.Date))
        {
            if (Covers(period, timeOfDay))
            {
                return true;
            }
        }

        // Overnight periods of the previous date, measured from that date's midnight.
        foreach (var period in PeriodsOn(local.Date.PlusDays(-1)))
        {
            if (Covers(period, timeOfDay + DayNanos))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>W(t): working time from the horizon start to <paramref name="t"/> (t within [Start, End]).</summary>
    public Duration W(Instant t)
    {
        long offset = (t - Start).ToInt64Nanoseconds();
        long k = offset / MinuteNanos;
        long within = offset % MinuteNanos;
        long w = Before[k] * MinuteNanos;
        if (k < MinuteCount && Work[k])
        {
            w += within;
        }

        return Duration.FromNanoseconds(w);
    }

    public bool InHorizon(Instant t) => t >= Start && t <= End;

    public Duration? Between(Instant from, Instant to) =>
        InHorizon(from) && InHorizon(to) ? W(to) - W(from) : null;

    /// <summary>
    /// Add as documented: d &gt; 0 the earliest t with W(t) = W(s) + d (AcrossGap: the latest, which must be
    /// an opening); d &lt; 0 the latest such t (AcrossGap: the earliest); zero returns s (AcrossGap: the latest
    /// t with W(t) = W(s), i.e. s itself when working, otherwise the next opening). Null is a failure.
    /// </summary>
    public Instant? Add(Instant s, Duration d, GapLanding landing)
    {
        if (!InHorizon(s))
        {
            return null;
        }

        if (d == Duration.Zero && landing == GapLanding.AtEdge)
        {
            return s;
        }

        long target = (W(s) + d).ToInt64Nanoseconds();
        long total = Before[MinuteCount] * MinuteNanos;
        if (target < 0 || target > total)
        {
            return null;
        }

        bool latest = (d >= Duration.Zero) == (landing == GapLanding.AcrossGap);
        if (!latest)
        {
            return Earliest(target);
        }

        var result = Latest(target);

        // The latest instant at the target is an opening, or the horizon end when no working time follows.
        return result == End ? null : result;
    }

    /// <summary>The earliest instant t with W(t) = <paramref name="target"/>.</summary>
    public Instant Earliest(long target)
    {
        if (target == 0)
        {
            return Start;
        }

        for (int k = 0; k < MinuteCount; k++)
        {
            long before = Before[k] * MinuteNanos;
            if (Work[k] && before < target && target <= before + MinuteNanos)
            {
                return Start + Duration.FromNanoseconds((k * MinuteNanos) + (target - before));
            }
        }

        throw new InvalidOperationException("target beyond the total");
    }

    /// <summary>The latest instant t with W(t) = <paramref name="target"/>.</summary>
    public Instant Latest(long target)
    {
        for (int k = 0; k < MinuteCount; k++)
        {
            long before = Before[k] * MinuteNanos;
            if (Work[k] && before <= target && target < before + MinuteNanos)
            {
                return Start + Duration.FromNanoseconds((k * MinuteNanos) + (target - before));
            }
        }

        return End;
    }

    /// <summary>The first instant at or after <paramref name="t"/> at which working time begins.</summary>
    public Instant? NextOpening(Instant t)
    {
        if (!InHorizon(t))
        {
            return null;
        }

        for (int k = 0; k < MinuteCount; k++)
        {
            var at = MinuteStart(k);
            if (at >= t && Work[k] && (k == 0 || !Work[k - 1]))
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>The last instant at or before <paramref name="t"/> at which working time ends.</summary>
    public Instant? PreviousClosing(Instant t)
    {
        if (!InHorizon(t))
        {
            return null;
        }

        for (int k = MinuteCount; k >= 1; k--)
        {
            var at = MinuteStart(k);
            if (at <= t && Work[k - 1] && (k == MinuteCount || !Work[k]))
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>
    /// Working dates (a period starting on the date contributes at least one working instant in the
    /// horizon) with the end of their last such period.
    /// </summary>
    public SortedDictionary<LocalDate, Instant> DayEnds
    {
        get
        {
            if (_dayEnds is null)
            {
                _dayEnds = [];
                for (int k = 0; k < MinuteCount; k++)
                {
                    if (!Work[k])
                    {
                        continue;
                    }

                    var local = MinuteStart(k).InZone(_zone).LocalDateTime;
                    long timeOfDay = local.TimeOfDay.NanosecondOfDay;
                    var end = MinuteStart(k + 1);
                    Mark(local.Date, timeOfDay, end);
                    Mark(local.Date.PlusDays(-1), timeOfDay + DayNanos, end);
                }
            }

            return _dayEnds;
        }
    }

    public bool IsWorkingDay(LocalDate date) => DayEnds.ContainsKey(date);

    /// <summary>The same local time on the n-th working date after (before) the start's local date; gaps shift forward, overlaps take the earlier.</summary>
    public Instant? AddWorkingDays(Instant s, int days)
    {
        if (!InHorizon(s))
        {
            return null;
        }

        if (days == 0)
        {
            return s;
        }

        var local = s.InZone(_zone).LocalDateTime;
        var dates = days > 0
            ? DayEnds.Keys.Where(d => d > local.Date).ToList()
            : DayEnds.Keys.Where(d => d < local.Date).Reverse().ToList();
        int index = Math.Abs(days) - 1;
        if (index >= dates.Count)
        {
            return null;
        }

        var result = Resolve(dates[index] + local.TimeOfDay);
        return result > End ? null : result;
    }

    /// <summary>The end of the working day: days = 0 the start's date if working and not over, else the next; days &gt; 0 the days-th after.</summary>
    public Instant? EndOfWorkingDay(Instant s, int days)
    {
        if (days < 0 || !InHorizon(s))
        {
            return null;
        }

        var date = s.InZone(_zone).Date;
        if (days == 0 && DayEnds.TryGetValue(date, out var end) && end >= s)
        {
            return end;
        }

        var after = DayEnds.Where(e => e.Key > date).ToList();
        int index = Math.Max(days, 1) - 1;
        return index < after.Count ? after[index].Value : null;
    }

    public Instant MinuteStart(long k) => Start + Duration.FromMinutes(k);

    private static Span[] WeekHours(CalendarSpec spec, LocalDate date, IsoDayOfWeek weekday)
    {
        var week = spec.Season is { } season && InSeason(season, date) ? season.Week : spec.Week;
        return week[(int)weekday - 1];
    }

    private static bool InSeason(SeasonSpec season, LocalDate date)
    {
        var day = new AnnualDate(date.Month, date.Day);
        return season.From <= season.To
            ? day >= season.From && day <= season.To
            : day >= season.From || day <= season.To;
    }

    private static bool Covers(Span period, long nanosSinceMidnight) =>
        period.Start * MinuteNanos <= nanosSinceMidnight && nanosSinceMidnight < period.End * MinuteNanos;

    /// <summary>Local to instant: the only mapping, the earlier of two, or for a gap the local time read with the offset before the gap.</summary>
    private Instant Resolve(LocalDateTime local)
    {
        var mapping = _zone.MapLocal(local);
        if (mapping.Count > 0)
        {
            return mapping.First().ToInstant();
        }

        return local.InUtc().ToInstant() - Duration.FromNanoseconds(mapping.EarlyInterval.WallOffset.Nanoseconds);
    }

    private void Mark(LocalDate date, long nanosSinceMidnight, Instant end)
    {
        if (date < _spec.HorizonStart || date >= _spec.HorizonEnd)
        {
            return;
        }

        foreach (var period in PeriodsOn(date))
        {
            if (Covers(period, nanosSinceMidnight))
            {
                if (!_dayEnds!.TryGetValue(date, out var known) || known < end)
                {
                    _dayEnds[date] = end;
                }

                return;
            }
        }
    }

    private void EnsureTable()
    {
        if (_work is not null)
        {
            return;
        }

        var work = new bool[MinuteCount];
        var before = new long[MinuteCount + 1];
        for (int k = 0; k < MinuteCount; k++)
        {
            work[k] = IsWorking(MinuteStart(k));
            before[k + 1] = before[k] + (work[k] ? 1 : 0);
        }

        _work = work;
        _before = before;
    }
}
