using System.Collections.Immutable;
using Feedback.Penalties;
using Feedback.Policies;
using Feedback.Ports;
using Feedback.Routing;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Penalties;

/// <summary>The monthly ledger (P3: computed automatically, reported to HR and Finance before the 1st of the next month).</summary>
public class PenaltyLedgerTests
{
    private static readonly Rulebook _d = PolicyPresets.AfterSalesComplaintsRulebook;
    private static readonly PenaltySchedule _schedule = _d.Penalties!;

    private static readonly ImmutableDictionary<string, string> _people = ImmutableDictionary<string, string>.Empty
        .Add("accountable", "zhang").Add("supervising-leader", "li").Add("follow-up-owner", "chen").Add("staff", "sun");

    // A complaint signed off 2026-03-02 10:00 with agreed completion 03-30 18:00, its closure requested at `closed`
    // and its progress updated every day at 12:00 (so T12 never charges).
    private static ImmutableArray<PenaltyLine> LateCompletion(string id, Instant closed, DateTimeZone zone, ImmutableDictionary<string, string>? people = null)
    {
        var events = new List<TicketEvent> { new("order-signed-off", Sh(2026, 3, 2, 10, 0)), new("closure-requested", closed), new("closed", closed) };
        for (var day = new LocalDate(2026, 3, 2); day <= new LocalDate(2026, 4, 2); day = day.PlusDays(1))
        {
            events.Add(new TicketEvent("progress-updated", day.At(new LocalTime(12, 0)).InZoneStrictly(Shanghai).ToInstant()));
        }

        var ticket = new Ticket(id, "complaint", "general", events, fields: new Dictionary<string, Instant> { ["agreed-completion"] = Sh(2026, 3, 30, 18, 0) });
        var at = Sh(2026, 4, 10, 0, 0);
        return _schedule.Assess(new PenaltyCase(id, _d.Sla.Evaluate(ticket, at), people ?? _people, [], at, zone));
    }

    [Fact]
    public void P3_LateStopOn31March2330Shanghai_IsInTheMarchLedger()
    {
        // Due 03-30 18:00, stop 03-31 23:30: 29.5 h = 2 started days: zhang 2 x 100 = 200, li 2 x 50 = 100.
        var lines = LateCompletion("m1", Sh(2026, 3, 31, 23, 30), Shanghai);
        lines.Select(l => (l.PersonId, l.Amount!.Value.Amount, l.Month)).Should().Equal(
            ("zhang", 200m, new YearMonth(2026, 3)), ("li", 100m, new YearMonth(2026, 3)));
        PenaltyLedger.ForMonth(lines, new YearMonth(2026, 3), "CNY").Select(l => (l.PersonId, l.Total.Amount)).Should().Equal(("li", 100m), ("zhang", 200m));
        PenaltyLedger.ForMonth(lines, new YearMonth(2026, 4), "CNY").Should().BeEmpty();
    }

    [Fact]
    public void P3_LateStopOn1April0730Shanghai_IsInTheAprilLedgerOfTheCasesZone_ThoughItIs31MarchInUtc()
    {
        // Stop 04-01 07:30 Shanghai = 03-31 23:30 UTC; 37.5 h late = 2 started days: 200 / 100.
        var shanghai = LateCompletion("m2", Sh(2026, 4, 1, 7, 30), Shanghai);
        shanghai.Select(l => l.Month).Should().AllBeEquivalentTo(new YearMonth(2026, 4));
        PenaltyLedger.ForMonth(shanghai, new YearMonth(2026, 3), "CNY").Should().BeEmpty();
        PenaltyLedger.ForMonth(shanghai, new YearMonth(2026, 4), "CNY").Select(l => (l.PersonId, l.Total.Amount, l.DueBefore)).Should().Equal(
            ("li", 100m, new LocalDate(2026, 5, 1)), ("zhang", 200m, new LocalDate(2026, 5, 1)));

        // The same ticket assessed for a host whose case zone is UTC lands in March.
        var utc = LateCompletion("m2", Sh(2026, 4, 1, 7, 30), DateTimeZone.Utc);
        utc.Select(l => l.Month).Should().AllBeEquivalentTo(new YearMonth(2026, 3));
    }

    [Fact]
    public void P2P3P4_MonthLedger_GroupsByPersonReconcilesTotalsAndListsBonusBandsAndSanctions()
    {
        var lines = ImmutableArray.CreateBuilder<PenaltyLine>();

        // Ticket a: due 03-05 18:00, stop 03-21 19:00 = 16 d 1 h late = 17 started days (past the band start, day 16):
        // zhang 7 x 100 + 8 x 200 = 2300 + band 50-100 %; li 7 x 50 + 8 x 100 = 1150 + band 20-50 %.
        var a = new Ticket("a", "complaint", "general",
            [new TicketEvent("order-signed-off", Sh(2026, 3, 5, 10, 0)), new TicketEvent("closure-requested", Sh(2026, 3, 21, 19, 0))],
            fields: new Dictionary<string, Instant> { ["agreed-completion"] = Sh(2026, 3, 5, 18, 0) });
        var atA = Sh(2026, 3, 21, 19, 0);
        lines.AddRange(_schedule.Assess(new PenaltyCase("a", _d.Sla.Evaluate(a, atA), _people, [], atA, Shanghai)).Where(l => l.Rule == "P3"));

        // Ticket b: occurrences only. zhang: 2 plans not entered (2 x 300 = 600); chen: 2 missed + 1 poor follow-up (3 x 20 % = 60 %);
        // sun: an attitude complaint (sanction); one plan-not-entered in February must not appear in March.
        var b = new Ticket("b", "complaint", "general", []);
        ImmutableArray<PenaltyOccurrence> occurrences =
        [
            new("b", "plan-not-entered", Sh(2026, 3, 3, 9, 0)),
            new("b", "plan-not-entered", Sh(2026, 3, 25, 9, 0)),
            new("b", "plan-not-entered", Sh(2026, 2, 27, 9, 0)),
            new("b", "follow-up-missed", Sh(2026, 3, 10, 9, 0)),
            new("b", "follow-up-missed", Sh(2026, 3, 12, 9, 0)),
            new("b", "follow-up-poor", Sh(2026, 3, 14, 9, 0)),
            new("b", "attitude-complaint", Sh(2026, 3, 15, 9, 0)),
        ];
        var atB = Sh(2026, 3, 31, 0, 0);
        lines.AddRange(_schedule.Assess(new PenaltyCase("b", _d.Sla.Evaluate(b, atB), _people, occurrences, atB, Shanghai)));

        var ledger = PenaltyLedger.ForMonth(lines, new YearMonth(2026, 3), "CNY");

        // Persons by ordinal id: chen, li, sun, zhang.
        ledger.Select(l => l.PersonId).Should().Equal("chen", "li", "sun", "zhang");
        ledger.Should().OnlyContain(l => l.Month == new YearMonth(2026, 3) && l.DueBefore == new LocalDate(2026, 4, 1));

        var chen = ledger[0];
        chen.Total.Should().Be(new Money(0m, "CNY"));
        chen.BonusPercent.Should().Be(60m); // 20 + 20 + 20
        chen.Lines.Should().HaveCount(3);

        var li = ledger[1];
        li.Total.Should().Be(new Money(1150m, "CNY"));
        li.Bands.Should().Equal(new BonusBand(16, 20m, 50m));
        li.BonusPercent.Should().Be(0m);

        var sun = ledger[2];
        sun.Total.Should().Be(new Money(0m, "CNY"));
        sun.Sanctions.Should().Equal("pay cut one grade");
        sun.Lines.Should().ContainSingle().Which.Amount.Should().BeNull();

        var zhang = ledger[3];
        zhang.Total.Should().Be(new Money(2900m, "CNY")); // 2300 (ticket a) + 300 + 300 (ticket b, March only)
        zhang.Bands.Should().Equal(new BonusBand(16, 50m, 100m));
        zhang.Sanctions.Should().BeEmpty();
        // Deterministic order: ticket, rule id, instant.
        zhang.Lines.Select(l => (l.TicketId, l.RuleId, l.Amount?.Amount)).Should().Equal(
            ("a", "P3-accountable", 2300m), ("a", "P3-accountable", null), ("b", "P2-plan-not-entered", 300m), ("b", "P2-plan-not-entered", 300m));

        foreach (var person in ledger)
        {
            person.Lines.Sum(l => l.Amount?.Amount ?? 0m).Should().Be(person.Total.Amount, $"{person.PersonId}'s total is the sum of the lines");
        }

        PenaltyLedger.ForMonth(lines, new YearMonth(2026, 2), "CNY").Select(l => (l.PersonId, l.Total.Amount)).Should().Equal(("zhang", 300m));
    }

    [Fact]
    public void P3_DecemberLedger_IsDueBeforeTheFirstOfJanuary()
    {
        var line = new PenaltyLine
        {
            TicketId = "t", RuleId = "P2-plan-not-entered", Role = "accountable", PersonId = "zhang", Amount = new Money(300m, "CNY"),
            Computation = "plan-not-entered: 1 x 300 = 300 CNY", At = Sh(2026, 12, 31, 23, 59), Month = new YearMonth(2026, 12),
        };
        PenaltyLedger.ForMonth([line], new YearMonth(2026, 12), "CNY").Single().DueBefore.Should().Be(new LocalDate(2027, 1, 1));
    }

    [Fact]
    public void P3_RoleWithNoPerson_LineKeptWithPersonIdNull_AndItsLedgerGroupComesLast()
    {
        // Nobody holds supervising-leader: the leader's line is kept unassigned.
        // Due 03-30 18:00, stop 03-31 09:00 = 15 h = 1 started day: zhang 100, nobody 50.
        var people = ImmutableDictionary<string, string>.Empty.Add("accountable", "zhang");
        var lines = LateCompletion("n", Sh(2026, 3, 31, 9, 0), Shanghai, people);
        lines.Select(l => (l.Role, l.PersonId)).Should().Equal(("accountable", "zhang"), ("supervising-leader", (string?)null));

        var ledger = PenaltyLedger.ForMonth(lines, new YearMonth(2026, 3), "CNY");
        ledger.Select(l => (l.PersonId, l.Total.Amount)).Should().Equal(("zhang", 100m), ((string?)null, 50m));
    }

    [Fact]
    public async Task R2P3_PeopleResolvedThroughTheDirectory_ARoleNobodyHoldsLeavesThePersonNull()
    {
        // Route a major quality-delay complaint in a third-tier city: accountable regional-company-head,
        // leader project-general-manager; the directory knows only the regional head.
        var route = _d.Routing!.Decide(new RouteRequest("complaint", "quality-delay", "major", "third-tier"));
        var people = await route.ResolvePeopleAsync(new FakeDirectory(("regional-company-head", "qian")), "project-7");
        people.Should().Equal(new Dictionary<string, string> { ["accountable"] = "qian" });

        var lines = LateCompletion("dir", Sh(2026, 3, 31, 9, 0), Shanghai, people);
        PenaltyLedger.ForMonth(lines, new YearMonth(2026, 3), "CNY").Select(l => (l.PersonId, l.Total.Amount)).Should().Equal(
            ("qian", 100m), ((string?)null, 50m));
    }

    [Fact]
    public void P1P4_LinesInAnotherCurrency_CannotBeSummedIntoTheLedger()
    {
        var line = new PenaltyLine
        {
            TicketId = "t", RuleId = "x", Role = "accountable", PersonId = "zhang", Amount = new Money(10m, "USD"),
            Computation = "x", At = Sh(2026, 3, 1, 9, 0), Month = new YearMonth(2026, 3),
        };
        var act = () => PenaltyLedger.ForMonth([line], new YearMonth(2026, 3), "CNY");
        act.Should().Throw<InvalidOperationException>().WithMessage("Cannot add 0 CNY and 10 USD: the currencies differ.");
    }

    private sealed class FakeDirectory(params (string Role, string Person)[] holders) : IDirectory
    {
        public ValueTask<IReadOnlyList<Person>> FindAsync(RoleQuery query, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<Person>>([.. holders.Where(h => h.Role == query.Role).Select(h => new Person(h.Person, h.Person))]);
    }
}
