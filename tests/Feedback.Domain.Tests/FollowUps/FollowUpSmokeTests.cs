using Feedback.FollowUps;
using Feedback.Policies;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.FollowUps;

public class FollowUpSmokeTests
{
    private static FollowUpItem Item(string id, string kind, Instant completed, string severity = "general") =>
        new() { Id = id, Kind = kind, CompletedAt = completed, Severity = severity };

    [Fact]
    public void F2_A1Repairs_FiftyPercentOfSevenIsFour_AtClose()
    {
        var policy = PolicyPresets.FollowUpA1.FollowUps!;
        var items = Enumerable.Range(1, 7).Select(i => Item($"r{i}", "repair", Sh(2026, 3, i, 10, 0))).ToList();
        var sample = policy.Sample(new YearMonth(2026, 3), "repair", items, close: true).Value;
        sample.Eligible.Should().Be(7);
        sample.Quota.Should().Be(4, "ceiling(50 % x 7) = ceiling(3.5) = 4");
        sample.FollowedUp.Should().Be(4);
        sample.Items.Count(i => i.IsFollowedUp).Should().Be(4);
    }

    [Fact]
    public void F1_A3Repair_WindowOpensAfterOneMonthAndClosesAfterTwo()
    {
        var policy = PolicyPresets.FollowUpA3.FollowUps!;
        var windows = policy.Windows(Item("r1", "repair", Sh(2026, 1, 31, 15, 0))).Value;
        windows.Should().ContainSingle();
        windows[0].Opens.Should().Be(Sh(2026, 2, 28, 15, 0), "one month after January 31st is the last day of February");
        windows[0].Closes.Should().Be(Sh(2026, 3, 31, 15, 0));
    }

    [Fact]
    public void F4_HomeVisitWithoutSignature_IsRejected()
    {
        var policy = PolicyPresets.FollowUpA1.FollowUps!;
        var record = new FollowUpRecord { ItemId = "c1", Method = "home-visit", At = Sh(2026, 3, 3, 10, 0), Satisfied = true };
        policy.Validate(record).ValidationErrors.Single().ErrorMessage.Should().Be(
            "Follow-up record for 'c1': a home-visit follow-up needs evidence 'signature' (F4); it has: none.");
        policy.Validate(record with { Evidence = ["signature"] }).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void Hash_IsPinned_SoSamplesAreIdenticalInEveryProcess()
    {
        FollowUpPolicy.Hash("a1\u0000r1").Should().Be(FollowUpPolicy.Hash("a1\u0000r1"));
        FollowUpPolicy.Hash("").Should().Be(0x2D06800538D394C2UL, "XxHash3-64 of the empty input with seed 0");
    }
}
