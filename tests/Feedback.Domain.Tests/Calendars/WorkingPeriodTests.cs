using Feedback.Calendars;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Calendars;

public class WorkingPeriodTests
{
    [Theory]
    [InlineData("08:30-11:30", "08:30-11:30", false, 180)]
    [InlineData("20:00-09:00", "20:00-09:00", true, 780)]
    [InlineData("08:00-24:00", "08:00-24:00", true, 960)]
    [InlineData("00:00-24:00", "00:00-24:00", true, 1440)]
    [InlineData(" 07:50 - 17:30 ", "07:50-17:30", false, 580)]
    public void Parse_ValidText_RoundTrips(string text, string formatted, bool crossesMidnight, int minutes)
    {
        var period = WorkingPeriod.Parse(text).Value;
        period.ToString().Should().Be(formatted);
        period.CrossesMidnight.Should().Be(crossesMidnight);
        period.Length.Should().Be(Duration.FromMinutes(minutes));
    }

    [Fact]
    public void Parse_SecondsAndFractions_AreKept()
    {
        var period = WorkingPeriod.Parse("08:30:15.5-09:00").Value;
        period.Start.Should().Be(new LocalTime(8, 30, 15, 500));
        period.ToString().Should().Be("08:30:15.5-09:00");
    }

    [Theory]
    [InlineData("")]
    [InlineData("lunch")]
    [InlineData("08:30")]
    [InlineData("08:30-")]
    [InlineData("24:00-08:00")]
    [InlineData("08:60-09:00")]
    public void Parse_InvalidText_IsInvalidAndQuotesTheText(string text)
    {
        var result = WorkingPeriod.Parse(text);
        result.IsSuccess.Should().BeFalse();
        result.ValidationErrors.Should().ContainSingle().Which.ErrorMessage.Should().Contain(text.Length == 0 ? "empty" : $"\"{text}\"");
    }

    [Fact]
    public void Equality_IsByStartAndEnd()
    {
        WorkingPeriod.Parse("08:30-11:30").Value.Should().Be(new WorkingPeriod(new LocalTime(8, 30), new LocalTime(11, 30)));
        WorkingPeriod.Parse("08:30-11:30").Value.Should().NotBe(WorkingPeriod.Parse("08:30-11:31").Value);
    }

    [Fact]
    public void DayRule_Equality_ComparesKindWeekdayAndPeriods()
    {
        var morning = WorkingPeriod.Parse("08:30-11:30").Value;
        DayRule.Hours(morning).Should().Be(DayRule.Hours(morning));
        (DayRule.Hours(morning) == DayRule.Hours(morning)).Should().BeTrue();
        DayRule.Hours(morning).GetHashCode().Should().Be(DayRule.Hours(morning).GetHashCode());
        DayRule.WorkAs(IsoDayOfWeek.Monday).Should().NotBe(DayRule.WorkAs(IsoDayOfWeek.Friday));
        DayRule.Off.Should().Be(default(DayRule));
        FluentActions.Invoking(() => DayRule.WorkAs(IsoDayOfWeek.None)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
