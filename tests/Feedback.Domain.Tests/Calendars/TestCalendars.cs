using Feedback.Calendars;
using NodaTime;

namespace Feedback.Tests.Calendars;

/// <summary>Calendars shared by the calendar tests, built from the rules in RULES.md.</summary>
internal static class TestCalendars
{
    public static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>W1: GM hotline, Mon-Fri 08:30-11:30 and 13:30-16:30, closed weekends and official holidays (CN).</summary>
    public static WorkingCalendar GmHotline { get; } = new WorkingCalendarBuilder("gm-hotline", Shanghai)
        .Weekdays("08:30-11:30", "13:30-16:30")
        .WithHolidays(OfficialHolidays.MainlandChina)
        .Build().Value;

    /// <summary>Local date-time in Shanghai as an instant.</summary>
    public static Instant Sh(int year, int month, int day, int hour, int minute, int second = 0) =>
        new LocalDateTime(year, month, day, hour, minute, second).InZoneStrictly(Shanghai).ToInstant();
}
