using Feedback.Calendars;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Feedback.Tests.Calendars;

/// <summary>
/// Bounded FsCheck generators for <see cref="CalendarCase"/>: random weekly schedules (several periods
/// a day with breaks, overnight periods, periods ending at 24:00, empty days), an optional season,
/// date rules (day off, make-up day, half day), an optional official schedule, zones with unusual
/// daylight-saving rules, short horizons placed around their transitions, and instants biased
/// towards period edges and transitions. Everything is on whole minutes.
/// </summary>
internal static class CalendarGenerators
{
    /// <summary>
    /// Zones: no DST (UTC, Shanghai), classic DST (London, New York), a 30-minute shift (Lord Howe), a
    /// 45-minute offset (Chatham), changes at local midnight (Sao Paulo up to 2019, Santiago at 24:00,
    /// Havana and Beirut at 00:00), and fall-backs from 00:01 to 23:01 of the previous day, so that an
    /// hour of one date comes after the start of the next (St John's and Goose Bay up to 2010).
    /// </summary>
    public static readonly string[] ZoneIds =
    [
        "UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Shanghai",
        "America/Sao_Paulo", "America/Santiago", "America/Havana", "Pacific/Chatham", "Asia/Beirut",
        "America/St_Johns", "America/Goose_Bay",
    ];

    private static readonly LocalDate _earliest = new(2000, 1, 1);
    private static readonly LocalDate _latest = new(2025, 12, 1);

    // Minutes of the day where DST changes and typical office hours happen.
    private static readonly int[] _interestingMinutes = [0, 30, 60, 90, 120, 150, 180, 480, 510, 690, 720, 810, 990, 1020, 1200, 1380, 1410, 1440];

    private static readonly Span[][] _templates =
    [
        [new(510, 690), new(810, 990)],          // 08:30-11:30, 13:30-16:30 (lunch break)
        [new(540, 720), new(780, 1020)],         // 09:00-12:00, 13:00-17:00
        [new(1200, 1440 + 540)],                 // 20:00-09:00 overnight duty
        [new(0, 1440)],                          // 00:00-24:00
        [new(480, 1440)],                        // 08:00-24:00
        [new(1320, 1440 + 360)],                 // 22:00-06:00
        [new(60, 180)],                          // 01:00-03:00, across most DST changes
        [new(120, 150)],                         // 02:00-02:30, Lord Howe's spring gap
        [new(30, 90), new(1410, 1440 + 30)],     // around midnight both sides
        [new(480, 1440 + 480)],                  // 08:00-08:00, 24 hours
    ];

    private static readonly Dictionary<string, Instant[]> _transitions = ZoneIds.ToDictionary(id => id, id =>
        DateTimeZoneProviders.Tzdb[id]
            .GetZoneIntervals(_earliest.AtMidnight().InUtc().ToInstant(), _latest.PlusYears(1).AtMidnight().InUtc().ToInstant())
            .Where(i => i.HasStart)
            .Select(i => i.Start)
            .ToArray());

    private static readonly Dictionary<string, LocalDate[]> _anchors = ZoneIds.ToDictionary(id => id, id =>
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        return _transitions[id]
            .SelectMany(t => new[] { t.InZone(zone).Date, (t - Duration.Epsilon).InZone(zone).Date })
            .SelectMany(d => new[] { d.PlusDays(-1), d, d.PlusDays(1) })
            .Where(d => d >= _earliest && d <= _latest)
            .Distinct()
            .ToArray();
    });

    private static readonly OfficialDay[] _china = [.. OfficialHolidays.MainlandChina.Days];

    public static Gen<IsoDayOfWeek> Weekday { get; } = Gen.Choose(1, 7).Select(i => (IsoDayOfWeek)i);

    private static Gen<int> CutPoint { get; } = Gen.Frequency(
        (3, Gen.Choose(0, Span.MinutesPerDay)),
        (2, Gen.Elements(_interestingMinutes)));

    /// <summary>Non-overlapping periods of one day, sorted; the last may run overnight.</summary>
    public static Gen<Span[]> DayPeriods { get; } =
        from count in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)), (1, Gen.Constant(4)))
        from cuts in Gen.ArrayOf(CutPoint, 2 * count)
        from overnight in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from overnightEnd in Gen.Frequency((3, Gen.Choose(0, Span.MinutesPerDay - 1)), (1, Gen.Elements(_interestingMinutes)))
        select MakeDay(cuts, overnight, overnightEnd);

    public static Gen<Span[][]> Week { get; } = Gen.Frequency(
        (3, Gen.ArrayOf(DayPeriods, 7)),
        (2, from template in Gen.Elements(_templates)
            from saturday in DayPeriods
            from sunday in DayPeriods
            select new[] { template, template, template, template, template, saturday, sunday }),
        (1, Gen.Elements(_templates).Select(t => Enumerable.Repeat(t, 7).ToArray())),
        (1, from template in Gen.Elements(_templates)
            from days in Gen.ArrayOf(Gen.Frequency((2, Gen.Constant(template)), (1, DayPeriods)), 7)
            select days))
        .Where(week => week.Any(day => day.Length > 0));

    public static Gen<CalendarSpec> Spec(int minDays, int maxDays) =>
        from zoneId in Gen.Elements(ZoneIds)
        from horizon in Horizon(zoneId, minDays, maxDays)
        from week in Week
        from season in Gen.Frequency((4, Gen.Constant<SeasonSpec?>(null)), (1, Season(horizon.Start, horizon.Days)))
        from rules in DateRules(horizon.Start, horizon.Days)
        from schedule in Official(zoneId, horizon.Start, horizon.Days)
        from makeUp in Weekday
        select new CalendarSpec(zoneId, horizon.Start, horizon.Start.PlusDays(horizon.Days), week, season, rules, schedule.Days, schedule.Has, makeUp);

    public static Gen<CalendarCase> Case(int minDays, int maxDays) =>
        from spec in Spec(minDays, maxDays)
        from c in CaseFor(spec)
        select c;

    public static Gen<CalendarCase> CaseFor(CalendarSpec spec)
    {
        var reference = new ReferenceCalendar(spec);
        var point = Point(spec, reference);
        return from a in point
               from b in point
               from c in point
               from d1 in DurationMinutes
               from d2 in DurationMinutes
               from sub in SubMinute
               from n in Gen.Choose(0, 8)
               from m in Gen.Choose(0, 8)
               select new CalendarCase(spec, a, b, c, d1, d2, sub, n, m);
    }

    /// <summary>Simpler variants of a failing case: fewer rules, emptier days, smaller numbers.</summary>
    public static IEnumerable<CalendarCase> Shrink(CalendarCase c)
    {
        var spec = c.Spec;
        if (c.D1Minutes != 0)
        {
            yield return c with { D1Minutes = 0 };
            yield return c with { D1Minutes = c.D1Minutes / 2 };
        }

        if (c.D2Minutes != 0)
        {
            yield return c with { D2Minutes = 0 };
            yield return c with { D2Minutes = c.D2Minutes / 2 };
        }

        if (c.SubMinuteNanos != 0)
        {
            yield return c with { SubMinuteNanos = 0 };
        }

        if (c.N > 0)
        {
            yield return c with { N = c.N - 1 };
        }

        if (c.M > 0)
        {
            yield return c with { M = c.M - 1 };
        }

        for (int i = 0; i < spec.DateRules.Length; i++)
        {
            yield return c with { Spec = spec with { DateRules = [.. spec.DateRules.Where((_, j) => j != i)] } };
        }

        if (spec.HasSchedule)
        {
            yield return c with { Spec = spec with { HasSchedule = false, OfficialDays = [] } };
            for (int i = 0; i < spec.OfficialDays.Length; i++)
            {
                yield return c with { Spec = spec with { OfficialDays = [.. spec.OfficialDays.Where((_, j) => j != i)] } };
            }
        }

        if (spec.Season is not null)
        {
            yield return c with { Spec = spec with { Season = null } };
        }

        for (int day = 0; day < 7; day++)
        {
            for (int i = 0; i < spec.Week[day].Length; i++)
            {
                var week = spec.Week.ToArray();
                week[day] = [.. spec.Week[day].Where((_, j) => j != i)];
                if (week.Any(d => d.Length > 0))
                {
                    yield return c with { Spec = spec with { Week = week } };
                }
            }
        }
    }

    private static Gen<long> DurationMinutes { get; } = Gen.Frequency(
        (1, Gen.Constant(0)),
        (3, Gen.Choose(1, 120)),
        (3, Gen.Choose(1, 1500)),
        (2, Gen.Choose(1, 10000)))
        .Select(m => (long)m);

    private static Gen<long> SubMinute { get; } = Gen.Frequency(
        (1, Gen.Constant(0L)),
        (1, Gen.Elements(1L, NodaConstants.NanosecondsPerMinute - 1, NodaConstants.NanosecondsPerSecond)),
        (4, from ms in Gen.Choose(0, 59_999)
            from ns in Gen.Choose(0, 999_999)
            select (ms * 1_000_000L) + ns));

    private static Gen<(LocalDate Start, int Days)> Horizon(string zoneId, int minDays, int maxDays)
    {
        var randomDate = Gen.Choose(0, Period.DaysBetween(_earliest, _latest)).Select(_earliest.PlusDays);
        var anchors = _anchors[zoneId];
        var anchor = anchors.Length == 0 ? randomDate : Gen.Frequency((3, Gen.Elements(anchors)), (1, randomDate));
        return from days in Gen.Choose(minDays, maxDays)
               from at in anchor
               from mode in Gen.Choose(0, 2)
               from jitter in Gen.Choose(0, days - 1)
               select mode switch
               {
                   // Start on (or the day before) the anchor; end just after it; or contain it.
                   0 => (at.PlusDays(-(jitter % 2)), days),
                   1 => (at.PlusDays(1 + (jitter % 2) - days), days),
                   _ => (at.PlusDays(-jitter), days),
               };
    }

    private static Gen<SeasonSpec?> Season(LocalDate start, int days) =>
        from offset in Gen.Choose(0, days)
        from length in Gen.Choose(0, 40)
        from week in Gen.ArrayOf(DayPeriods, 7)
        let first = start.PlusDays(offset)
        let last = first.PlusDays(length)
        select (SeasonSpec?)new SeasonSpec(new AnnualDate(first.Month, first.Day), new AnnualDate(last.Month, last.Day), week);

    private static Gen<DateRuleSpec[]> DateRules(LocalDate start, int days)
    {
        var body = Gen.Frequency(
            (2, Gen.Constant((RuleKind.Off, IsoDayOfWeek.None, Array.Empty<Span>()))),
            (2, Weekday.Select(w => (RuleKind.WorkAs, w, Array.Empty<Span>()))),
            (2, DayPeriods.Select(p => (RuleKind.Hours, IsoDayOfWeek.None, p))));
        return from count in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(4)))
               from offsets in Gen.ArrayOf(Gen.Choose(0, days - 1), count)
               from bodies in Gen.ArrayOf(body, count)
               select offsets.Distinct()
                   .Zip(bodies, (offset, b) => new DateRuleSpec(start.PlusDays(offset), b.Item1, b.Item2, b.Item3))
                   .ToArray();
    }

    private static Gen<(bool Has, OfficialDay[] Days)> Official(string zoneId, LocalDate start, int days)
    {
        var custom = from count in Gen.Choose(0, 3)
                     from offsets in Gen.ArrayOf(Gen.Choose(-1, days), count)
                     from off in Gen.ArrayOf(Gen.Elements(true, false), count)
                     select (true, offsets.Distinct().Zip(off, (o, isOff) => new OfficialDay(start.PlusDays(o), isOff, null)).ToArray());
        var china = Gen.Constant((true, _china.Where(d => d.Date >= start.PlusDays(-1) && d.Date <= start.PlusDays(days)).ToArray()));
        var none = Gen.Constant((false, Array.Empty<OfficialDay>()));
        return zoneId == "Asia/Shanghai"
            ? Gen.Frequency((2, none), (1, custom), (2, china))
            : Gen.Frequency((2, none), (1, custom));
    }

    private static Gen<Instant> Point(CalendarSpec spec, ReferenceCalendar reference)
    {
        var zone = spec.Zone;
        Instant Clamp(Instant t) => t < reference.Start ? reference.Start : t > reference.End ? reference.End : t;

        var uniform = Gen.Choose(0, reference.MinuteCount).Select(k => reference.MinuteStart(k));
        var edge =
            from offset in Gen.Choose(-1, spec.Days - 1)
            from pick in Gen.Choose(0, 1000)
            from atEnd in Gen.Elements(true, false)
            from delta in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(-2, 2)))
            from later in Gen.Elements(true, false)
            select EdgePoint(reference, zone, spec.HorizonStart.PlusDays(offset), pick, atEnd, delta, later);
        var options = new List<(int, Gen<Instant>)>
        {
            (3, uniform),
            (4, edge.Select(p => p is { } t ? Gen.Constant(Clamp(t)) : uniform).SelectMany(g => g)),
            (1, Gen.Elements(reference.Start, reference.End)),
        };

        var transitions = _transitions[spec.ZoneId].Where(t => t > reference.Start && t < reference.End).ToArray();
        if (transitions.Length > 0)
        {
            options.Add((3, from t in Gen.Elements(transitions)
                            from minutes in Gen.Choose(-120, 120)
                            select Clamp(t + Duration.FromMinutes(minutes))));

            // The local time of day of a transition (just inside a gap or a repeated hour) on another
            // date, so that AddWorkingDays can land on a time that is skipped or repeated.
            options.Add((2, from t in Gen.Elements(transitions)
                            from minutes in Gen.Choose(0, 30)
                            from days in Gen.Choose(-14, 14)
                            let local = (t - Duration.Epsilon).InZone(zone).LocalDateTime.PlusMinutes(minutes + 1).PlusDays(days)
                            select Clamp(local.InZoneLeniently(zone).ToInstant())));
        }

        return Gen.Frequency(options);
    }

    private static Instant? EdgePoint(ReferenceCalendar reference, DateTimeZone zone, LocalDate date, int pick, bool atEnd, int delta, bool later)
    {
        var periods = reference.PeriodsOn(date);
        if (periods.Length == 0)
        {
            return null;
        }

        var period = periods[pick % periods.Length];
        var local = date.AtMidnight().PlusMinutes((atEnd ? period.End : period.Start) + delta);
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            0 => local.InZoneLeniently(zone).ToInstant(),
            1 => mapping.Single().ToInstant(),
            _ => (later ? mapping.Last() : mapping.First()).ToInstant(),
        };
    }

    private static Span[] MakeDay(int[] cuts, bool overnight, int overnightEnd)
    {
        var sorted = cuts.Distinct().Order().ToArray();
        var spans = new List<Span>();
        for (int i = 0; i + 1 < sorted.Length; i += 2)
        {
            spans.Add(new Span(sorted[i], sorted[i + 1]));
        }

        if (overnight && spans.Count > 0)
        {
            var last = spans[^1];
            spans[^1] = last with { End = Span.MinutesPerDay + Math.Min(overnightEnd, last.Start) };
        }

        return [.. spans];
    }
}

/// <summary>Cases with horizons of 3 to 60 days, for the algebraic properties.</summary>
public static class CalendarArbitraries
{
    public static Arbitrary<CalendarCase> Case() => Arb.From(CalendarGenerators.Case(3, 60), CalendarGenerators.Shrink);
}

/// <summary>Cases with horizons of 2 to 16 days, for comparison with the minute-stepping reference.</summary>
public static class SmallCalendarArbitraries
{
    public static Arbitrary<CalendarCase> Case() => Arb.From(CalendarGenerators.Case(2, 16), CalendarGenerators.Shrink);
}
