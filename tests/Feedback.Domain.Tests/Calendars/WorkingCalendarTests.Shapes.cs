using Feedback.Calendars;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Calendars;

/// <summary>Days closing at 24:00, overnight periods, seasons and DST gaps and overlaps.</summary>
public partial class WorkingCalendarTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static WorkingCalendar Build(DateTimeZone zone, Action<WorkingCalendarBuilder> configure)
    {
        var builder = new WorkingCalendarBuilder("test", zone).WithHorizon(new LocalDate(2025, 1, 1), new LocalDate(2028, 1, 1));
        configure(builder);
        return builder.Build().Value;
    }

    private static Instant Utc(int year, int month, int day, int hour, int minute) => Instant.FromUtc(year, month, day, hour, minute);

    private static Instant Local(DateTimeZone zone, int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();

    [Fact]
    public void Add_DayClosingAt2400_ContinuesNextMorningWithoutLooping()
    {
        var calendar = Build(DateTimeZone.Utc, b => b.EveryDay("08:00-24:00"));
        calendar.Add(Utc(2026, 3, 9, 23, 0), Duration.FromHours(2)).Value.Should().Be(Utc(2026, 3, 10, 9, 0));
        calendar.Between(Utc(2026, 3, 9, 23, 0), Utc(2026, 3, 10, 9, 0)).Value.Should().Be(Duration.FromHours(2));
        calendar.IsWorking(Utc(2026, 3, 10, 0, 0)).Should().BeFalse();
    }

    [Fact]
    public void Add_RoundTheClockCalendar_IsWallClockArithmetic()
    {
        var calendar = Build(DateTimeZone.Utc, b => b.EveryDay("00:00-24:00"));
        var start = Utc(2026, 3, 9, 7, 13);
        calendar.Add(start, Duration.FromDays(30)).Value.Should().Be(start + Duration.FromDays(30));
        calendar.IntervalCount.Should().Be(1, "touching days are joined into one interval");
    }

    [Fact]
    public void Add_OvernightPeriod_RunsPastMidnightIntoTheNextDay()
    {
        // W2: the monitoring centre works 20:00-09:00 the next day. 2026-03-10 is a Tuesday.
        var calendar = Build(DateTimeZone.Utc, b => b.Weekdays("20:00-09:00"));
        calendar.Add(Utc(2026, 3, 10, 8, 0), Duration.FromHours(2)).Value.Should().Be(Utc(2026, 3, 10, 21, 0));
        calendar.IsWorking(Utc(2026, 3, 14, 8, 0)).Should().BeTrue("Friday's shift runs until Saturday 09:00");
        calendar.Add(Utc(2026, 3, 14, 8, 0), Duration.FromHours(2)).Value.Should().Be(Utc(2026, 3, 16, 21, 0));
        calendar.EndOfWorkingDay(Utc(2026, 3, 10, 21, 0), 0).Value.Should().Be(Utc(2026, 3, 11, 9, 0));
    }

    [Fact]
    public void Build_OvernightPeriodRunningIntoTheNextDaysHours_TakesTheUnion()
    {
        // Duty 20:00-09:00 and office 07:50-17:30 overlap 07:50-09:00 on the next day: counted once.
        var calendar = Build(DateTimeZone.Utc, b => b.EveryDay("07:50-17:30", "20:00-09:00"));
        calendar.Between(Utc(2026, 3, 10, 0, 0), Utc(2026, 3, 11, 0, 0)).Value.Should().Be(Duration.FromMinutes((9 * 60) + (8 * 60 + 30) + (4 * 60)));
    }

    [Fact]
    public void Add_SeasonalHours_W2SummerAndWinterClosings()
    {
        var calendar = Build(TestCalendars.Shanghai, b => b
            .WithSeason("spring-summer", new AnnualDate(4, 1), new AnnualDate(9, 30), w => w.EveryDay("07:50-17:30"))
            .WithSeason("autumn-winter", new AnnualDate(10, 1), new AnnualDate(3, 31), w => w.EveryDay("07:50-18:30")));
        calendar.NextOpening(TestCalendars.Sh(2026, 7, 1, 17, 0)).Value.Should().Be(TestCalendars.Sh(2026, 7, 2, 7, 50));
        calendar.Add(TestCalendars.Sh(2026, 7, 1, 17, 0), Duration.FromHours(1)).Value.Should().Be(TestCalendars.Sh(2026, 7, 2, 8, 20));
        calendar.Add(TestCalendars.Sh(2026, 12, 1, 17, 0), Duration.FromHours(1)).Value.Should().Be(TestCalendars.Sh(2026, 12, 1, 18, 0));
        calendar.RuleOn(new LocalDate(2026, 1, 15)).Should().Contain("autumn-winter");
    }

    [Fact]
    public void Between_SpringForwardDay_HasTwentyThreeHours_FallBackDayTwentyFive()
    {
        var calendar = Build(London, b => b.EveryDay("00:00-24:00"));
        calendar.Between(Local(London, 2026, 3, 28, 12, 0), Local(London, 2026, 3, 29, 12, 0)).Value.Should().Be(Duration.FromHours(23));
        calendar.Between(Local(London, 2026, 10, 24, 12, 0), Local(London, 2026, 10, 25, 12, 0)).Value.Should().Be(Duration.FromHours(25));
    }

    [Fact]
    public void Build_PeriodInsideTheDstGap_LosesTheSkippedHour_AndInsideTheOverlapCountsItTwice()
    {
        // 01:00-03:00 local: on 2026-03-29 01:00-02:00 never happens; on 2026-10-25 01:00-02:00 happens twice.
        var calendar = Build(London, b => b.EveryDay("01:00-03:00"));
        Duration Day(int month, int day) =>
            calendar.Between(Local(London, 2026, month, day, 0, 0), Local(London, 2026, month, day, 12, 0)).Value;
        Day(3, 28).Should().Be(Duration.FromHours(2));
        Day(3, 29).Should().Be(Duration.FromHours(1));
        Day(10, 25).Should().Be(Duration.FromHours(3));
    }

    [Fact]
    public void Add_InsideTheRepeatedHour_MovesForwardAndNeverReturnsTheStart()
    {
        var calendar = Build(London, b => b.EveryDay("00:00-24:00"));

        // 01:30 BST, the first of the two 01:30s on 2026-10-25, is 00:30Z.
        var firstOneThirty = Utc(2026, 10, 25, 0, 30);
        var answer = calendar.Add(firstOneThirty, Duration.FromMinutes(30)).Value;
        answer.Should().Be(Utc(2026, 10, 25, 1, 0));
        answer.InZone(London).LocalDateTime.Should().Be(new LocalDateTime(2026, 10, 25, 1, 0), "the clock has gone back to 01:00 GMT");
    }

    [Fact]
    public void AddWorkingDays_OntoALocalTimeSkippedByDst_ShiftsForwardByTheGap()
    {
        var calendar = Build(London, b => b.EveryDay("00:00-24:00"));
        var saturday = Local(London, 2026, 3, 28, 1, 30);
        calendar.AddWorkingDays(saturday, 1).Value.InZone(London).LocalDateTime.Should().Be(new LocalDateTime(2026, 3, 29, 2, 30));
    }

    [Fact]
    public void AddWorkingDays_AcrossTheClockChange_KeepsTheLocalTime()
    {
        var calendar = Build(London, b => b.Weekdays("09:00-17:00"));
        calendar.AddWorkingDays(Local(London, 2026, 3, 27, 10, 0), 1).Value.Should().Be(Utc(2026, 3, 30, 9, 0));
    }

    [Fact]
    public void Build_HalfDayHoliday_WorksOnlyTheMorning()
    {
        var halfDay = new LocalDate(2026, 3, 6);
        var calendar = Build(TestCalendars.Shanghai, b => b
            .Weekdays("08:30-11:30", "13:30-16:30")
            .On(halfDay, DayRule.Hours(WorkingPeriod.Parse("08:30-11:30").Value)));
        calendar.Add(TestCalendars.Sh(2026, 3, 6, 11, 0), Duration.FromHours(1)).Value.Should().Be(TestCalendars.Sh(2026, 3, 9, 9, 0));
    }

    [Fact]
    public void Build_OnlyADateRuleHasHours_IsAValidCalendarWithOneWorkingDay()
    {
        var only = new LocalDate(2026, 5, 1);
        var calendar = Build(DateTimeZone.Utc, b => b.On(only, DayRule.Hours(WorkingPeriod.Parse("09:00-10:00").Value)));
        calendar.WorkingDayCount.Should().Be(1);
        calendar.Add(Utc(2026, 1, 1, 0, 0), Duration.FromMinutes(30)).Value.Should().Be(Utc(2026, 5, 1, 9, 30));
        calendar.Add(Utc(2026, 1, 1, 0, 0), Duration.FromMinutes(61)).Status.Should().Be(CalendarStatus.AfterHorizon);
    }
}
