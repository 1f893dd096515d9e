namespace Feedback.Calendars;

/// <summary>
/// A region's official days off and make-up working days for a set of years, as published by
/// the authority of that region (for mainland China, the State Council's yearly notice).
/// </summary>
/// <remarks>
/// <para>
/// A date that is not listed follows the ordinary week of the calendar that uses the schedule.
/// <see cref="Years"/> says which years the schedule is authoritative for: past the last one a
/// calendar still answers, with the weekly pattern only, and marks the answer as extrapolated so a
/// host notices that next year's notice is missing.
/// </para>
/// <para>This is a plain data contract: validation happens when a calendar is built from it.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class HolidaySchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="region">Region code, for example <c>"CN"</c>.</param>
    /// <param name="years">Years the schedule is authoritative for.</param>
    /// <param name="days">Listed days, in any order.</param>
    /// <param name="source">Where the data comes from (attribution), or <c>null</c>.</param>
    public HolidaySchedule(string region, IEnumerable<int> years, IEnumerable<OfficialDay> days, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(days);
        Region = region;
        Years = years.Distinct().Order().ToArray();
        Days = days.OrderBy(d => d.Date).ToArray();
        Source = source;
    }

    /// <summary>Region code, for example <c>"CN"</c>.</summary>
    public string Region { get; }

    /// <summary>The years this schedule is authoritative for, ascending and distinct.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Listed days ordered by date. A year's notice may list days of the neighbouring year.</summary>
    public IReadOnlyList<OfficialDay> Days { get; }

    /// <summary>Where the data comes from, kept for attribution; <c>null</c> when not given.</summary>
    public string? Source { get; }
}
