using Feedback.FollowUps;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>F1: follow-up windows of every preset, and working-day and business-time windows of a custom document.</summary>
public class FollowUpWindowTests
{
    // Fri 2026-04-03; Sat 04 and Sun 05 are the weekend; Mon 2026-04-06 is the Qingming holiday (CN data: 04-04..04-06 off).
    // Fri 2026-02-13; Sat 02-14 is a make-up working day (worked as a Monday); 02-15..02-23 Spring Festival off; Tue 02-24 works.
    private const string CalendarWindows = """
        { "seed": "w", "calendar": "office", "kinds": [
          { "kind": "repair", "rate": 30, "windows": [
            { "name": "next working day to the end of the second", "unit": "workingDays", "from": 1, "to": 2 },
            { "name": "same working day", "unit": "workingDays", "to": 0 } ] },
          { "kind": "complaint", "rate": 100, "windows": [
            { "name": "one to four business hours", "unit": "businessTime", "from": "PT1H", "to": "PT4H" } ] } ] }
        """;

    private static readonly Lazy<FollowUpPolicy> _calendarPolicy = new(() => Load(CalendarWindows, OfficeCalendar));

    private static FollowUpWindow[] WindowsOf(string preset, FollowUpItem item)
    {
        var result = Preset(preset).Windows(item);
        result.IsSuccess.Should().BeTrue(string.Join("; ", result.Errors));
        return [.. result.Value];
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    [InlineData("A3")]
    [InlineData("B")]
    public void F1_Complaint_WindowClosesThreeDaysAfterCompletion(string preset)
    {
        // Completed Tue 2026-03-10 16:30 Shanghai; + P3D = Fri 2026-03-13 16:30.
        WindowsOf(preset, Item("c1", "complaint", Sh(2026, 3, 10, 16, 30))).Should().Equal(
            new FollowUpWindow("within 3 days", Sh(2026, 3, 10, 16, 30), Sh(2026, 3, 13, 16, 30)));
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    [InlineData("A3")]
    [InlineData("B")]
    public void F1_Complaint_ThreeDayWindowRunsIntoTheNextMonth(string preset)
    {
        // 2026-03-30 22:00 + 3 days = 2026-04-02 22:00 (March has 31 days).
        WindowsOf(preset, Item("c1", "complaint", Sh(2026, 3, 30, 22, 0))).Should().Equal(
            new FollowUpWindow("within 3 days", Sh(2026, 3, 30, 22, 0), Sh(2026, 4, 2, 22, 0)));
    }

    [Theory]
    [InlineData("A2")]
    [InlineData("B")]
    public void F1_Repair_WindowClosesOneMonthAfterCompletion(string preset)
    {
        // 2026-03-15 10:00 + P1M = 2026-04-15 10:00.
        WindowsOf(preset, Item("r1", "repair", Sh(2026, 3, 15, 10, 0))).Should().Equal(
            new FollowUpWindow("within one month", Sh(2026, 3, 15, 10, 0), Sh(2026, 4, 15, 10, 0)));
    }

    [Theory]
    [InlineData("A2")]
    [InlineData("B")]
    public void F1_Repair_OneMonthFromJanuary31IsClampedToFebruary28(string preset)
    {
        // 2026 is not a leap year: January 31 + P1M = February 28 (NodaTime truncates to the month's last day).
        WindowsOf(preset, Item("r1", "repair", Sh(2026, 1, 31, 9, 15))).Should().Equal(
            new FollowUpWindow("within one month", Sh(2026, 1, 31, 9, 15), Sh(2026, 2, 28, 9, 15)));
    }

    [Fact]
    public void F1_A1Repair_HasNoWindow()
    {
        // A1 sets a repair rate (50 %) but names no repair window.
        WindowsOf("A1", Item("r1", "repair", Sh(2026, 3, 15, 10, 0))).Should().BeEmpty();
    }

    [Theory]
    [InlineData(2026, 3, 15, 2026, 4, 15, 2026, 5, 15)] // plain: +1 month, +2 months
    [InlineData(2026, 1, 31, 2026, 2, 28, 2026, 3, 31)] // Jan 31 + 1 month clamps to Feb 28; + 2 months is Mar 31
    [InlineData(2025, 12, 31, 2026, 1, 31, 2026, 2, 28)] // Dec 31 + 2 months clamps to Feb 28
    [InlineData(2028, 1, 31, 2028, 2, 29, 2028, 3, 31)] // leap year: Feb 29
    [InlineData(2026, 3, 31, 2026, 4, 30, 2026, 5, 31)] // Mar 31 + 1 month clamps to Apr 30
    public void F1_A3Repair_WindowOpensAfterOneMonthAndClosesAfterTwo(int y, int m, int d, int oy, int om, int od, int cy, int cm, int cd)
    {
        WindowsOf("A3", Item("r1", "repair", Sh(y, m, d, 15, 0))).Should().Equal(
            new FollowUpWindow("after one month and within two months", Sh(oy, om, od, 15, 0), Sh(cy, cm, cd, 15, 0)));
    }

    [Fact]
    public void F1_A3Repair_AFollowUpAfterOneWeekIsStillTooEarly()
    {
        var completed = Sh(2026, 3, 15, 10, 0);
        var window = WindowsOf("A3", Item("r1", "repair", completed)).Single();
        window.Opens.Should().BeGreaterThan(completed + Duration.FromDays(7));
        window.Opens.Should().Be(Sh(2026, 4, 15, 10, 0));
    }

    [Theory]
    [InlineData("A2", "other")]
    [InlineData("A3", "special-service")]
    [InlineData("A3", "help")]
    [InlineData("A3", "emergency-patient")]
    public void F1_OtherServicesAndEmergencyPatients_WindowClosesOneWeekAfterCompletion(string preset, string kind)
    {
        // Sat 2026-03-28 20:00 + P1W = Sat 2026-04-04 20:00 (calendar days: the weekend and Qingming count).
        WindowsOf(preset, Item("s1", kind, Sh(2026, 3, 28, 20, 0))).Should().Equal(
            new FollowUpWindow("within one week", Sh(2026, 3, 28, 20, 0), Sh(2026, 4, 4, 20, 0)));
    }

    [Theory]
    [InlineData("A3")]
    [InlineData("B")]
    public void F1_Events_WindowClosesOneMonthAfterCompletion(string preset)
    {
        // 2026-05-31 19:00 + P1M = 2026-06-30 19:00 (June has 30 days).
        WindowsOf(preset, Item("e1", "event", Sh(2026, 5, 31, 19, 0))).Should().Equal(
            new FollowUpWindow("within one month", Sh(2026, 5, 31, 19, 0), Sh(2026, 6, 30, 19, 0)));
    }

    [Fact]
    public void F1_A1SpecialService_VisitsAtMidTermAndAfterTheContractEnds()
    {
        // Contract 2026-03-01 09:00 .. 2026-09-01 09:00: 31+30+31+30+31+31 = 184 days; the middle is 92 days in:
        // March 1 + 31 = April 1, + 30 = May 1, + 31 = June 1 (92 days): 2026-06-01 09:00; + P1W = 06-08 09:00.
        // After the end: 2026-09-01 09:00 + P1M = 2026-10-01 09:00.
        var item = Item("s1", "special-service", Sh(2026, 3, 1, 9, 0)) with { ContractStart = Sh(2026, 3, 1, 9, 0), ContractEnd = Sh(2026, 9, 1, 9, 0) };
        WindowsOf("A1", item).Should().Equal(
            new FollowUpWindow("middle of the contract term", Sh(2026, 6, 1, 9, 0), Sh(2026, 6, 8, 9, 0)),
            new FollowUpWindow("after the contract ends", Sh(2026, 9, 1, 9, 0), Sh(2026, 10, 1, 9, 0)));
    }

    [Fact]
    public void F1_A1SpecialService_MiddleOfAnOddTermFallsAtNoon()
    {
        // 2026-01-01 00:00 .. 2027-01-01 00:00 is 365 days; half is 182.5 days: 2026-07-02 12:00
        // (Jan 1 + 31 + 28 + 31 + 30 + 31 + 30 = Jul 1 after 181 days, + 1.5 days).
        var item = Item("s1", "special-service", Sh(2026, 1, 1, 0, 0)) with { ContractStart = Sh(2026, 1, 1, 0, 0), ContractEnd = Sh(2027, 1, 1, 0, 0) };
        var windows = WindowsOf("A1", item);
        windows[0].Opens.Should().Be(Sh(2026, 7, 2, 12, 0));
        windows[0].Closes.Should().Be(Sh(2026, 7, 9, 12, 0));
        windows[1].Should().Be(new FollowUpWindow("after the contract ends", Sh(2027, 1, 1, 0, 0), Sh(2027, 2, 1, 0, 0)));
    }

    [Fact]
    public void F1_A1SpecialService_WithoutContractDates_IsAnError()
    {
        var result = Preset("A1").Windows(Item("s1", "special-service", Sh(2026, 3, 1, 9, 0)));
        result.IsSuccess.Should().BeFalse();
        result.Errors.Should().Equal("Item 's1': window 'middle of the contract term' counts from the contract term, but the item has no contract start and end.");
    }

    [Fact]
    public void F1_A1SpecialService_WithOnlyTheContractEnd_IsAnErrorForTheMiddleWindow()
    {
        var item = Item("s1", "special-service", Sh(2026, 3, 1, 9, 0)) with { ContractEnd = Sh(2026, 9, 1, 9, 0) };
        Preset("A1").Windows(item).Errors.Should().Equal(
            "Item 's1': window 'middle of the contract term' counts from the contract term, but the item has no contract start and end.");
    }

    [Fact]
    public void F1_ContractEndWindow_NeedsOnlyTheEnd_AndFailsWithoutIt()
    {
        var policy = Load("""{ "seed": "x", "kinds": [ { "kind": "special-service", "rate": 30, "windows": [ { "name": "after the end", "anchor": "contractEnd", "from": "P1D", "to": "P2W" } ] } ] }""");
        var item = Item("s1", "special-service", Sh(2026, 3, 1, 9, 0));

        // 2026-06-30 18:00 + P1D = 07-01 18:00; + P2W = 07-14 18:00.
        policy.Windows(item with { ContractEnd = Sh(2026, 6, 30, 18, 0) }).Value.Should().Equal(
            new FollowUpWindow("after the end", Sh(2026, 7, 1, 18, 0), Sh(2026, 7, 14, 18, 0)));
        policy.Windows(item with { ContractStart = Sh(2026, 1, 1, 0, 0) }).Errors.Should().Equal(
            "Item 's1': window 'after the end' counts from the contract term, but the item has no contract start and end.");
    }

    [Theory]
    [InlineData(2026, 5, 20, 2026, 4, 2026, 7)] // Q2
    [InlineData(2026, 1, 1, 2026, 1, 2026, 4)] // first day of Q1
    [InlineData(2026, 3, 31, 2026, 1, 2026, 4)] // last day of Q1
    [InlineData(2026, 4, 1, 2026, 4, 2026, 7)] // first day of Q2
    [InlineData(2026, 11, 15, 2026, 10, 2027, 1)] // Q4 closes at the start of next year
    public void F1_A1Household_WindowIsTheCalendarQuarter(int y, int m, int d, int oy, int om, int cy, int cm)
    {
        WindowsOf("A1", Item("h1", "household", Sh(y, m, d, 23, 59))).Should().Equal(
            new FollowUpWindow("once per quarter", Sh(oy, om, 1, 0, 0), Sh(cy, cm, 1, 0, 0)));
    }

    [Fact]
    public void F1_A1Household_QuarterIsTakenInThePolicyZone()
    {
        // 2026-03-31 16:30 UTC is 2026-04-01 00:30 in Shanghai (UTC+8): the second quarter, not the first.
        WindowsOf("A1", Item("h1", "household", Instant.FromUtc(2026, 3, 31, 16, 30))).Should().Equal(
            new FollowUpWindow("once per quarter", Sh(2026, 4, 1, 0, 0), Sh(2026, 7, 1, 0, 0)));
    }

    [Fact]
    public void F1_UnknownKind_IsAnError()
    {
        Preset("A1").Windows(Item("x1", "consultation", Sh(2026, 3, 1, 9, 0))).Errors.Should().Equal(
            "Item 'x1': the policy has no follow-up rule for kind 'consultation'.");
    }

    [Fact]
    public void F1_WorkingDaysWindow_SkipsTheWeekendAndTheQingmingHoliday()
    {
        // Completed Fri 2026-04-03 15:00. Working days after that date: Sat 04, Sun 05 (weekend) and Mon 06 (Qingming)
        // are off, so the 1st is Tue 04-07 and the 2nd Wed 04-08.
        // Window 1: opens at the same time on the 1st working day (Tue 04-07 15:00), closes at the end of the 2nd (Wed 04-08 18:00).
        // Window 2 ("to": 0): opens at completion, closes at the end of the current working day (Fri 04-03 18:00).
        _calendarPolicy.Value.Windows(Item("r1", "repair", Sh(2026, 4, 3, 15, 0))).Value.Should().Equal(
            new FollowUpWindow("next working day to the end of the second", Sh(2026, 4, 7, 15, 0), Sh(2026, 4, 8, 18, 0)),
            new FollowUpWindow("same working day", Sh(2026, 4, 3, 15, 0), Sh(2026, 4, 3, 18, 0)));
    }

    [Fact]
    public void F1_WorkingDaysWindow_CountsTheMakeUpSaturdayAndSkipsSpringFestival()
    {
        // Completed Fri 2026-02-13 10:00. 1st working day: Sat 02-14 (make-up day, Monday hours); 02-15..02-23 off;
        // 2nd working day: Tue 02-24. Opens Sat 02-14 10:00, closes Tue 02-24 18:00.
        _calendarPolicy.Value.Windows(Item("r1", "repair", Sh(2026, 2, 13, 10, 0))).Value[0].Should().Be(
            new FollowUpWindow("next working day to the end of the second", Sh(2026, 2, 14, 10, 0), Sh(2026, 2, 24, 18, 0)));
    }

    [Fact]
    public void F1_BusinessTimeWindow_CountsOnlyWorkingHours()
    {
        // Completed Fri 2026-04-03 15:00. From PT1H: 15:00 + 1 h = 16:00 Friday.
        // To PT4H: 3 h remain on Friday (15:00-18:00); Sat-Mon are off; the 4th hour is Tue 04-07 09:00-10:00.
        _calendarPolicy.Value.Windows(Item("c1", "complaint", Sh(2026, 4, 3, 15, 0))).Value.Should().Equal(
            new FollowUpWindow("one to four business hours", Sh(2026, 4, 3, 16, 0), Sh(2026, 4, 7, 10, 0)));
    }

    [Fact]
    public void F1_BusinessTimeWindow_CompletedOnAHoliday_StartsCountingAtTheNextOpening()
    {
        // Completed Sat 2026-04-04 10:00 (off). Counting starts Tue 04-07 09:00: + 1 h = 10:00;
        // + 4 h = 09:00-12:00 (3 h) then 13:00-14:00 (1 h) = 14:00.
        _calendarPolicy.Value.Windows(Item("c1", "complaint", Sh(2026, 4, 4, 10, 0))).Value.Should().Equal(
            new FollowUpWindow("one to four business hours", Sh(2026, 4, 7, 10, 0), Sh(2026, 4, 7, 14, 0)));
    }

    [Fact]
    public void F1_WorkingDaysWindow_PastTheCalendarHorizon_IsAnErrorNamingTheWindow()
    {
        // The default horizon ends 2051-01-01: the 2nd working day after 2050-12-30 lies beyond it.
        var result = _calendarPolicy.Value.Windows(Item("r9", "repair", Sh(2050, 12, 30, 10, 0)));
        result.IsSuccess.Should().BeFalse();
        result.Errors.Single().Should().StartWith("Item 'r9': window 'next working day to the end of the second': ");
    }
}
