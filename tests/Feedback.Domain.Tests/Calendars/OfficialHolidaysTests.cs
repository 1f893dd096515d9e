using Feedback.Calendars;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Calendars;

public class OfficialHolidaysTests
{
    [Fact]
    public void MainlandChina_Covers2007To2026_WithAttribution()
    {
        var china = OfficialHolidays.MainlandChina;
        china.Region.Should().Be("CN");
        china.Years.Should().Equal(Enumerable.Range(2007, 20));
        china.Source.Should().Contain("NateScarlet").And.Contain("MIT");
        china.Days.Should().Contain(new OfficialDay(new LocalDate(2025, 10, 11), false, "国庆节、中秋节"));
        china.Days.Where(d => !d.IsOffDay).Should().OnlyContain(d => d.Date.DayOfWeek >= IsoDayOfWeek.Saturday, "make-up working days are weekend days");
    }

    [Fact]
    public async Task Shipped_FindsChinaCaseInsensitively_AndNothingElse()
    {
        (await OfficialHolidays.Shipped.FindAsync("cn")).Should().BeSameAs(OfficialHolidays.MainlandChina);
        (await OfficialHolidays.Shipped.FindAsync("US")).Should().BeNull();
    }

    [Fact]
    public void Parse_ANewYearsNotice_ThenCombine_StopsExtrapolatingThatYear()
    {
        const string notice2027 = """
            {
              "region": "CN",
              "years": [2027],
              "days": [
                { "date": "2027-01-01", "name": "元旦", "isOffDay": true },
                { "date": "2027-02-20", "name": "test make-up", "isOffDay": false }
              ]
            }
            """;
        var year2027 = HolidayScheduleJson.Parse(notice2027).Value;
        var combined = OfficialHolidays.Combine(OfficialHolidays.MainlandChina, year2027).Value;
        combined.Years.Should().Equal(Enumerable.Range(2007, 21));

        var calendar = new WorkingCalendarBuilder("w1-2027", TestCalendars.Shanghai)
            .Weekdays("08:30-11:30", "13:30-16:30").WithHolidays(combined).Build().Value;
        var answer = calendar.Add(TestCalendars.Sh(2027, 3, 1, 10, 0), Duration.FromHours(1));
        answer.Status.Should().Be(CalendarStatus.Exact);
        calendar.IsWorkingDay(new LocalDate(2027, 1, 1)).Should().BeFalse();
        calendar.IsWorkingDay(new LocalDate(2027, 2, 20)).Should().BeTrue("the 2027 notice made this Saturday a working day");
    }

    [Fact]
    public void Combine_LaterYearReplacesEarlierEntriesOfThatYear()
    {
        var earlier = new HolidaySchedule("CN", [2030], [new OfficialDay(new LocalDate(2030, 5, 1), true, "old")]);
        var later = new HolidaySchedule("CN", [2030], [new OfficialDay(new LocalDate(2030, 5, 2), true, "new")]);
        OfficialHolidays.Combine(earlier, later).Value.Days.Should().Equal(new OfficialDay(new LocalDate(2030, 5, 2), true, "new"));
    }

    [Fact]
    public void Combine_DifferentRegions_IsInvalid()
    {
        var result = OfficialHolidays.Combine(OfficialHolidays.MainlandChina, new HolidaySchedule("HK", [2027], []));
        result.ValidationErrors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Cannot combine schedules of regions 'CN' and 'HK'.");
    }

    [Fact]
    public void Parse_BadDocument_ListsEveryProblemByJsonPath()
    {
        const string json = """
            { "years": [2027, "x"], "days": [ { "date": "2027-13-01", "isOffDay": true }, { "date": "2027-01-02", "isOffDay": "yes" } ] }
            """;
        HolidayScheduleJson.Parse(json).ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}").Should().Equal(
            "$.region: A non-empty string region code such as \"CN\" is required.",
            "$.years[1]: '\"x\"' is not a year between 1800 and 2200.",
            "$.days[0].date: '\"2027-13-01\"' is not a date of the form \"2027-01-01\".",
            "$.days[1].isOffDay: '\"yes\"' is not true or false.");
    }

    [Fact]
    public void Parse_NotJson_IsInvalidAtTheRoot()
    {
        HolidayScheduleJson.Parse("{ nope").ValidationErrors.Should().ContainSingle().Which.Identifier.Should().Be("$");
    }
}
