using System.Globalization;
using System.Text;
using Ardalis.Result;
using Feedback.Calendars;
using NodaTime;

namespace Feedback.Tests.Calendars;

/// <summary>
/// A local working period in whole minutes of the day it starts on: <see cref="Start"/> in [0, 1440),
/// <see cref="End"/> in (<see cref="Start"/>, <see cref="Start"/> + 1440]. An end past 1440 runs into
/// the next day (overnight); exactly 1440 is 24:00; <see cref="Start"/> + 1440 is a whole 24 hours.
/// </summary>
public readonly record struct Span(int Start, int End)
{
    public const int MinutesPerDay = 24 * 60;

    public WorkingPeriod ToPeriod() => new(
        LocalTime.FromMinutesSinceMidnight(Start),
        LocalTime.FromMinutesSinceMidnight(End % MinutesPerDay));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start / 60:00}:{Start % 60:00}-{End / 60:00}:{End % 60:00}");
}

/// <summary>What a date rule does (mirrors <see cref="DayRuleKind"/>, kept separate so the reference does not depend on it).</summary>
public enum RuleKind
{
    Off,
    WorkAs,
    Hours,
}

/// <summary>A date rule: a day off, a make-up day working another weekday's hours, or a day with its own periods.</summary>
public sealed record DateRuleSpec(LocalDate Date, RuleKind Kind, IsoDayOfWeek Weekday, Span[] Periods)
{
    public DayRule ToRule() => Kind switch
    {
        RuleKind.WorkAs => DayRule.WorkAs(Weekday),
        RuleKind.Hours => DayRule.Hours(Periods.Select(p => p.ToPeriod())),
        _ => DayRule.Off,
    };

    public override string ToString() => Kind switch
    {
        RuleKind.WorkAs => string.Create(CultureInfo.InvariantCulture, $"{Date:uuuu-MM-dd} work as {Weekday}"),
        RuleKind.Hours => string.Create(CultureInfo.InvariantCulture, $"{Date:uuuu-MM-dd} hours [{string.Join(' ', Periods)}]"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Date:uuuu-MM-dd} off"),
    };
}

/// <summary>A season (inclusive annual dates, wrapping over the new year when <see cref="To"/> is earlier) with its own week.</summary>
public sealed record SeasonSpec(AnnualDate From, AnnualDate To, Span[][] Week)
{
    public override string ToString() => $"{From}..{To} {CalendarSpec.FormatWeek(Week)}";
}

/// <summary>
/// Everything needed to build a working calendar: zone, horizon, weekly periods (Monday first),
/// an optional season, date rules and an optional official schedule (days off and make-up days).
/// </summary>
public sealed record CalendarSpec(
    string ZoneId,
    LocalDate HorizonStart,
    LocalDate HorizonEnd,
    Span[][] Week,
    SeasonSpec? Season,
    DateRuleSpec[] DateRules,
    OfficialDay[] OfficialDays,
    bool HasSchedule,
    IsoDayOfWeek MakeUpDaysWorkAs)
{
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    public int Days => Period.DaysBetween(HorizonStart, HorizonEnd);

    public Result<WorkingCalendar> Build()
    {
        var builder = new WorkingCalendarBuilder("generated", Zone).WithHorizon(HorizonStart, HorizonEnd);
        for (int i = 0; i < 7; i++)
        {
            builder.On((IsoDayOfWeek)(i + 1), Week[i].Select(p => p.ToPeriod()));
        }

        if (Season is { } season)
        {
            builder.WithSeason("season", season.From, season.To, w =>
            {
                for (int i = 0; i < 7; i++)
                {
                    w.On((IsoDayOfWeek)(i + 1), season.Week[i].Select(p => p.ToPeriod()));
                }
            });
        }

        foreach (var rule in DateRules)
        {
            builder.On(rule.Date, rule.ToRule());
        }

        if (HasSchedule)
        {
            var years = Enumerable.Range(HorizonStart.Year - 1, HorizonEnd.Year - HorizonStart.Year + 2);
            builder.WithHolidays(new HolidaySchedule("XX", years, OfficialDays), MakeUpDaysWorkAs);
        }

        return builder.Build();
    }

    public static string FormatWeek(Span[][] week)
    {
        var text = new StringBuilder();
        for (int i = 0; i < 7; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(IsoDayOfWeek)(i + 1)}[{string.Join(' ', week[i])}] ");
        }

        return text.ToString().TrimEnd();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"zone {ZoneId}, horizon {HorizonStart:uuuu-MM-dd}..{HorizonEnd:uuuu-MM-dd}, week {FormatWeek(Week)}");
        if (Season is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $", season {Season}");
        }

        if (DateRules.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", dates {{{string.Join("; ", DateRules.Select(r => r.ToString()))}}}");
        }

        if (HasSchedule)
        {
            text.Append(CultureInfo.InvariantCulture, $", official (make-up days work as {MakeUpDaysWorkAs}) {{{string.Join("; ", OfficialDays.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Date:uuuu-MM-dd} {(d.IsOffDay ? "off" : "make-up")}")))}}}");
        }

        return text.ToString();
    }
}

/// <summary>
/// One generated test case: a calendar, instants inside its horizon (biased towards period edges and
/// daylight-saving transitions), whole-minute durations, a sub-minute part and working-day counts.
/// Properties use the parts they need.
/// </summary>
public sealed record CalendarCase(
    CalendarSpec Spec,
    Instant A,
    Instant B,
    Instant C,
    long D1Minutes,
    long D2Minutes,
    long SubMinuteNanos,
    int N,
    int M)
{
    public Duration D1 => Duration.FromMinutes(D1Minutes);

    public Duration D2 => Duration.FromMinutes(D2Minutes);

    public string Show(Instant instant) => Show(instant, Spec.Zone);

    public static string Show(Instant instant, DateTimeZone zone) =>
        string.Create(CultureInfo.InvariantCulture, $"{instant:uuuu-MM-ddTHH:mm:ss.FFFFFFFFF'Z'} ({instant.InZone(zone):uuuu-MM-ddTHH:mm:ss.FFFFFFFFF o<g>})");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Spec}; A={Show(A)}, B={Show(B)}, C={Show(C)}, D1={D1Minutes} min, D2={D2Minutes} min, sub-minute={SubMinuteNanos} ns, N={N}, M={M}");
}
