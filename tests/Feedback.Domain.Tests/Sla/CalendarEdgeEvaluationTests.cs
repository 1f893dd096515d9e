using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Sla;

/// <summary>
/// A business-time target at the edges of its calendar (TargetEvaluation.CalendarProblem and Extrapolated):
/// inside the holiday data, past it (weekly pattern only), before and after the horizon. The calendar:
/// Mon-Fri 09:00-17:00 in Shanghai, CN holidays (data to 2026), horizon 2026-01-01 to 2027-06-01.
/// </summary>
public class CalendarEdgeEvaluationTests
{
    private static readonly SlaPolicy Policy = PolicyDocument.Load("""
        { "id": "edges", "zone": "Asia/Shanghai",
          "calendars": { "office": { "week": { "Weekdays": ["09:00-17:00"] }, "holidays": "CN",
                                     "horizon": { "start": "2026-01-01", "end": "2027-06-01" } } },
          "targets": [ { "id": "biz", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed",
                         "clock": "office", "within": "PT8H" } ] }
        """).Value;

    private static TargetEvaluation Evaluate(Instant received, Instant at, params TicketEvent[] more) =>
        Policy.Evaluate(new Ticket("e", "complaint", "general", [new TicketEvent("received", received), .. more]), at)[0];

    [Fact]
    public void InsideTheHolidayData_NeitherProblemNorExtrapolation()
    {
        var r = Evaluate(Sh(2026, 3, 2, 9, 0), Sh(2026, 3, 2, 12, 0));
        r.State.Should().Be(TargetState.Running);
        r.Due.Should().Be(Sh(2026, 3, 2, 17, 0));
        r.Elapsed.Should().Be(Duration.FromHours(3));
        r.Remaining.Should().Be(Duration.FromHours(5));
        (r.CalendarProblem, r.Extrapolated).Should().Be((false, false));
    }

    [Fact]
    public void DueInAYearWithoutHolidayData_IsComputedFromTheWeeklyPatternAndMarkedExtrapolated()
    {
        // Thursday 2026-12-31 16:00 + 8 h: one hour that day, seven on Friday 2027-01-01 (New Year's Day,
        // but 2027 has no official notice in the data yet, so the weekly pattern applies).
        var r = Evaluate(Sh(2026, 12, 31, 16, 0), Sh(2026, 12, 31, 16, 30));
        r.Due.Should().Be(Sh(2027, 1, 1, 16, 0));
        (r.CalendarProblem, r.Extrapolated).Should().Be((false, true));
    }

    [Fact]
    public void StartBeforeTheHorizon_HasNoDueAndFlagsACalendarProblem()
    {
        var r = Evaluate(Sh(2025, 12, 31, 10, 0), Sh(2026, 1, 5, 10, 0));
        r.Due.Should().BeNull();
        r.CalendarProblem.Should().BeTrue();
        r.Elapsed.Should().Be(Duration.Zero, "a working time that cannot be measured counts as zero");
        r.State.Should().Be(TargetState.Running, "without a due instant nothing is breached");
    }

    [Fact]
    public void DueRunningPastTheHorizonEnd_HasNoDueAndFlagsACalendarProblem()
    {
        // Monday 2027-05-31 16:00 + 8 h would end on Tuesday 2027-06-01, past the horizon.
        var r = Evaluate(Sh(2027, 5, 31, 16, 0), Sh(2027, 5, 31, 16, 30));
        r.Due.Should().BeNull();
        r.CalendarProblem.Should().BeTrue();
    }

    [Fact]
    public void EvaluatedAfterTheHorizonEnd_KeepsTheDueAndTheWallLatenessButFlagsACalendarProblem()
    {
        var r = Evaluate(Sh(2027, 5, 28, 9, 0), Sh(2027, 7, 1, 9, 0));
        r.Due.Should().Be(Sh(2027, 5, 28, 17, 0));
        r.State.Should().Be(TargetState.Breached);
        r.LateBy.Should().Be(Sh(2027, 7, 1, 9, 0) - Sh(2027, 5, 28, 17, 0));
        r.CalendarProblem.Should().BeTrue("the working time up to the evaluation instant cannot be measured");
    }

    [Fact]
    public void PausedAcrossTheEndOfTheHolidayData_MovesTheDueByThePausedWorkingTime()
    {
        // Received Wednesday 2026-12-30 09:00, paused from 10:00 to Monday 2027-01-04 10:00: 7 working hours
        // on Wednesday, 8 on Thursday, 8 on Friday 2027-01-01 (weekly pattern, 2027 has no data) and 1 on
        // Monday. One hour used before the pause, seven after it: due Monday 17:00.
        var r = Evaluate(Sh(2026, 12, 30, 9, 0), Sh(2027, 1, 4, 12, 0),
            new TicketEvent("paused", Sh(2026, 12, 30, 10, 0)), new TicketEvent("resumed", Sh(2027, 1, 4, 10, 0)));
        r.Paused.Should().Be(Duration.FromHours(7 + 8 + 8 + 1));
        r.Due.Should().Be(Sh(2027, 1, 4, 17, 0));
        r.Elapsed.Should().Be(Duration.FromHours(3));
        r.Remaining.Should().Be(Duration.FromHours(5));
        (r.CalendarProblem, r.Extrapolated).Should().Be((false, true));
    }
}
