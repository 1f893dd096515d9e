using Ardalis.Result;
using Feedback.Calendars;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Calendars;

public partial class WorkingCalendarTests
{
    [Fact]
    public void Add_DurationPastTheHorizon_IsAnErrorNamingTheDuration_NotAnEndlessLoop()
    {
        var answer = GmHotline.Add(Sh(2050, 12, 1, 10, 0), Duration.FromHours(1000));
        answer.IsSuccess.Should().BeFalse();
        answer.Status.Should().Be(CalendarStatus.AfterHorizon);
        answer.Message.Should().Contain("workingTime 41:16:00:00").And.Contain("gm-hotline").And.Contain("2051-01-01");
        answer.Invoking(a => a.Value).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Add_HugeDurations_FailWithoutOverflow()
    {
        GmHotline.Add(Sh(2026, 3, 9, 10, 0), Duration.MaxValue).Status.Should().Be(CalendarStatus.AfterHorizon);
        GmHotline.Add(Sh(2026, 3, 9, 10, 0), Duration.MinValue).Status.Should().Be(CalendarStatus.BeforeHorizon);
        GmHotline.Add(Instant.MaxValue, Duration.FromHours(1)).Status.Should().Be(CalendarStatus.AfterHorizon);
        GmHotline.Add(Instant.MinValue, Duration.FromHours(1)).Status.Should().Be(CalendarStatus.BeforeHorizon);
    }

    [Fact]
    public void Add_StartBeforeTheHorizon_IsAnErrorNamingTheStart()
    {
        var answer = GmHotline.Add(Sh(1999, 12, 31, 10, 0), Duration.FromHours(1));
        answer.Status.Should().Be(CalendarStatus.BeforeHorizon);
        answer.Message.Should().Contain("start 1999-12-31T02:00:00Z lies before the horizon");
    }

    [Fact]
    public void Between_InstantOutsideTheHorizon_IsAnErrorNamingTheArgument()
    {
        var answer = GmHotline.Between(Sh(2026, 3, 9, 10, 0), Sh(2060, 1, 1, 0, 0));
        answer.Status.Should().Be(CalendarStatus.AfterHorizon);
        answer.Message.Should().Contain("to 2059-12-31T16:00:00Z lies after the horizon");
        answer.ToResult().Status.Should().Be(ResultStatus.Error);
        answer.ToResult().Errors.Should().ContainSingle().Which.Should().Be(answer.Message);
    }

    [Fact]
    public void Add_PastTheLastYearOfHolidayData_SucceedsButSaysItIsExtrapolated()
    {
        var answer = GmHotline.Add(Sh(2027, 3, 1, 10, 0), Duration.FromHours(1));
        answer.IsSuccess.Should().BeTrue();
        answer.IsExtrapolated.Should().BeTrue();
        answer.Value.Should().Be(Sh(2027, 3, 1, 11, 0));

        var result = answer.ToResult();
        result.IsSuccess.Should().BeTrue();
        result.SuccessMessage.Should().Contain("CN 2007-2026").And.Contain("weekly pattern");
    }

    [Fact]
    public void Add_CrossingIntoAYearWithoutHolidayData_IsExtrapolated_WhileInsideItIsExact()
    {
        GmHotline.Add(Sh(2026, 12, 31, 16, 0), Duration.FromHours(1)).Status.Should().Be(CalendarStatus.OutsideHolidayData);
        GmHotline.Add(Sh(2026, 12, 30, 16, 0), Duration.FromHours(1)).Status.Should().Be(CalendarStatus.Exact);
        GmHotline.Between(Sh(2006, 12, 29, 10, 0), Sh(2026, 1, 1, 0, 0)).Status.Should().Be(CalendarStatus.OutsideHolidayData);
    }

    [Fact]
    public void DefaultAnswer_IsAFailureThatSaysSo()
    {
        var answer = default(CalendarAnswer<Instant>);
        answer.IsSuccess.Should().BeFalse();
        answer.Message.Should().Contain("default value");
        answer.GetValueOrDefault(Instant.FromUtc(2026, 1, 1, 0, 0)).Should().Be(Instant.FromUtc(2026, 1, 1, 0, 0));
    }
}
