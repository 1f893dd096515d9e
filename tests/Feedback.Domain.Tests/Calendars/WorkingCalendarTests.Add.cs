using Feedback.Calendars;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Calendars;

/// <summary>Add on the W1 GM-hotline calendar (Mon-Fri 08:30-11:30, 13:30-16:30, CN holidays).</summary>
public partial class WorkingCalendarTests
{
    // 2026-03-06 is a Friday, 2026-03-09 a Monday; no holidays near.
    [Fact]
    public void Add_FridayLateAfternoon_ContinuesAfterTheWeekend()
    {
        GmHotline.Add(Sh(2026, 3, 6, 16, 0), Duration.FromHours(1)).Value.Should().Be(Sh(2026, 3, 9, 9, 0));
    }

    [Fact]
    public void Add_StartInsideLunchBreak_CountsFromTheAfternoonOpening()
    {
        GmHotline.Add(Sh(2026, 3, 9, 11, 45), Duration.FromMinutes(30)).Value.Should().Be(Sh(2026, 3, 9, 14, 0));
    }

    [Fact]
    public void Add_StartBeforeOpening_CountsFromTheOpening()
    {
        GmHotline.Add(Sh(2026, 3, 9, 7, 0), Duration.FromHours(1)).Value.Should().Be(Sh(2026, 3, 9, 9, 30));
    }

    [Fact]
    public void Add_StartAfterClosing_CountsFromTheNextWorkingDay()
    {
        GmHotline.Add(Sh(2026, 3, 9, 17, 0), Duration.FromHours(1)).Value.Should().Be(Sh(2026, 3, 10, 9, 30));
    }

    [Fact]
    public void Add_CountEndingAtClosing_LandsOnTheClosingInstantByDefault()
    {
        GmHotline.Add(Sh(2026, 3, 9, 8, 30), Duration.FromHours(3)).Value.Should().Be(Sh(2026, 3, 9, 11, 30));
    }

    [Fact]
    public void Add_CountEndingAtClosing_WithAcrossGap_LandsOnTheNextOpening()
    {
        GmHotline.Add(Sh(2026, 3, 9, 8, 30), Duration.FromHours(3), GapLanding.AcrossGap).Value.Should().Be(Sh(2026, 3, 9, 13, 30));
    }

    [Fact]
    public void Add_FromFridayCloseAWorkingDay_IsMondayCloseOrTuesdayOpening()
    {
        var start = Sh(2026, 3, 6, 16, 30);
        GmHotline.Add(start, Duration.FromHours(6)).Value.Should().Be(Sh(2026, 3, 9, 16, 30));
        GmHotline.Add(start, Duration.FromHours(6), GapLanding.AcrossGap).Value.Should().Be(Sh(2026, 3, 10, 8, 30));
    }

    [Fact]
    public void Add_ZeroOutsideHours_ReturnsTheStartAtEdge_AndTheNextOpeningAcrossGap()
    {
        var saturday = Sh(2026, 3, 7, 10, 0);
        GmHotline.Add(saturday, Duration.Zero).Value.Should().Be(saturday);
        GmHotline.Add(saturday, Duration.Zero, GapLanding.AcrossGap).Value.Should().Be(Sh(2026, 3, 9, 8, 30));
    }

    [Fact]
    public void Add_ZeroInsideHours_ReturnsTheStartWithEitherLanding()
    {
        var start = Sh(2026, 3, 9, 10, 17, 23);
        GmHotline.Add(start, Duration.Zero).Value.Should().Be(start);
        GmHotline.Add(start, Duration.Zero, GapLanding.AcrossGap).Value.Should().Be(start);
    }

    [Fact]
    public void Add_Negative_SubtractsBusinessTimeNotWallClockTime()
    {
        // 30 minutes back to 13:30, the lunch break does not count, 30 more minutes before 11:30.
        GmHotline.Add(Sh(2026, 3, 9, 14, 0), Duration.FromHours(-1)).Value.Should().Be(Sh(2026, 3, 9, 11, 0));
    }

    [Fact]
    public void Add_NegativeEndingAtAGap_LandsOnTheOpeningByDefault_AndThePreviousClosingAcrossGap()
    {
        var start = Sh(2026, 3, 9, 14, 30);
        GmHotline.Add(start, Duration.FromHours(-1)).Value.Should().Be(Sh(2026, 3, 9, 13, 30));
        GmHotline.Add(start, Duration.FromHours(-1), GapLanding.AcrossGap).Value.Should().Be(Sh(2026, 3, 9, 11, 30));
    }

    [Fact]
    public void Add_NegativeInTheFirstDaysOfJanuary_SkipsNewYearHolidaysAndUsesTheMakeUpDay()
    {
        // 2026-01-01..03 are days off and Sunday 2026-01-04 is a make-up working day (works as Monday).
        var monday = Sh(2026, 1, 5, 9, 0);
        GmHotline.Add(monday, Duration.FromHours(-1)).Value.Should().Be(Sh(2026, 1, 4, 16, 0));

        // 30 min on Jan 5, 6 h on Jan 4, and the last 30 min before Wednesday 2025-12-31's close.
        GmHotline.Add(monday, Duration.FromHours(-7)).Value.Should().Be(Sh(2025, 12, 31, 16, 0));
    }

    [Fact]
    public void Add_KeepsSecondsAndNanoseconds()
    {
        var start = Sh(2026, 3, 9, 8, 30);
        GmHotline.Add(start, Duration.FromSeconds(90)).Value.Should().Be(Sh(2026, 3, 9, 8, 31, 30));
        GmHotline.Add(start, Duration.FromNanoseconds(1_500_000_001)).Value.Should().Be(start.PlusNanoseconds(1_500_000_001));

        // A start with seconds outside hours still counts from the opening, to the nanosecond.
        GmHotline.Add(Sh(2026, 3, 9, 12, 0, 59), Duration.FromNanoseconds(1)).Value.Should().Be(Sh(2026, 3, 9, 13, 30).PlusNanoseconds(1));
    }

    [Fact]
    public void Add_AcrossNationalDay2025_SkipsTheEightDaysOff()
    {
        // Tuesday 2025-09-30 16:00 + 1 h: 30 min that day, then 2025-10-01..08 are off, 30 min on 10-09.
        GmHotline.Add(Sh(2025, 9, 30, 16, 0), Duration.FromHours(1)).Value.Should().Be(Sh(2025, 10, 9, 9, 0));
    }
}
