using Feedback.FollowUps;
using FluentAssertions;
using static Feedback.Tests.Calendars.TestCalendars;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>
/// Cross-process reproducibility: a sample must be the same in every process, on every machine and in every
/// version, or two servers (or a re-run after a deployment) would follow up different customers.
/// </summary>
/// <remarks>
/// The literals below are pinned. They come from XxHash3-64 (seed 0) of the UTF-8 text, which the sampler uses
/// for the start of the systematic sample (hash of seed, month and kind) and for the month-close top-up (hash of
/// seed and item id). They were computed once and cross-checked outside .NET with the reference C library
/// (libxxhash 0.8.1, XXH3_64bits) and an independent re-implementation of the sampling method (exact fractions).
/// They must never change: a change here means every sample already drawn would be drawn differently.
/// </remarks>
public class FollowUpReproducibilityTests
{
    private static readonly string[] _ids = [.. Enumerable.Range(1, 20).Select(i => $"r{i:00}")];

    private static List<FollowUpItem> Items() =>
        [.. _ids.Select((id, i) => Item(id, "repair", Sh(2026, 3, i + 1, 9, 0)))];

    [Fact]
    public void Hash_OfSeedAndItemId_IsPinned()
    {
        FollowUpPolicy.Hash("a1\u0000r1").Should().Be(0x10528059E91C21D3UL);
        FollowUpPolicy.Hash("pinned\u00002026-03\u0000repair").Should().Be(0x52C04D9D2D0F86B7UL);
        FollowUpPolicy.Hash("pinned\u0000r20").Should().Be(0x37F2056FC02FBAB2UL, "the lowest of the 14 unselected ids; next is r08 with 0x4E135B36F1C73F9F");
        FollowUpPolicy.Hash("pinned\u0000r08").Should().Be(0x4E135B36F1C73F9FUL);
    }

    [Fact]
    public void F2_PinnedSeed_SelectsExactlyThesePinnedIds()
    {
        // Seed "pinned", March 2026, repairs at 33 %, 20 repairs r01..r20 completed on March 1..20 at 09:00.
        // Start u = (XxHash3("pinned\02026-03\0repair") >> 11) / 2^53 = (0x52C04D9D2D0F86B7 >> 11) / 2^53 = 0.32325...
        // Systematic: item k selected while followed < floor(0.33 k + 0.3232): k = 3, 6, 9, 12, 15, 18 (6 items).
        // Quota ceiling(0.33 x 20) = ceiling(6.6) = 7: the close adds the unselected id with the lowest XxHash3("pinned\0id"): r20.
        var policy = Rated("repair", 33, "pinned");
        var open = policy.Sample(March2026, "repair", Items(), close: false).Value;
        FollowedUpIds(open).Should().Equal("r03", "r06", "r09", "r12", "r15", "r18");
        Decision(open, "r03").Reason.Should().Be("systematic: 1 of floor(33% x 3 + 0.3232) = 1");

        var closed = policy.Sample(March2026, "repair", Items(), close: true).Value;
        FollowedUpIds(closed).Should().Equal("r03", "r06", "r09", "r12", "r15", "r18", "r20");
        Decision(closed, "r20").Reason.Should().Be("month close: quota 7 of 20; lowest hash among the unselected");
    }

    [Fact]
    public void F2_PinnedSeed_TheInputOrderDoesNotMatter()
    {
        var policy = Rated("repair", 33, "pinned");
        var reversed = Items().AsEnumerable().Reverse().ToList();
        FollowedUpIds(policy.Sample(March2026, "repair", reversed, close: true).Value)
            .Should().Equal("r03", "r06", "r09", "r12", "r15", "r18", "r20");
    }

    [Fact]
    public void F2_PresetSeed_A1Repairs_ArePinned()
    {
        // A1 seed "a1": u = 0.8103 for (2026-03, repair); 50 % of 7: k=1: floor(1.31)=1 -> r01; k=3: floor(2.31)=2 -> r03;
        // k=5: floor(3.31)=3 -> r05; k=7: floor(4.31)=4 -> r07. Quota ceiling(3.5) = 4: nothing to add.
        var items = Items().Take(7).ToList();
        FollowedUpIds(Preset("A1").Sample(March2026, "repair", items, close: true).Value).Should().Equal("r01", "r03", "r05", "r07");
    }
}
