using System.Collections.Immutable;
using Feedback.Penalties;
using Feedback.Policies;
using Feedback.Sla;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Penalties;

/// <summary>Properties of the penalty arithmetic (P1, P3) and the monthly ledger.</summary>
public class PenaltyProperties
{
    private static readonly Rulebook _d = PolicyPresets.AfterSalesComplaintsRulebook;

    private static readonly PenaltyRule[] _shippedP3 = [.. _d.Penalties!.Rules.Where(r => r.Rule == "P3")];

    // ---- Generators ----

    /// <summary>1-6 contiguous tiers from day 1, each 1-10 days long, 0-1000.00 a day.</summary>
    private static readonly Gen<ImmutableArray<PenaltyTier>> _tiers =
        from count in Gen.Choose(1, 6)
        from lengths in Gen.ArrayOf(Gen.Choose(1, 10), count)
        from cents in Gen.ArrayOf(Gen.Choose(0, 100_000), count)
        select Contiguous(lengths, cents);

    private static ImmutableArray<PenaltyTier> Contiguous(IReadOnlyList<int> lengths, int[] cents)
    {
        var tiers = ImmutableArray.CreateBuilder<PenaltyTier>();
        int from = 1;
        for (int i = 0; i < lengths.Count; i++)
        {
            tiers.Add(new PenaltyTier(from, from + lengths[i] - 1, cents[i] / 100m));
            from += lengths[i];
        }

        return tiers.ToImmutable();
    }

    private static PenaltyRule Tiered(ImmutableArray<PenaltyTier> tiers) =>
        new() { Id = "generated", Role = "accountable", Kind = PenaltyKind.Tiered, Tiers = tiers };

    /// <summary>Every rule under test: the two shipped P3 rules or a generated one.</summary>
    private static readonly Gen<PenaltyRule> _rules = Gen.OneOf(Gen.Elements(_shippedP3), _tiers.Select(Tiered));

    /// <summary>The per-day rate of day <paramref name="day"/> read off the tiers by hand (0 past the last tier).</summary>
    private static decimal Rate(PenaltyRule rule, int day) =>
        rule.Tiers.Where(t => t.FromDay <= day && day <= t.ToDay).Select(t => t.PerDay).FirstOrDefault();

    // ---- P3: OverdueFine ----

    [Property(MaxTest = 1000)]
    public Property OverdueFine_NeverDecreasesAsDaysGrow() =>
        Prop.ForAll(Arb.From(from rule in _rules from d in Gen.Choose(-20, 80) from more in Gen.Choose(0, 40) select (rule, d, more)),
            c => c.rule.OverdueFine(c.d) <= c.rule.OverdueFine(c.d + c.more));

    [Property(MaxTest = 1000)]
    public Property OverdueFine_IsAdditiveAcrossATierBoundary_FineOfDEqualsFineOfBoundaryPlusEachLaterDaysRate() =>
        Prop.ForAll(Arb.From(
                from rule in _rules
                from boundary in Gen.Elements(rule.Tiers.Select(t => t.ToDay).Prepend(0).ToArray())
                from extra in Gen.Choose(0, 70)
                select (rule, boundary, d: boundary + extra)),
            c => c.rule.OverdueFine(c.d) == c.rule.OverdueFine(c.boundary) + Enumerable.Range(c.boundary + 1, c.d - c.boundary).Sum(i => Rate(c.rule, i)));

    [Property(MaxTest = 1000)]
    public Property OverdueFine_ZeroOrNegativeDays_CostZero() =>
        Prop.ForAll(Arb.From(from rule in _rules from d in Gen.Choose(-100_000, 0) select (rule, d)),
            c => c.rule.OverdueFine(c.d) == 0m);

    [Property(MaxTest = 1000)]
    public Property OverdueFine_DaysPastTheLastTier_AddNothing() =>
        Prop.ForAll(Arb.From(from rule in _rules from extra in Gen.Choose(1, 1000) select (rule, extra)),
            c => c.rule.OverdueFine(c.rule.Tiers[^1].ToDay + c.extra) == c.rule.OverdueFine(c.rule.Tiers[^1].ToDay));

    // ---- P1: per started interval ----

    private static decimal DraftFine(long lateMilliseconds)
    {
        // Call ended 10:00, draft due 10:30 (T8, 30 min); drafted lateMilliseconds after the due time.
        var due = Sh(2026, 3, 2, 10, 30);
        var ticket = new Ticket("p", "complaint", "general",
            [new TicketEvent("call-ended", Sh(2026, 3, 2, 10, 0)), new TicketEvent("order-drafted", due + Duration.FromMilliseconds(lateMilliseconds))]);
        var at = Sh(2026, 3, 3, 0, 0);
        var lines = _d.Penalties!.Assess(new PenaltyCase("p", _d.Sla.Evaluate(ticket, at), ImmutableDictionary<string, string>.Empty, [], at, Shanghai));
        return lines.Where(l => l.RuleId == "P1-draft").Sum(l => l.Amount!.Value.Amount);
    }

    private static readonly Gen<int> _lateness = Gen.OneOf(
        Gen.Choose(-600_000, 3 * 3_600_000),
        from k in Gen.Choose(-3, 40)
        from delta in Gen.Elements(-1, 0, 1)
        select (k * 300_000) + delta); // around multiples of 5 minutes: -1 ms, 0, +1 ms

    [Property(MaxTest = 1000)]
    public Property PerStartedIntervalFine_IsMonotoneInLateness() =>
        Prop.ForAll(Arb.From(from a in _lateness from b in _lateness select (early: Math.Min(a, b), late: Math.Max(a, b))),
            c => DraftFine(c.early) <= DraftFine(c.late));

    [Property(MaxTest = 1000)]
    public Property PerStartedIntervalFine_Is100PerStartedFiveMinutes_AndZeroWhenOnTime() =>
        Prop.ForAll(Arb.From(_lateness),
            ms => DraftFine(ms) == (ms <= 0 ? 0m : 100m * ((ms + 299_999) / 300_000)));

    // ---- Ledger ----

    private static readonly (string RuleId, string Role)[] _ruleRoles =
        [("P1-draft", "draft-owner"), ("P2-plan-not-entered", "accountable"), ("P2-follow-up-missed", "follow-up-owner"), ("P3-accountable", "accountable"), ("P4-attitude", "staff")];

    private static readonly Gen<PenaltyLine> _line =
        from ticket in Gen.Elements("t1", "t2", "t3")
        from rule in Gen.Choose(0, _ruleRoles.Length - 1)
        from person in Gen.Elements<string?>(null, "li", "wang", "zhang")
        from hours in Gen.Choose(0, 24 * 75)
        from amount in Gen.Choose(0, 50)
        from band in Gen.Elements(true, false)
        select Line(ticket, rule, person, Sh(2026, 2, 1, 0, 0) + Duration.FromHours(hours) + Duration.FromMinutes(amount), amount, band);

    private static PenaltyLine Line(string ticket, int rule, string? person, Instant at, int amount, bool band)
    {
        var local = at.InZone(Shanghai).Date;
        var line = new PenaltyLine
        {
            TicketId = ticket, RuleId = _ruleRoles[rule].RuleId, Rule = _ruleRoles[rule].RuleId[..2], Role = _ruleRoles[rule].Role, PersonId = person,
            At = at, Month = new YearMonth(local.Year, local.Month), Computation = "",
        };
        return rule switch
        {
            2 => line with { BonusPercent = 20m, Computation = "follow-up-missed: 20% of the month's bonus" },
            3 when band => line with { Band = new BonusBand(16, 50m, 100m), Computation = "band 50%-100%" },
            4 => line with { Sanction = "pay cut one grade", Computation = "attitude-complaint: pay cut one grade" },
            _ => line with { Amount = new Money(amount * 100m, "CNY"), Computation = $"{amount} x 100" },
        };
    }

    private static readonly Gen<(PenaltyLine[] Lines, PenaltyLine[] Shuffled, YearMonth Month)> _ledgerCases =
        from lines in Gen.ArrayOf(_line)
        from shuffled in Gen.Shuffle(lines)
        from month in Gen.Elements(new YearMonth(2026, 2), new YearMonth(2026, 3), new YearMonth(2026, 4))
        select (lines, shuffled, month);

    private static bool Same(ImmutableArray<PersonLedger> a, ImmutableArray<PersonLedger> b) =>
        a.Length == b.Length && a.Zip(b).All(p =>
            p.First.PersonId == p.Second.PersonId && p.First.Month == p.Second.Month && p.First.Total == p.Second.Total
            && p.First.BonusPercent == p.Second.BonusPercent && p.First.DueBefore == p.Second.DueBefore
            && p.First.Lines.SequenceEqual(p.Second.Lines) && p.First.Bands.SequenceEqual(p.Second.Bands) && p.First.Sanctions.SequenceEqual(p.Second.Sanctions));

    [Property(MaxTest = 1000)]
    public Property Ledger_IsIdenticalUnderAnyPermutationOfTheInputLines() =>
        Prop.ForAll(Arb.From(_ledgerCases),
            c => Same(PenaltyLedger.ForMonth(c.Lines, c.Month, "CNY"), PenaltyLedger.ForMonth(c.Shuffled, c.Month, "CNY")));

    [Property(MaxTest = 1000)]
    public Property Ledger_TotalIsExactlyTheSumOfItsLines_AndEveryLineOfTheMonthIsInExactlyOneGroup() =>
        Prop.ForAll(Arb.From(_ledgerCases), c =>
        {
            var ledger = PenaltyLedger.ForMonth(c.Lines, c.Month, "CNY");
            return ledger.All(p => p.Total == new Money(p.Lines.Sum(l => l.Amount?.Amount ?? 0m), "CNY")
                    && p.BonusPercent == p.Lines.Sum(l => l.BonusPercent ?? 0m)
                    && p.Lines.All(l => l.PersonId == p.PersonId && l.Month == c.Month))
                && ledger.Sum(p => p.Lines.Length) == c.Lines.Count(l => l.Month == c.Month)
                && ledger.Select(p => p.PersonId).Distinct().Count() == ledger.Length
                && ledger.SkipWhile(p => p.PersonId is not null).All(p => p.PersonId is null);
        });
}
