using Feedback.FollowUps;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>F2 (rates and quota arithmetic) and F3 (exemptions, merging, mandatory items).</summary>
public class FollowUpSamplingTests
{
    /// <summary><paramref name="count"/> items of one kind completed on consecutive days of March 2026 (arrival order = id order).</summary>
    private static List<FollowUpItem> March(string kind, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Item($"i{i:00}", kind, Sh(2026, 3, 1, 8, 0) + Duration.FromHours(20 * i)))];

    /// <summary>Repairs r1 .. r<paramref name="count"/> completed on consecutive days of March 2026.</summary>
    private static List<FollowUpItem> Repairs(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Item($"r{i}", "repair", Sh(2026, 3, i, 8, 0)))];

    private static MonthSample Closed(FollowUpPolicy policy, string kind, IEnumerable<FollowUpItem> items) =>
        policy.Sample(March2026, kind, items, close: true).Value;

    // ---- F2: every rate of every preset, with the quota it gives (ceiling rounding: the presets' default) ----

    [Theory]
    [InlineData("A1", "complaint", 100, 7, 7)] // 100 % of 7 = 7
    [InlineData("A1", "repair", 50, 9, 5)] // 50 % of 9 = 4.5 -> 5
    [InlineData("A1", "special-service", 30, 7, 3)] // 30 % of 7 = 2.1 -> 3
    [InlineData("A1", "household", 100, 12, 12)] // every household
    [InlineData("A2", "complaint", 100, 5, 5)]
    [InlineData("A2", "repair", 20, 7, 2)] // 20 % of 7 = 1.4 -> 2
    [InlineData("A2", "other", 0, 7, 0)] // set by the site manager: 0 in the preset
    [InlineData("A3", "complaint", 100, 3, 3)]
    [InlineData("A3", "repair", 30, 7, 3)] // 2.1 -> 3
    [InlineData("A3", "special-service", 30, 10, 3)] // exactly 3
    [InlineData("A3", "help", 30, 1, 1)] // 0.3 -> 1
    [InlineData("A3", "emergency-patient", 30, 4, 2)] // 1.2 -> 2
    [InlineData("A3", "event", 10, 1, 1)] // 10 % of 1 = 0.1 -> 1
    [InlineData("A3", "event", 10, 11, 2)] // 1.1 -> 2
    [InlineData("B", "complaint", 50, 7, 4)] // 3.5 -> 4
    [InlineData("B", "repair", 30, 7, 3)] // 2.1 -> 3
    [InlineData("B", "event", 10, 1, 1)] // 0.1 -> 1
    [InlineData("B", "event", 10, 20, 2)] // exactly 2
    [InlineData("D", "complaint", 100, 7, 7)] // every complaint closure
    public void F2_PresetRate_GivesTheCeilingQuota(string preset, string kind, int rate, int eligible, int quota)
    {
        var policy = Preset(preset);
        policy.RuleFor(kind)!.RatePercent.Should().Be(rate);
        policy.Quota(eligible, rate).Should().Be(quota);

        var sample = Closed(policy, kind, March(kind, eligible));
        sample.RatePercent.Should().Be(rate);
        sample.Eligible.Should().Be(eligible);
        sample.Quota.Should().Be(quota);
        sample.FollowedUp.Should().Be(quota);
        sample.Items.Count(i => i.IsFollowedUp).Should().Be(quota);
        sample.Closed.Should().BeTrue();
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    [InlineData("A3")]
    [InlineData("B")]
    [InlineData("D")]
    public void F2_NoEligibleItems_QuotaIsZero(string preset)
    {
        var sample = Closed(Preset(preset), "complaint", []);
        sample.Eligible.Should().Be(0);
        sample.Quota.Should().Be(0);
        sample.FollowedUp.Should().Be(0);
        sample.Items.Should().BeEmpty();
    }

    [Fact]
    public void F2_PresetKinds_AreExactlyThoseOfTheRules()
    {
        Preset("A1").Kinds.Select(k => (k.Kind, k.RatePercent)).Should().Equal(("complaint", 100m), ("repair", 50m), ("special-service", 30m), ("household", 100m));
        Preset("A2").Kinds.Select(k => (k.Kind, k.RatePercent)).Should().Equal(("complaint", 100m), ("repair", 20m), ("other", 0m));
        Preset("A3").Kinds.Select(k => (k.Kind, k.RatePercent)).Should().Equal(
            ("complaint", 100m), ("repair", 30m), ("special-service", 30m), ("help", 30m), ("emergency-patient", 30m), ("event", 10m));
        Preset("B").Kinds.Select(k => (k.Kind, k.RatePercent)).Should().Equal(("complaint", 50m), ("repair", 30m), ("event", 10m));
        Preset("D").Kinds.Select(k => (k.Kind, k.RatePercent)).Should().Equal(("complaint", 100m));
    }

    [Fact]
    public void F2_UnknownKind_IsAnError()
    {
        var result = Preset("B").Sample(March2026, "consultation", [], close: false);
        result.IsSuccess.Should().BeFalse();
        result.Errors.Should().Equal("The policy has no follow-up rate for kind 'consultation'.");
    }

    [Fact]
    public void F2_OnlyTheMonthsItemsOfTheKindAreSampled()
    {
        // 3 March repairs count; a February repair (2026-02-28 23:59 Shanghai), an April repair (2026-04-01 00:00)
        // and a March complaint do not. 30 % of 3 = 0.9 -> 1.
        var items = March("repair", 3).Concat([
            Item("feb", "repair", Sh(2026, 2, 28, 23, 59)),
            Item("apr", "repair", Sh(2026, 4, 1, 0, 0)),
            Item("c1", "complaint", Sh(2026, 3, 5, 9, 0))]);
        var sample = Closed(Preset("B"), "repair", items);
        sample.Items.Select(i => i.ItemId).Should().Equal("i01", "i02", "i03");
        sample.Eligible.Should().Be(3);
        sample.Quota.Should().Be(1);
    }

    [Theory]
    [InlineData("ceiling", 5, 50, 3)] // 2.5 -> 3
    [InlineData("floor", 5, 50, 2)] // 2.5 -> 2
    [InlineData("nearest", 5, 50, 3)] // 2.5 -> 3 (halves up)
    [InlineData("nearest", 5, 30, 2)] // 1.5 -> 2 (halves up)
    [InlineData("nearest", 7, 20, 1)] // 1.4 -> 1
    [InlineData("nearest", 7, 30, 2)] // 2.1 -> 2
    [InlineData("floor", 7, 30, 2)] // 2.1 -> 2
    [InlineData("floor", 3, 30, 0)] // 0.9 -> 0
    [InlineData("nearest", 1, 10, 0)] // 0.1 -> 0
    [InlineData("ceiling", 1, 10, 1)] // 0.1 -> 1
    [InlineData("ceiling", 8, 12.5, 1)] // exactly 1
    [InlineData("ceiling", 9, 12.5, 2)] // 1.125 -> 2
    [InlineData("floor", 9, 12.5, 1)] // 1.125 -> 1
    [InlineData("nearest", 12, 12.5, 2)] // 1.5 -> 2
    public void F2_Quota_IsRoundedAsConfigured(string rounding, int eligible, double rate, int quota)
    {
        var policy = Rated("repair", (decimal)rate, rounding: rounding);
        policy.Quota(eligible, (decimal)rate).Should().Be(quota);
        Closed(policy, "repair", March("repair", eligible)).FollowedUp.Should().Be(quota);
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    [InlineData("A3")]
    [InlineData("B")]
    [InlineData("D")]
    public void F2_Presets_RoundQuotasUp(string preset)
    {
        Preset(preset).Rounding.Should().Be(QuotaRounding.Ceiling, "F2 rates are minimum shares: at least the rate is followed up");
    }

    [Fact]
    public void F2_DefaultRounding_IsCeiling()
    {
        Load("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 50 } ] }""").Rounding.Should().Be(QuotaRounding.Ceiling);
    }

    [Fact]
    public void F2_FloorRounding_RevokesTheLastSelectionAtClose()
    {
        // Seed "s0": start u = 0.9403 for (2026-03, repair) (XxHash3; cross-checked with libxxhash).
        // 50 % of 5, item k selected while followed < floor(0.5 k + 0.9403): k=1: 1 -> r1; k=2: 1; k=3: 2 -> r3; k=4: 2; k=5: 3 -> r5.
        // The floor quota is floor(2.5) = 2, so closing revokes the last selection (r5) and nothing else.
        var policy = Rated("repair", 50, "s0", "floor");
        var items = Repairs(5);
        var open = policy.Sample(March2026, "repair", items, close: false).Value;
        FollowedUpIds(open).Should().Equal("r1", "r3", "r5");
        open.FollowedUp.Should().Be(3);

        var closed = Closed(policy, "repair", items);
        FollowedUpIds(closed).Should().Equal("r1", "r3");
        closed.FollowedUp.Should().Be(2);
        Decision(closed, "r5").Should().Be(new SampledItem("r5", SampleDecision.NotSelected, "month close: quota 2 of 5 (Floor); selection revoked"));
        closed.Items.Zip(open.Items).Count(p => p.First != p.Second).Should().Be(1, "at most one selection is revoked");
    }

    [Fact]
    public void F2_NearestRounding_RevokesAtCloseWhenTheFractionIsBelowOneHalf()
    {
        // Seed "s0", u = 0.9403; 30 % of 7: k=1: floor(1.24)=1 -> r1; k=4: floor(2.14)=2 -> r4; k=7: floor(3.04)=3 -> r7.
        // Nearest quota: 2.1 -> 2, so r7 (the last selection) is revoked.
        var policy = Rated("repair", 30, "s0", "nearest");
        var items = Repairs(7);
        FollowedUpIds(policy.Sample(March2026, "repair", items, close: false).Value).Should().Equal("r1", "r4", "r7");
        FollowedUpIds(Closed(policy, "repair", items)).Should().Equal("r1", "r4");
    }

    [Fact]
    public void F2_NearestRounding_TopsUpTheHalfByLowestHash()
    {
        // Seed "s4", u = 0.1862; 50 % of 5: k=2: floor(1.19)=1 -> r2; k=4: floor(2.19)=2 -> r4; 2 selected before close.
        // Nearest quota: 2.5 -> 3; the top-up takes the unselected item with the lowest XxHash3("s4\0id"):
        // r1 0x9491D9F690AE9B01, r3 0x0BB6532943AA0A36, r5 0x9427942BDFE2043F -> r3.
        var policy = Rated("repair", 50, "s4", "nearest");
        var items = Repairs(5);
        FollowedUpIds(policy.Sample(March2026, "repair", items, close: false).Value).Should().Equal("r2", "r4");
        var closed = Closed(policy, "repair", items);
        FollowedUpIds(closed).Should().Equal("r2", "r3", "r4");
        Decision(closed, "r3").Should().Be(new SampledItem("r3", SampleDecision.Selected, "month close: quota 3 of 5; lowest hash among the unselected"));
        FollowUpPolicy.Hash("s4\u0000r3").Should().Be(0x0BB6532943AA0A36UL);
    }

    [Fact]
    public void F2_CeilingRounding_OnlyAddsAtClose()
    {
        // Same items and seed as above with ceiling: quota 3, r3 added, r2 and r4 kept.
        var policy = Rated("repair", 50, "s4", "ceiling");
        var items = Repairs(5);
        var open = policy.Sample(March2026, "repair", items, close: false).Value;
        var closed = Closed(policy, "repair", items);
        FollowedUpIds(closed).Should().Equal("r2", "r3", "r4");
        open.Items.Where(i => i.IsFollowedUp).Should().BeSubsetOf(closed.Items);
    }

    // ---- F3: exemptions and merging; mandatory items ----

    [Fact]
    public void F3_AnonymousAndWrittenReplyOnly_AreExemptAndNotCounted()
    {
        // B: complaints 50 %. 5 complaints, 2 exempt: eligible 3, quota ceiling(1.5) = 2.
        var items = March("complaint", 5);
        items[1] = items[1] with { Anonymous = true };
        items[3] = items[3] with { WrittenReplyOnly = true };
        var sample = Closed(Preset("B"), "complaint", items);
        sample.Eligible.Should().Be(3);
        sample.Quota.Should().Be(2);
        sample.FollowedUp.Should().Be(2);
        Decision(sample, "i02").Should().Be(new SampledItem("i02", SampleDecision.Exempt, "anonymous complaint (F3)"));
        Decision(sample, "i04").Should().Be(new SampledItem("i04", SampleDecision.Exempt, "written reply only (F3)"));
        FollowedUpIds(sample).Should().NotContain(["i02", "i04"]);
    }

    [Fact]
    public void F3_ExemptItems_AreNeverSelectedEvenAtOneHundredPercent()
    {
        // A1 complaints 100 %: 4 complaints, one anonymous and one written-reply-only (and also major): 2 eligible, 2 followed up.
        var items = March("complaint", 4);
        items[0] = items[0] with { Anonymous = true };
        items[2] = items[2] with { WrittenReplyOnly = true, Severity = "major" };
        var sample = Closed(Preset("A1"), "complaint", items);
        FollowedUpIds(sample).Should().Equal("i02", "i04");
        sample.Eligible.Should().Be(2);
        Decision(sample, "i03").Decision.Should().Be(SampleDecision.Exempt, "exemption is checked before mandatory severities");
    }

    [Fact]
    public void F3_ExemptionsCanBeSwitchedOff()
    {
        var policy = Load("""{ "seed": "x", "exempt": { "anonymous": false, "writtenReplyOnly": false }, "kinds": [ { "kind": "complaint", "rate": 100 } ] }""");
        var items = March("complaint", 2);
        items[0] = items[0] with { Anonymous = true };
        items[1] = items[1] with { WrittenReplyOnly = true };
        var sample = Closed(policy, "complaint", items);
        sample.Eligible.Should().Be(2);
        FollowedUpIds(sample).Should().Equal("i01", "i02");
    }

    [Fact]
    public void F3_SameIssueTwice_CountsOnce_SecondIsMerged()
    {
        // B complaints 50 %: 4 complaints, i03 repeats i01's matter (to another department): eligible 3, quota ceiling(1.5) = 2.
        var items = March("complaint", 4);
        items[0] = items[0] with { IssueKey = "leak-3-1201" };
        items[2] = items[2] with { IssueKey = "leak-3-1201" };
        var sample = Closed(Preset("B"), "complaint", items);
        sample.Eligible.Should().Be(3);
        sample.Quota.Should().Be(2);
        Decision(sample, "i03").Should().Be(new SampledItem("i03", SampleDecision.Merged, "repeats matter 'leak-3-1201' already in the month (F3)"));
        Decision(sample, "i01").Decision.Should().NotBe(SampleDecision.Merged);
    }

    [Fact]
    public void F3_SameIssueInAnotherMonth_IsNotMerged()
    {
        var items = new[]
        {
            Item("feb", "complaint", Sh(2026, 2, 27, 9, 0)) with { IssueKey = "lift-2" },
            Item("mar", "complaint", Sh(2026, 3, 2, 9, 0)) with { IssueKey = "lift-2" },
        };
        // A1 complaints 100 %: the March complaint is eligible and selected; February's is another month's matter.
        var sample = Closed(Preset("A1"), "complaint", items);
        sample.Items.Should().ContainSingle().Which.Decision.Should().Be(SampleDecision.Selected);
        sample.Eligible.Should().Be(1);
    }

    [Fact]
    public void F3_MandatoryItems_AreAlwaysFollowedUp_WithTheirReasons()
    {
        // A custom 0 % policy: only the mandatory items are followed up, whatever the seed.
        var policy = Load("""{ "seed": "x", "mandatory": { "severities": ["major"] }, "kinds": [ { "kind": "complaint", "rate": 0 } ] }""");
        var items = March("complaint", 4);
        items[0] = items[0] with { Severity = "major" };
        items[1] = items[1] with { Unsatisfied = true };
        items[2] = items[2] with { KeyHousehold = true };
        var sample = Closed(policy, "complaint", items);
        sample.Items.Should().Equal(
            new SampledItem("i01", SampleDecision.Mandatory, "severity 'major' is always followed up"),
            new SampledItem("i02", SampleDecision.Mandatory, "unsatisfied customer"),
            new SampledItem("i03", SampleDecision.Mandatory, "key household (F8)"),
            sample.Items[3]);
        sample.Items[3].Decision.Should().Be(SampleDecision.NotSelected);
        sample.Eligible.Should().Be(4);
        sample.Quota.Should().Be(3, "quota = max(ceiling(0 % x 4) = 0, 3 mandatory)");
        sample.FollowedUp.Should().Be(3);
    }

    [Fact]
    public void F3_MandatoryItems_CountTowardTheQuota()
    {
        // B complaints 50 %: 6 complaints, the first is major: quota ceiling(3) = 3 includes it, so 2 more are selected.
        var items = March("complaint", 6);
        items[0] = items[0] with { Severity = "major" };
        var sample = Closed(Preset("B"), "complaint", items);
        sample.Quota.Should().Be(3);
        sample.FollowedUp.Should().Be(3);
        sample.Items.Count(i => i.Decision == SampleDecision.Mandatory).Should().Be(1);
        sample.Items.Count(i => i.Decision == SampleDecision.Selected).Should().Be(2);
    }

    [Fact]
    public void F3_MoreMandatoryThanTheQuota_QuotaIsTheMandatoryCount()
    {
        // B complaints 50 %: 3 mandatory then 1 general: ceiling(50 % x 4) = 2 < 3 mandatory -> quota 3.
        // The general item (k = 4): floor(0.5 x 4 + u) = 2 <= 3 followed, so it is not selected, and nothing is added at close.
        var items = March("complaint", 4);
        items[0] = items[0] with { Severity = "major" };
        items[1] = items[1] with { Unsatisfied = true };
        items[2] = items[2] with { KeyHousehold = true };
        var sample = Closed(Preset("B"), "complaint", items);
        sample.Quota.Should().Be(3);
        sample.FollowedUp.Should().Be(3);
        FollowedUpIds(sample).Should().Equal("i01", "i02", "i03");
    }

    [Fact]
    public void F3_MandatoryRulesCanBeSwitchedOff()
    {
        var policy = Load("""{ "seed": "x", "mandatory": { "unsatisfied": false, "keyHouseholds": false }, "kinds": [ { "kind": "complaint", "rate": 0 } ] }""");
        var items = March("complaint", 3);
        items[0] = items[0] with { Severity = "major" };
        items[1] = items[1] with { Unsatisfied = true };
        items[2] = items[2] with { KeyHousehold = true };
        var sample = Closed(policy, "complaint", items);
        sample.FollowedUp.Should().Be(0, "no severities are configured as mandatory and the other two rules are off");
        sample.Items.Should().OnlyContain(i => i.Decision == SampleDecision.NotSelected);
    }

    [Fact]
    public void F3_MandatoryRepeatOfAMatter_IsStillFollowedUp()
    {
        // Complaints 50 %, seed "s2": start u = 0.2584 for (2026-03, complaint).
        // i01 (general, matter lift-7): floor(0.5 x 1 + 0.2584) = 0 -> NotSelected; i02: floor(0.5 x 2 + 0.2584) = 1 -> Selected;
        // i03 (MAJOR, matter lift-7): Merged, because merging is checked before mandatory. Quota ceiling(50 % x 2) = 1 is met.
        // Result: the matter, which has become a major complaint, is never followed up.
        var policy = Load("""{ "seed": "s2", "mandatory": { "severities": ["major"] }, "kinds": [ { "kind": "complaint", "rate": 50 } ] }""");
        var items = March("complaint", 3);
        items[0] = items[0] with { IssueKey = "lift-7" };
        items[2] = items[2] with { IssueKey = "lift-7", Severity = "major" };
        var sample = Closed(policy, "complaint", items);
        (Decision(sample, "i01").IsFollowedUp || Decision(sample, "i03").IsFollowedUp).Should().BeTrue(
            "a major complaint must be followed up: F3 merges repeats for counting, it does not waive mandatory follow-ups");
    }

    [Fact]
    public void F2_CeilingClose_MandatoryItemsArrivingAfterSelections_NeverRevokes_AndEndsAboveTheQuota()
    {
        // Seed "s0", u = 0.9403, 50 %: i01 selected (floor(0.5 + u) = 1), i03 selected (floor(1.5 + u) = 2), then 4 major items.
        // Eligible 8, quota = max(ceiling(4), 4 mandatory) = 4, but 6 are followed up before close.
        // Ceiling never revokes a decision (documented): the month ends at 6, above the quota.
        var policy = Load("""{ "seed": "s0", "mandatory": { "severities": ["major"] }, "kinds": [ { "kind": "repair", "rate": 50 } ] }""");
        var items = March("repair", 8);
        for (int i = 4; i < 8; i++)
        {
            items[i] = items[i] with { Severity = "major" };
        }

        policy.Sample(March2026, "repair", items, close: false).Value.FollowedUp.Should().Be(6);
        var closed = Closed(policy, "repair", items);
        closed.Quota.Should().Be(4);
        closed.FollowedUp.Should().Be(6);
        Decision(closed, "i01").Decision.Should().Be(SampleDecision.Selected);
        Decision(closed, "i03").Decision.Should().Be(SampleDecision.Selected);
    }

    [Fact]
    public void F2_FloorClose_MandatoryItemsArrivingAfterSelections_RevokesTheLatestSelectionsToTheQuota()
    {
        // Same items under floor rounding: quota = max(floor(4), 4) = 4; the two ordinary selections (i03, then i01) are revoked.
        var policy = Load("""{ "seed": "s0", "rounding": "floor", "mandatory": { "severities": ["major"] }, "kinds": [ { "kind": "repair", "rate": 50 } ] }""");
        var items = March("repair", 8);
        for (int i = 4; i < 8; i++)
        {
            items[i] = items[i] with { Severity = "major" };
        }

        var closed = Closed(policy, "repair", items);
        closed.FollowedUp.Should().Be(4);
        closed.Items.Where(i => i.Decision == SampleDecision.Mandatory).Should().HaveCount(4);
        closed.Items.Where(i => i.Decision == SampleDecision.Selected).Should().BeEmpty();
    }
}
