using System.Collections.Immutable;
using NodaTime;

namespace Feedback.Calendars;

/// <summary>
/// Seasonal hours: from <see cref="From"/> to <see cref="To"/> (both inclusive, every year,
/// wrapping over the new year when <see cref="To"/> is before <see cref="From"/>) the weekly hours
/// of this season replace the calendar's default week (W2: spring/summer 07:50-17:30,
/// autumn/winter 07:50-18:30).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Season
{
    internal Season(string name, AnnualDate from, AnnualDate to, ImmutableArray<ImmutableArray<WorkingPeriod>> week)
    {
        Name = name;
        From = from;
        To = to;
        Week = week;
    }

    /// <summary>The season's name, used in error messages and explanations.</summary>
    public string Name { get; }

    /// <summary>First day of the season (inclusive).</summary>
    public AnnualDate From { get; }

    /// <summary>Last day of the season (inclusive).</summary>
    public AnnualDate To { get; }

    /// <summary>Periods per weekday, indexed by <c>(int)IsoDayOfWeek - 1</c> (Monday = 0).</summary>
    internal ImmutableArray<ImmutableArray<WorkingPeriod>> Week { get; }

    /// <summary>The periods worked on <paramref name="weekday"/> during this season.</summary>
    public ImmutableArray<WorkingPeriod> HoursOn(IsoDayOfWeek weekday) => Week[(int)weekday - 1];

    /// <summary>Whether <paramref name="date"/> falls in this season.</summary>
    public bool Contains(LocalDate date)
    {
        var day = new AnnualDate(date.Month, date.Day);
        return From <= To ? day >= From && day <= To : day >= From || day <= To;
    }
}
