using Feedback.Calendars;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests;

/// <summary>The README's embedding example, line for line, with its comments turned into assertions.</summary>
public class ReadmeTests
{
    [Fact]
    public void EmbeddingExample_GivesTheValuesItsCommentsClaim()
    {
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

        var built = new WorkingCalendarBuilder("gm-hotline", shanghai)
            .Weekdays("08:30-11:30", "13:30-16:30")
            .WithHolidays(OfficialHolidays.MainlandChina)
            .Build();
        built.IsSuccess.Should().BeTrue();
        WorkingCalendar calendar = built.Value;

        var callEnded = Instant.FromUtc(2026, 3, 6, 9, 50);
        callEnded.InZone(shanghai).LocalDateTime.Should().Be(new LocalDateTime(2026, 3, 6, 17, 50), "Friday 17:50 in Shanghai");
        Instant feedbackDue = calendar.Add(callEnded, Duration.FromHours(4)).Value;
        feedbackDue.InZone(shanghai).LocalDateTime.Should().Be(new LocalDateTime(2026, 3, 9, 14, 30), "T4: Monday 14:30");
        Duration used = calendar.Between(callEnded, feedbackDue).Value;
        used.Should().Be(Duration.FromHours(4));
        Instant solutionDue = calendar.EndOfWorkingDay(callEnded, 3).Value;
        solutionDue.InZone(shanghai).LocalDateTime.Should().Be(new LocalDateTime(2026, 3, 11, 16, 30), "T6: Wednesday 16:30");

        var tooFar = calendar.Add(callEnded, Duration.FromDays(20_000));
        tooFar.ToResult().Errors.Should().ContainSingle().Which.Should().Contain("runs past the end of the horizon");
    }
}
