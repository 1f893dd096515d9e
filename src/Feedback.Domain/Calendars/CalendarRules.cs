using System.Collections.Immutable;
using NodaTime;

namespace Feedback.Calendars;

/// <summary>The validated rules of a calendar: which periods are worked on a given local date.</summary>
internal sealed class CalendarRules(
    ImmutableArray<ImmutableArray<WorkingPeriod>> week,
    ImmutableArray<Season> seasons,
    ImmutableDictionary<LocalDate, DayRule> dates,
    ImmutableDictionary<LocalDate, bool> officialDays,
    IsoDayOfWeek makeUpDaysWorkAs)
{
    /// <summary>The periods worked on <paramref name="date"/>, starting on that date, in order.</summary>
    public ImmutableArray<WorkingPeriod> PeriodsOn(LocalDate date)
    {
        if (dates.TryGetValue(date, out var rule))
        {
            return rule.Kind switch
            {
                DayRuleKind.WorkAs => WeekHours(date, rule.Weekday),
                DayRuleKind.Hours => [.. rule.Periods.OrderBy(p => p.StartNanos)],
                _ => [],
            };
        }

        if (officialDays.TryGetValue(date, out bool isOffDay))
        {
            return isOffDay ? [] : WeekHours(date, makeUpDaysWorkAs);
        }

        return WeekHours(date, date.DayOfWeek);
    }

    /// <summary>A short description of the rule that decides <paramref name="date"/>, for explanations.</summary>
    public string RuleOn(LocalDate date)
    {
        if (dates.TryGetValue(date, out var rule))
        {
            return "date rule: " + rule;
        }

        if (officialDays.TryGetValue(date, out bool isOffDay))
        {
            return isOffDay ? "official day off" : $"official make-up working day (works as {makeUpDaysWorkAs})";
        }

        foreach (var season in seasons)
        {
            if (season.Contains(date))
            {
                return $"season '{season.Name}', {date.DayOfWeek}";
            }
        }

        return $"weekly hours, {date.DayOfWeek}";
    }

    private ImmutableArray<WorkingPeriod> WeekHours(LocalDate date, IsoDayOfWeek weekday)
    {
        foreach (var season in seasons)
        {
            if (season.Contains(date))
            {
                return season.HoursOn(weekday);
            }
        }

        return week[(int)weekday - 1];
    }
}
