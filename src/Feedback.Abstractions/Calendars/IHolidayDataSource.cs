namespace Feedback.Calendars;

/// <summary>
/// Port through which a host supplies official holiday data: for its own region, for years the
/// library does not ship yet, or from its own database.
/// </summary>
/// <remarks>Implementations must be thread-safe. The library ships one for mainland China
/// (<c>Feedback.Calendars.OfficialHolidays</c> in Feedback.Domain).</remarks>
public interface IHolidayDataSource
{
    /// <summary>Returns the schedule for <paramref name="region"/>, or <c>null</c> when the source has none.</summary>
    /// <param name="region">Region code, for example <c>"CN"</c>; compared ordinally and case-insensitively.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    ValueTask<HolidaySchedule?> FindAsync(string region, CancellationToken cancellationToken = default);
}
