using System.Collections.Immutable;
using Feedback.Penalties;
using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Penalties;

public class PenaltySmokeTests
{
    [Fact]
    public void P3_ComplaintNineDaysLate_Costs1100AndLeader550()
    {
        var rulebook = PolicyPresets.AfterSalesComplaintsRulebook;
        // Signed off 2026-03-02 10:00, agreed completion 03-05 18:00, closure requested 03-14 09:00:
        // late by 8 days 15 hours = 9 started days.
        var ticket = new Ticket("d1", "complaint", "general",
            [new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)), new TicketEvent("closure-requested", Sh(2026, 3, 14, 9, 0))],
            fields: new Dictionary<string, Instant> { ["agreed-completion"] = Sh(2026, 3, 5, 18, 0) });
        var at = Sh(2026, 3, 20, 0, 0);
        var evaluations = rulebook.Sla.Evaluate(ticket, at);
        var @case = new PenaltyCase("d1", evaluations,
            ImmutableDictionary<string, string>.Empty.Add("accountable", "zhang").Add("supervising-leader", "li"), [], at, Shanghai);
        var lines = rulebook.Penalties!.Assess(@case);
        lines.Where(l => l.RuleId.StartsWith("P3", StringComparison.Ordinal)).Select(l => (l.PersonId, l.Amount!.Value.Amount, l.Computation)).Should().Equal(
            ("zhang", 1100m, "T11-completion 9 day(s) late (StartedDays): 7 x 100 (days 1-7) + 2 x 200 (days 8-9) = 1100 CNY"),
            ("li", 550m, "T11-completion 9 day(s) late (StartedDays): 7 x 50 (days 1-7) + 2 x 100 (days 8-9) = 550 CNY"));
        var ledger = PenaltyLedger.ForMonth(lines, new YearMonth(2026, 3), "CNY");
        // zhang also missed the daily progress update (T12, P2) on each of 2026-03-02..19: 18 x 200 = 3600.
        ledger.Select(l => (l.PersonId, l.Total.Amount)).Should().Equal(("li", 550m), ("zhang", 1100m + 3600m));
        ledger[1].Lines.Sum(l => l.Amount?.Amount ?? 0m).Should().Be(ledger[1].Total.Amount);
        ledger[0].DueBefore.Should().Be(new LocalDate(2026, 4, 1));
    }

    [Fact]
    public void Routing_R1QualityDelayMajorThirdTier_AndRoster_SundayNight()
    {
        var routing = PolicyPresets.AfterSalesComplaintsRulebook.Routing!;
        var route = routing.Decide(new Feedback.Routing.RouteRequest("complaint", "quality-delay", "major", "third-tier", "hotline-agent-7"));
        route.Department.Should().Be("engineering");
        route.Cooperating.Should().Equal("marketing", "property-company");
        route.AccountableRole.Should().Be("regional-company-head");
        route.LeaderRole.Should().Be("project-general-manager");
        route.ContactOwner.Should().Be("hotline-agent-7");

        var roster = PolicyPresets.ServiceStandardRulebook.Roster!;
        roster.Responder(Sh(2026, 3, 8, 21, 15)).Should().Be("monitoring-centre");
        roster.OnDuty(Sh(2026, 3, 8, 21, 15)).Should().Equal("monitoring-centre", "technicians");
    }
}
