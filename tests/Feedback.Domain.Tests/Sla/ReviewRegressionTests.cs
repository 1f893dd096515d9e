using Feedback.Policies;
using Feedback.Reminders;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Sla;

/// <summary>Regression tests for defects found in review, each from its minimal reproduction.</summary>
public class ReviewRegressionTests
{
    private static Instant Utc(int d, int h, int m = 0) => Instant.FromUtc(2026, 3, d, h, m);

    [Fact]
    public void EvaluateCycles_ChainedTarget_FollowsTheStepBeforeItInTheSameCycle()
    {
        // D: T9 (visit within 1 h of the sign-off, chained to T8-signoff) late by 3 h in the first cycle
        // (signed off 09:30, due 10:30, visited 13:30), on time in the second (09:20, visited 09:40).
        var ticket = new Ticket("c", "complaint", "general",
        [
            new("order-submitted", Sh(2026, 3, 2, 9, 0)), new("order-signed-off", Sh(2026, 3, 2, 9, 30)), new("visited", Sh(2026, 3, 2, 13, 30)),
            new("reopened", Sh(2026, 3, 5, 9, 0)),
            new("order-submitted", Sh(2026, 3, 5, 9, 10)), new("order-signed-off", Sh(2026, 3, 5, 9, 20)), new("visited", Sh(2026, 3, 5, 9, 40)),
        ]);
        var t9 = PolicyPresets.AfterSalesComplaints.EvaluateCycles(ticket, Sh(2026, 3, 6, 9, 0)).Where(e => e.Target.Id == "T9-visit").ToList();
        t9.Select(e => (e.Cycle, e.State, e.LateBy)).Should().Equal(new[] {
            (0, TargetState.MetLate, Duration.FromHours(3)),
            (1, TargetState.Met, Duration.Zero) }, string.Join("; ", t9.Select(e => $"{e.Cycle} {e.State} {e.Start} {e.Stop} {e.LateBy}")));
    }

    [Fact]
    public void Evaluate_PauseRunningWhenTheClockIsReset_CountsFromTheReset()
    {
        var policy = PolicyDocument.Load("""
            { "id": "p", "zone": "UTC", "targets": [ { "id": "t", "start": "received", "stop": "closed",
              "pause": "paused", "resume": "resumed", "reset": "reset", "within": "PT4H" } ] }
            """).Value;
        var ticket = new Ticket("t1", "any", "general",
            [new("received", Utc(2, 8)), new("paused", Utc(2, 9)), new("reset", Utc(2, 10)), new("resumed", Utc(2, 12))]);

        // The run starts at the 10:00 reset while paused; paused until 12:00; 12:00-13:00 worked: due 10:00 + 2 h + 4 h = 16:00.
        var result = policy.Evaluate(ticket, Utc(2, 13))[0];
        result.Elapsed.Should().Be(Duration.FromHours(1));
        result.Paused.Should().Be(Duration.FromHours(2));
        result.Due.Should().Be(Utc(2, 16));
    }

    [Fact]
    public void Plan_ReopenedComplaint_GetsItsDailyRemindersAgain()
    {
        var ticket = new Ticket("c", "complaint", "general",
            [new("call-ended", Sh(2026, 3, 2, 9, 0)), new("closed", Sh(2026, 3, 3, 12, 0)), new("reopened", Sh(2026, 3, 4, 10, 0))]);
        var planner = new ReminderPlanner(PolicyPresets.AfterSalesComplaints);
        planner.Plan([ticket], Sh(2026, 3, 5, 0, 0), Sh(2026, 3, 6, 0, 0))
            .Where(n => n.TemplateKey == "daily-reminder").Select(n => n.IdempotencyKey).Should().Equal(
                "daily/c/accountable/2026-03-05", "daily/c/supervising-leader/2026-03-05", "daily/c/chairman/2026-03-05");
    }

    [Fact]
    public void Plan_ResetRestartsTheClock_WarningsOfTheNewRunGetNewKeys()
    {
        var policy = PolicyDocument.Load("""
            { "id": "p", "zone": "UTC", "thresholds": [50], "targets": [ { "id": "t", "start": "received", "stop": "closed", "reset": "reset", "within": "PT2H" } ] }
            """).Value;
        var ticket = new Ticket("c", "any", "general", [new("received", Utc(2, 8)), new("reset", Utc(2, 11))]);
        var planner = new ReminderPlanner(policy);
        var keys = Enumerable.Range(8, 6).SelectMany(h => planner.Plan([ticket], Utc(2, h), Utc(2, h + 1)))
            .Where(n => n.TemplateKey == "warning").Select(n => n.IdempotencyKey).ToList();

        // 50 % at 09:00 in the first run and at 12:00 in the run the reset started: two reminders, two keys.
        keys.Should().Equal("warning/c/t/0/2026-03-02T08:00:00Z/1/accountable", "warning/c/t/0/2026-03-02T11:00:00Z/1/accountable");
    }

    [Fact]
    public void Evaluate_DailyObligationPastTheCalendarHorizon_SaysSo()
    {
        var policy = PolicyDocument.Load("""
            { "id": "p", "zone": "UTC",
              "calendars": { "office": { "week": { "EveryDay": ["09:00-17:00"] }, "horizon": { "start": "2026-01-01", "end": "2026-04-01" } } },
              "targets": [ { "id": "t", "start": "received", "stop": "closed", "clock": "office",
                             "due": { "dailyAt": "18:00", "satisfiedBy": "progress-updated" } } ] }
            """).Value;
        var ticket = new Ticket("c", "any", "general", [new("received", Utc(30, 8))]);
        policy.Evaluate(ticket, Utc(31, 12))[0].CalendarProblem.Should().BeFalse();
        policy.Evaluate(ticket, Instant.FromUtc(2026, 4, 20, 0, 0))[0].CalendarProblem.Should().BeTrue();
    }

    [Fact]
    public void TicketBatch_ParallelAndSequential_EqualEvaluatingEachTicket()
    {
        var policy = PolicyPresets.AfterSalesComplaints;
        var random = new Random(7);
        var start = Sh(2026, 3, 2, 8, 0);
        var tickets = Enumerable.Range(0, 5000).Select(i =>
        {
            var t0 = start + Duration.FromMinutes(random.Next(0, 60 * 24 * 20));
            var events = new List<TicketEvent> { new("call-ended", t0), new("order-submitted", t0 + Duration.FromMinutes(random.Next(5, 50))) };
            if (random.Next(2) == 0)
            {
                events.Add(new("order-signed-off", t0 + Duration.FromMinutes(random.Next(30, 150))));
            }

            if (random.Next(4) == 0)
            {
                events.Add(new("reopened", t0 + Duration.FromHours(random.Next(3, 72))));
            }

            return new Ticket($"t{i}", "complaint", random.Next(10) == 0 ? "major" : "general", events);
        }).ToList();
        var batch = TicketBatch.Create(policy, tickets);
        var at = Sh(2026, 3, 15, 12, 0);
        int width = policy.Targets.Length;
        var parallel = new TargetEvaluation[tickets.Count * width];
        var sequential = new TargetEvaluation[tickets.Count * width];
        batch.Evaluate(at, parallel);
        batch.Evaluate(at, sequential, 0, tickets.Count, maxDegreeOfParallelism: 1);
        for (int i = 0; i < tickets.Count; i++)
        {
            var one = policy.Evaluate(tickets[i], at);
            for (int j = 0; j < width; j++)
            {
                parallel[(i * width) + j].Should().Be(one[j], $"ticket {i}, target {one[j].Target.Id}");
                sequential[(i * width) + j].Should().Be(one[j]);
            }
        }
    }
}
