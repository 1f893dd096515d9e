using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Calendars;

public partial class WorkingCalendarTests
{
    [Theory]
    [InlineData("2025-10-11", true)] // Saturday make-up working day (调休)
    [InlineData("2025-09-28", true)] // Sunday make-up working day
    [InlineData("2025-10-01", false)]
    [InlineData("2025-10-04", false)]
    [InlineData("2025-10-08", false)] // Wednesday, still National Day
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-12", false)] // ordinary Sunday
    [InlineData("2026-01-04", true)] // Sunday make-up day after New Year
    [InlineData("2026-02-16", false)] // Spring Festival Monday
    public void IsWorkingDay_PinnedOfficialDays(string date, bool expected)
    {
        GmHotline.IsWorkingDay(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value).Should().Be(expected);
    }

    [Fact]
    public void IsWorkingDay_EveryDayOfNationalDay2025_IsOff()
    {
        for (var day = new LocalDate(2025, 10, 1); day <= new LocalDate(2025, 10, 8); day = day.PlusDays(1))
        {
            GmHotline.IsWorkingDay(day).Should().BeFalse(because: $"{day} is part of the 2025 National Day holiday");
        }
    }

    [Fact]
    public void HoursOn_AMakeUpDay_WorksMondaysHours()
    {
        GmHotline.HoursOn(new LocalDate(2025, 10, 11)).Select(p => p.ToString()).Should().Equal("08:30-11:30", "13:30-16:30");
        GmHotline.RuleOn(new LocalDate(2025, 10, 11)).Should().Contain("make-up");
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay_CountsTheMakeUpSaturday()
    {
        var start = Sh(2025, 9, 30, 10, 0);
        GmHotline.AddWorkingDays(start, 1).Value.Should().Be(Sh(2025, 10, 9, 10, 0));
        GmHotline.AddWorkingDays(start, 3).Value.Should().Be(Sh(2025, 10, 11, 10, 0));
        GmHotline.AddWorkingDays(start, 4).Value.Should().Be(Sh(2025, 10, 13, 10, 0));
    }

    [Fact]
    public void AddWorkingDays_Negative_CountsBackward()
    {
        GmHotline.AddWorkingDays(Sh(2025, 10, 9, 10, 0), -1).Value.Should().Be(Sh(2025, 9, 30, 10, 0));
        GmHotline.AddWorkingDays(Sh(2025, 10, 9, 10, 0), -2).Value.Should().Be(Sh(2025, 9, 29, 10, 0));
    }

    [Fact]
    public void AddWorkingDays_Zero_ReturnsTheStart()
    {
        var start = Sh(2025, 10, 4, 3, 0);
        GmHotline.AddWorkingDays(start, 0).Value.Should().Be(start);
    }

    [Fact]
    public void AddWorkingDays_FromAHoliday_CountsFromTheNextWorkingDay()
    {
        GmHotline.AddWorkingDays(Sh(2025, 10, 4, 15, 0), 1).Value.Should().Be(Sh(2025, 10, 9, 15, 0));
    }

    [Fact]
    public void EndOfWorkingDay_T4SeriousComplaintWithinFiveWorkingDays_SkipsNationalDay()
    {
        // T4: received Monday 2025-09-29 10:00; working days after it: 09-30, 10-09, 10-10, 10-11 (make-up), 10-13.
        GmHotline.EndOfWorkingDay(Sh(2025, 9, 29, 10, 0), 5).Value.Should().Be(Sh(2025, 10, 13, 16, 30));
    }

    [Fact]
    public void EndOfWorkingDay_T6SolutionWithinThreeWorkingDays_SkipsTheWeekend()
    {
        // T6: received Thursday 2026-03-05 15:00 -> Fri 03-06, Mon 03-09, Tue 03-10.
        GmHotline.EndOfWorkingDay(Sh(2026, 3, 5, 15, 0), 3).Value.Should().Be(Sh(2026, 3, 10, 16, 30));
    }

    [Fact]
    public void EndOfWorkingDay_Zero_IsTheEndOfTodayOrOfTheNextWorkingDay()
    {
        GmHotline.EndOfWorkingDay(Sh(2026, 3, 9, 10, 0), 0).Value.Should().Be(Sh(2026, 3, 9, 16, 30));
        GmHotline.EndOfWorkingDay(Sh(2026, 3, 9, 16, 30), 0).Value.Should().Be(Sh(2026, 3, 9, 16, 30));
        GmHotline.EndOfWorkingDay(Sh(2026, 3, 9, 17, 0), 0).Value.Should().Be(Sh(2026, 3, 10, 16, 30));
        GmHotline.EndOfWorkingDay(Sh(2026, 3, 7, 10, 0), 0).Value.Should().Be(Sh(2026, 3, 9, 16, 30));
    }

    [Fact]
    public void EndOfWorkingDay_NegativeDays_IsAnInvalidArgumentNamingTheValue()
    {
        var answer = GmHotline.EndOfWorkingDay(Sh(2026, 3, 9, 10, 0), -2);
        answer.IsSuccess.Should().BeFalse();
        answer.Status.Should().Be(Feedback.Calendars.CalendarStatus.InvalidArgument);
        answer.Message.Should().Contain("days must be 0 or more, was -2");
    }

    [Fact]
    public void NextOpeningAndPreviousClosing_AroundTheLunchBreak()
    {
        GmHotline.NextOpening(Sh(2026, 3, 9, 12, 0)).Value.Should().Be(Sh(2026, 3, 9, 13, 30));
        GmHotline.NextOpening(Sh(2026, 3, 9, 13, 30)).Value.Should().Be(Sh(2026, 3, 9, 13, 30));
        GmHotline.NextOpening(Sh(2026, 3, 9, 14, 0)).Value.Should().Be(Sh(2026, 3, 10, 8, 30));
        GmHotline.PreviousClosing(Sh(2026, 3, 9, 12, 0)).Value.Should().Be(Sh(2026, 3, 9, 11, 30));
        GmHotline.PreviousClosing(Sh(2026, 3, 9, 11, 30)).Value.Should().Be(Sh(2026, 3, 9, 11, 30));
        GmHotline.PreviousClosing(Sh(2026, 3, 9, 9, 0)).Value.Should().Be(Sh(2026, 3, 6, 16, 30));
    }

    [Fact]
    public void IsWorking_OpeningIsWorking_ClosingIsNot()
    {
        GmHotline.IsWorking(Sh(2026, 3, 9, 8, 30)).Should().BeTrue();
        GmHotline.IsWorking(Sh(2026, 3, 9, 11, 30)).Should().BeFalse();
        GmHotline.IsWorking(Sh(2026, 3, 9, 11, 30) - Duration.Epsilon).Should().BeTrue();
    }
}
