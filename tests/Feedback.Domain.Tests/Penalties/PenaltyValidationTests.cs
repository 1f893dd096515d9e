using Feedback.Penalties;
using Feedback.Policies;
using FluentAssertions;

namespace Feedback.Tests.Penalties;

/// <summary>Bad penalty schedules (P1-P4) are rejected at load, every problem named by its JSON path.</summary>
public class PenaltyValidationTests
{
    private static string Document(string rules, string currency = "\"CNY\"", string extra = "") =>
        """
        { "id": "p", "zone": "Asia/Shanghai",
          "targets": [
            { "id": "T11-completion", "start": "order-signed-off", "stop": "closure-requested", "due": { "field": "agreed-completion" } },
            { "id": "T12-progress", "start": "order-signed-off", "stop": "closed", "due": { "dailyAt": "18:00", "satisfiedBy": "progress-updated" } }
          ],
          "penalties": { "currency":
        """ + " " + currency + extra + ", \"rules\": [ " + rules + " ] } }";

    private static string[] Errors(string json)
    {
        var result = PolicyDocument.LoadRulebook(json);
        result.IsSuccess.Should().BeFalse();
        return [.. result.ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage)];
    }

    private const string GoodP3 = """
        { "id": "P3-accountable", "rule": "P3", "target": "T11-completion", "role": "accountable",
          "tiers": [ { "from": 1, "to": 7, "perDay": 100 }, { "from": 8, "to": 15, "perDay": 200 } ],
          "band": { "from": 16, "minPercent": 50, "maxPercent": 100 } }
        """;

    [Fact]
    public void P1P4_ValidSchedule_LoadsEveryKindOfRule()
    {
        const string rules = GoodP3 + """
            ,
            { "id": "P1", "target": "T11-completion", "role": "owner", "perStarted": "PT5M", "amount": 100 },
            { "id": "P2-progress", "target": "T12-progress", "role": "accountable", "perMiss": 200 },
            { "id": "P2-plan", "occurrence": "plan-not-entered", "role": "accountable", "amount": 300 },
            { "id": "P2-follow-up", "occurrence": "follow-up-missed", "role": "follow-up-owner", "bonusPercent": 20 },
            { "id": "P4", "occurrence": "attitude-complaint", "role": "staff", "sanction": "pay cut one grade" }
            """;
        var result = PolicyDocument.LoadRulebook(Document(rules));
        result.ValidationErrors.Should().BeEmpty();
        result.Value.Penalties!.Rules.Select(r => (r.Id, r.Kind)).Should().Equal(
            ("P3-accountable", PenaltyKind.Tiered), ("P1", PenaltyKind.PerStartedInterval), ("P2-progress", PenaltyKind.PerMiss),
            ("P2-plan", PenaltyKind.PerOccurrence), ("P2-follow-up", PenaltyKind.BonusPercent), ("P4", PenaltyKind.Sanction));
        result.Value.Penalties.Rules[0].Tiers.Should().Equal(new PenaltyTier(1, 7, 100m), new PenaltyTier(8, 15, 200m));
        result.Value.Penalties.Rules[0].Band.Should().Be(new BonusBand(16, 50m, 100m));
    }

    [Fact]
    public void P3_TiersWithAGap_AreRejectedNamingTheTier()
    {
        const string rules = """
            { "id": "gap", "target": "T11-completion", "role": "accountable",
              "tiers": [ { "from": 1, "to": 7, "perDay": 100 }, { "from": 9, "to": 15, "perDay": 200 } ] }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].tiers[1]: Tier days 9-15 must start at day 8 and not end before they start; tiers are contiguous from day 1.");
    }

    [Fact]
    public void P3_TiersNotStartingAtDay1_AreRejected()
    {
        const string rules = """
            { "id": "late-start", "target": "T11-completion", "role": "accountable",
              "tiers": [ { "from": 2, "to": 7, "perDay": 100 }, { "from": 8, "to": 15, "perDay": 200 } ] }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].tiers[0]: Tier days 2-7 must start at day 1 and not end before they start; tiers are contiguous from day 1.");
    }

    [Fact]
    public void P3_OverlappingOrBackwardTiers_AreRejected()
    {
        const string rules = """
            { "id": "overlap", "target": "T11-completion", "role": "accountable",
              "tiers": [ { "from": 1, "to": 7, "perDay": 100 }, { "from": 7, "to": 15, "perDay": 200 }, { "from": 16, "to": 12, "perDay": 300 } ] }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].tiers[1]: Tier days 7-15 must start at day 8 and not end before they start; tiers are contiguous from day 1.",
            "$.penalties.rules[0].tiers[2]: Tier days 16-12 must start at day 16 and not end before they start; tiers are contiguous from day 1.");
    }

    [Fact]
    public void P3_BandStartingInsideATier_IsRejected()
    {
        const string rules = """
            { "id": "band", "target": "T11-completion", "role": "accountable",
              "tiers": [ { "from": 1, "to": 7, "perDay": 100 }, { "from": 8, "to": 15, "perDay": 200 } ],
              "band": {"from":10,"minPercent":50,"maxPercent":100} }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].band: A band is {\"from\": day after the last tier (>= 16), \"minPercent\": p, \"maxPercent\": q} with 0 <= p <= q <= 100; "
            + "found {\"from\":10,\"minPercent\":50,\"maxPercent\":100}.");
    }

    [Fact]
    public void P3_BandWithMinAboveMax_IsRejected()
    {
        const string rules = """
            { "id": "band", "target": "T11-completion", "role": "supervising-leader",
              "tiers": [ { "from": 1, "to": 7, "perDay": 50 } ],
              "band": {"from":8,"minPercent":50,"maxPercent":20} }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].band: A band is {\"from\": day after the last tier (>= 8), \"minPercent\": p, \"maxPercent\": q} with 0 <= p <= q <= 100; "
            + "found {\"from\":8,\"minPercent\":50,\"maxPercent\":20}.");
    }

    [Fact]
    public void P2_NegativeOccurrenceAmount_IsRejected()
    {
        Errors(Document("""{ "id": "neg", "occurrence": "plan-not-entered", "role": "accountable", "amount": -300 }""")).Should().Equal(
            "$.penalties.rules[0].amount: '-300' is not an amount of 0 or more.");
    }

    [Fact]
    public void P1_NegativePerIntervalAmount_IsRejected()
    {
        Errors(Document("""{ "id": "neg", "target": "T11-completion", "role": "owner", "perStarted": "PT5M", "amount": -100 }""")).Should().Equal(
            "$.penalties.rules[0].amount: '-100' is not an amount of 0 or more.");
    }

    [Fact]
    public void P3_NegativePerDay_IsRejectedNamingTheTier()
    {
        const string rules = """
            { "id": "neg", "target": "T11-completion", "role": "accountable",
              "tiers": [ { "from": 1, "to": 7, "perDay": -100 } ] }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].tiers[0]: A tier is {\"from\": day, \"to\": day, \"perDay\": amount of 0 or more}; found { \"from\": 1, \"to\": 7, \"perDay\": -100 }.");
    }

    [Fact]
    public void P3_NegativePerDayInTheFirstTier_OnlyThatTierIsReported()
    {
        const string rules = """
            { "id": "neg", "target": "T11-completion", "role": "accountable",
              "tiers": [ { "from": 1, "to": 7, "perDay": -100 }, { "from": 8, "to": 15, "perDay": 200 } ] }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].tiers[0]: A tier is {\"from\": day, \"to\": day, \"perDay\": amount of 0 or more}; found { \"from\": 1, \"to\": 7, \"perDay\": -100 }.");
    }

    [Fact]
    public void P2_NegativePerMiss_IsRejectedOnce()
    {
        Errors(Document("""{ "id": "neg", "target": "T12-progress", "role": "accountable", "perMiss": -200 }""")).Should().Equal(
            "$.penalties.rules[0].perMiss: '-200' is not an amount of 0 or more.");
    }

    [Fact]
    public void P3_UnknownTarget_IsRejectedNamingIt()
    {
        Errors(Document("""{ "id": "ut", "target": "T99-nothing", "role": "accountable", "perMiss": 200 }""")).Should().Equal(
            "$.penalties.rules[0].target: Unknown target 'T99-nothing'.");
    }

    [Fact]
    public void P2_BothTargetAndOccurrence_IsRejected()
    {
        Errors(Document("""{ "id": "both", "target": "T12-progress", "occurrence": "plan-not-entered", "role": "accountable", "perMiss": 200 }""")).Should().Equal(
            "$.penalties.rules[0]: A penalty rule charges either a \"target\"'s lateness or a recorded \"occurrence\": give exactly one.");
    }

    [Fact]
    public void P2_NeitherTargetNorOccurrence_IsRejected()
    {
        Errors(Document("""{ "id": "none", "role": "accountable", "amount": 300 }""")).Should().Equal(
            "$.penalties.rules[0]: A penalty rule charges either a \"target\"'s lateness or a recorded \"occurrence\": give exactly one.");
    }

    [Theory]
    [InlineData("\"cny\"", "'cny' is not an ISO 4217 code such as \"CNY\".")]
    [InlineData("\"YUAN\"", "'YUAN' is not an ISO 4217 code such as \"CNY\".")]
    [InlineData("\"C1Y\"", "'C1Y' is not an ISO 4217 code such as \"CNY\".")]
    [InlineData("\"\"", "A non-empty string is required, found \"\".")]
    public void P1P4_BadCurrency_IsRejected(string currency, string message)
    {
        Errors(Document(GoodP3, currency)).Should().Equal("$.penalties.currency: " + message);
    }

    [Fact]
    public void P3_UnknownDayCounting_IsRejectedListingTheChoices()
    {
        Errors(Document(GoodP3, extra: ", \"dayCounting\": \"workingDays\"")).Should().Equal(
            "$.penalties.dayCounting: 'workingDays' is not one of: startedDays, calendarDates.");
    }

    [Fact]
    public void P1_TargetRuleWithoutAKind_IsRejected()
    {
        Errors(Document("""{ "id": "kindless", "target": "T11-completion", "role": "accountable", "amount": 100 }""")).Should().Equal(
            "$.penalties.rules[0]: A target penalty needs \"perStarted\" + \"amount\" (P1), \"perMiss\" (P2) or \"tiers\" (P3).");
    }

    [Fact]
    public void P1_PerStartedWithoutAmountOrWithZeroInterval_IsRejected()
    {
        Errors(Document("""{ "id": "p1", "target": "T11-completion", "role": "owner", "perStarted": "PT0M" }""")).Should().Equal(
            "$.penalties.rules[0].perStarted: The interval \"PT0M\" must be positive.",
            "$.penalties.rules[0].amount: A per-interval fine needs an \"amount\".");
    }

    [Fact]
    public void P2_BonusPercentOutOfRange_IsRejected()
    {
        Errors(Document("""{ "id": "bp", "occurrence": "follow-up-missed", "role": "follow-up-owner", "bonusPercent": 120 }""")).Should().Equal(
            "$.penalties.rules[0].bonusPercent: '120' is not a percentage above 0 and at most 100.");
    }

    [Fact]
    public void P1P4_DuplicateRuleId_IsRejected()
    {
        const string rules = """
            { "id": "x", "occurrence": "plan-not-entered", "role": "accountable", "amount": 300 },
            { "id": "x", "occurrence": "attitude-complaint", "role": "staff", "sanction": "pay cut one grade" }
            """;
        Errors(Document(rules)).Should().Equal("$.penalties.rules[1].id: Penalty rule id 'x' is used twice.");
    }

    [Fact]
    public void P4_UnknownPropertyOfARule_IsRejectedAsATypo()
    {
        const string rules = """
            { "id": "x", "occurrence": "attitude-complaint", "role": "staff", "sanction": "pay cut one grade", "amout": 1 }
            """;
        Errors(Document(rules)).Should().Equal(
            "$.penalties.rules[0].amout: Unknown property 'amout'; expected one of: id, rule, role, target, occurrence, perStarted, amount, perMiss, tiers, band, bonusPercent, sanction.");
    }

    [Theory]
    [InlineData("""{ "id": "a", "occurrence": "follow-up-missed", "role": "r", "bonusPercent": "20" }""", "$.penalties.rules[0].bonusPercent")]
    [InlineData("""{ "id": "a", "target": "T11-completion", "role": "r", "tiers": [ { "from": "1", "to": 7, "perDay": 100 } ] }""", "$.penalties.rules[0].tiers[0]")]
    [InlineData("""{ "id": "a", "target": "T11-completion", "role": "r", "tiers": [ 5 ] }""", "$.penalties.rules[0].tiers[0]")]
    [InlineData("""{ "id": "a", "target": "T11-completion", "role": "r", "tiers": [ { "from": 1, "to": 7, "perDay": 100 } ], "band": 16 }""", "$.penalties.rules[0].band")]
    [InlineData("""{ "id": "a", "target": "T11-completion", "role": "r", "tiers": [ { "from": 1, "to": 7, "perDay": 100 } ], "band": { "from": "8", "minPercent": 1, "maxPercent": 2 } }""", "$.penalties.rules[0].band")]
    [InlineData("\"P1-draft\"", "$.penalties.rules[0]")]
    public void P1P4_WronglyTypedValue_IsAValidationErrorNotAnException(string rule, string path)
    {
        var act = () => PolicyDocument.LoadRulebook(Document(rule));
        var result = act.Should().NotThrow().Subject;
        result.IsSuccess.Should().BeFalse();
        result.ValidationErrors.Select(e => e.Identifier).Should().Contain(path);
    }

    [Theory]
    [InlineData("""{ "id": "P4-bottom-ten", "occurrence": "bottom-ten", "role": "staff", "amount": 500, "sanction": "pay cut one grade" }""")]
    [InlineData("""{ "id": "mixed", "target": "T11-completion", "role": "accountable", "perStarted": "PT5M", "amount": 100, "perMiss": 200 }""")]
    [InlineData("""{ "id": "mixed", "target": "T11-completion", "role": "accountable", "perMiss": 200, "tiers": [ { "from": 1, "to": 7, "perDay": 100 } ] }""")]
    public void P1P4_RuleWithConflictingKinds_IsRejected(string rule)
    {
        var result = PolicyDocument.LoadRulebook(Document(rule));
        result.IsSuccess.Should().BeFalse();
        result.ValidationErrors.Should().Contain(e => e.Identifier.StartsWith("$.penalties.rules[0]", StringComparison.Ordinal));
    }
}
