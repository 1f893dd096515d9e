using Ardalis.Result;
using Feedback.Calendars;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Calendars;

public class WorkingCalendarBuilderTests
{
    private static IEnumerable<string> Errors(Result<WorkingCalendar> result) =>
        result.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}");

    [Fact]
    public void Build_NoWorkingTimeAnywhere_IsInvalid_NotAnEndlessLoop()
    {
        var result = new WorkingCalendarBuilder("empty", DateTimeZone.Utc).Build();
        result.Status.Should().Be(ResultStatus.Invalid);
        Errors(result).Should().Equal("week: Calendar 'empty' has no working time at all between 2000-01-01 and 2051-01-01: every weekday, season and date rule is empty or a day off.");
    }

    [Fact]
    public void Build_EveryProblemAtOnce_ListsAllWithFieldPaths()
    {
        var result = new WorkingCalendarBuilder(" ", DateTimeZone.Utc)
            .On(IsoDayOfWeek.Monday, "08:00-12:00", "11:00-13:00", "25:00-26:00")
            .On(IsoDayOfWeek.Tuesday, "lunch")
            .WithHorizon(new LocalDate(2030, 1, 1), new LocalDate(2020, 1, 1))
            .Build();

        Errors(result).Should().Equal(
            "id: A calendar needs a non-empty id.",
            "horizon: The horizon 2030-01-01..2020-01-01 is empty: its end must be after its start.",
            "week.Monday[2]: \"25:00-26:00\" is not a working period; each side must be a time such as \"08:30\" or \"17:30:00\" (24:00 allowed as an end).",
            "week.Tuesday[0]: \"lunch\" is not a working period; expected \"HH:mm-HH:mm\", for example \"08:30-11:30\".",
            "week.Monday: Working periods 08:00-12:00 and 11:00-13:00 overlap.");
    }

    [Fact]
    public void Build_BadDatesSeasonsAndHolidays_AreAllReported()
    {
        var holidays = new HolidaySchedule("XX", [2024, 2026], [
            new OfficialDay(new LocalDate(2024, 5, 1), true, "a"),
            new OfficialDay(new LocalDate(2024, 5, 1), false, "b"),
        ]);
        var result = new WorkingCalendarBuilder("bad", DateTimeZone.Utc)
            .Weekdays("09:00-17:00")
            .WithSeason("summer", new AnnualDate(5, 1), new AnnualDate(9, 30), w => w.Weekdays("08:00-16:00"))
            .WithSeason("late-summer", new AnnualDate(9, 1), new AnnualDate(10, 31), w => w.Weekdays("08:00-16:00"))
            .On(new LocalDate(2026, 3, 6), DayRule.Off)
            .On(new LocalDate(2026, 3, 6), DayRule.WorkAs(IsoDayOfWeek.Monday))
            .On(new LocalDate(2099, 1, 1), DayRule.Off)
            .WithHolidays(holidays)
            .Build();

        Errors(result).Should().Equal(
            "seasons[late-summer]: Season 'late-summer' (09-01..10-31) overlaps season 'summer' (05-01..09-30) on 09-01.",
            "dates[2026-03-06]: Date 2026-03-06 has two rules: 'off' and 'work as Monday'.",
            "dates[2099-01-01]: Date 2099-01-01 lies outside the horizon 2000-01-01..2051-01-01; widen the horizon or drop the rule.",
            "holidays.years: Holiday schedule 'XX' skips from 2024 to 2026; the years it covers must be consecutive.",
            "holidays.days[2024-05-01]: Holiday schedule 'XX' lists 2024-05-01 both as a day off and as a working day.");
    }

    [Fact]
    public void Build_HorizonLongerThanTwoHundredYears_IsInvalid()
    {
        var result = new WorkingCalendarBuilder("long", DateTimeZone.Utc).EveryDay("09:00-17:00")
            .WithHorizon(new LocalDate(1900, 1, 1), new LocalDate(2150, 1, 1)).Build();
        Errors(result).Should().Equal("horizon: The horizon 1900-01-01..2150-01-01 is longer than 200 years.");
    }

    [Fact]
    public void Build_SameInputsTwice_GiveCalendarsThatAnswerIdentically()
    {
        WorkingCalendar Make() => new WorkingCalendarBuilder("w1", TestCalendars.Shanghai)
            .Weekdays("08:30-11:30", "13:30-16:30").WithHolidays(OfficialHolidays.MainlandChina).Build().Value;
        var a = Make();
        var b = Make();
        var start = TestCalendars.Sh(2025, 9, 30, 10, 0);
        a.Add(start, Duration.FromHours(100)).Value.Should().Be(b.Add(start, Duration.FromHours(100)).Value);
        a.TotalWorkingTime.Should().Be(b.TotalWorkingTime);
    }
}
