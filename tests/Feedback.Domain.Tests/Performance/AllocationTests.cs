using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Performance;

/// <summary>
/// The hot paths allocate nothing: counted exactly with the runtime's per-thread allocation counter
/// (timings are measured in benchmarks/, not here).
/// </summary>
public class AllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action(); // warm up: JIT, lazy statics
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void CalendarAddAndBetween_AllocateNothing()
    {
        var start = Sh(2025, 9, 30, 10, 0);
        long sink = 0;
        AllocatedBy(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                var due = GmHotline.Add(start + Duration.FromMinutes(i * 37), Duration.FromHours(8)).Value;
                sink += GmHotline.Between(start, due).Value.BclCompatibleTicks;
                sink += GmHotline.Add(due, Duration.FromHours(-3), Feedback.Calendars.GapLanding.AcrossGap).Value.ToUnixTimeTicks();
            }
        }).Should().Be(0);
        sink.Should().NotBe(0);
    }

    [Fact]
    public void PolicyEvaluate_IntoASpan_AllocatesNothing()
    {
        var policy = PolicyPresets.AfterSalesComplaints;
        var ticket = new Ticket("d1", "complaint", "major",
            [
                new TicketEvent("call-ended", Sh(2026, 3, 2, 9, 0)),
                new TicketEvent("order-drafted", Sh(2026, 3, 2, 9, 20)),
                new TicketEvent("order-submitted", Sh(2026, 3, 2, 9, 25)),
                new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 40)),
                new TicketEvent("paused", Sh(2026, 3, 3, 9, 0)),
                new TicketEvent("resumed", Sh(2026, 3, 3, 15, 0)),
                new TicketEvent("progress-updated", Sh(2026, 3, 3, 17, 0)),
                new TicketEvent("meeting-held", Sh(2026, 3, 3, 10, 0)),
            ],
            fields: new Dictionary<string, Instant> { ["required-completion"] = Sh(2026, 3, 6, 12, 0), ["agreed-completion"] = Sh(2026, 3, 5, 18, 0) });
        var results = new TargetEvaluation[policy.Targets.Length];
        var at = Sh(2026, 3, 4, 12, 0);
        AllocatedBy(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                policy.Evaluate(ticket, at, results);
            }
        }).Should().Be(0);
        results.Should().Contain(r => r.Target.Id == "T11-completion" && r.State == TargetState.Running);

        var office = PolicyPresets.ServiceStandard;
        var repair = new Ticket("r1", "repair", "urgent", [new TicketEvent("received", Sh(2026, 3, 6, 16, 0)), new TicketEvent("paused", Sh(2026, 3, 6, 17, 0))]);
        var officeResults = new TargetEvaluation[office.Targets.Length];
        AllocatedBy(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                office.Evaluate(repair, at, officeResults);
            }
        }).Should().Be(0);
    }

    [Fact]
    public void TicketBatchEvaluate_OnOneThread_AllocatesNothing()
    {
        var policy = PolicyPresets.ServiceStandard;
        var tickets = Enumerable.Range(0, 500).Select(i => new Ticket($"r{i}", "repair", "urgent",
            [new TicketEvent("received", Sh(2026, 3, 2, 8, 0) + Duration.FromMinutes(i * 5)), new TicketEvent("paused", Sh(2026, 3, 6, 17, 0))])).ToArray();
        var batch = TicketBatch.Create(policy, tickets);
        var results = new TargetEvaluation[100 * policy.Targets.Length];
        var at = Sh(2026, 3, 4, 12, 0);
        AllocatedBy(() =>
        {
            for (int first = 0; first < batch.Count; first += 100)
            {
                batch.Evaluate(at, results, first, 100, maxDegreeOfParallelism: 1);
            }
        }).Should().Be(0);
        results.Should().Contain(r => r.IsApplicable && r.State != TargetState.NotStarted);
    }
}
