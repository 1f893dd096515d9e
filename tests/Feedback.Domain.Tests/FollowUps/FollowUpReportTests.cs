using Feedback.FollowUps;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>S1 (due dates of the monthly summary and records) and S2 (monthly flags, achieved vs required rates).</summary>
public class FollowUpReportTests
{
    private static FollowUpItem Keyed(string id, string kind, int day, string? key) => Item(id, kind, Sh(2026, 3, day, 10, 0)) with { IssueKey = key };

    private static FollowUpRecord Done(string id, int month, int day, bool satisfied = true) =>
        new() { ItemId = id, Method = "site-walk", At = Sh(2026, month, day, 11, 0), Satisfied = satisfied };

    /// <summary>A3's March 2026: repeated complaints and repairs, one unsatisfactory follow-up, and records for some items.</summary>
    private static MonthlyFollowUpReport A3March()
    {
        FollowUpItem[] items =
        [
            Keyed("c1", "complaint", 2, "lift-noise"),
            Keyed("c2", "complaint", 9, "lift-noise"), // same matter twice: flagged (S2: >= 2), merged for sampling (F3)
            Keyed("c3", "complaint", 10, "parking"), // once in March (the February one is another month)
            Item("cfeb", "complaint", Sh(2026, 2, 20, 10, 0)) with { IssueKey = "parking" },
            Keyed("r1", "repair", 3, "pipe-12-301"),
            Keyed("r2", "repair", 12, "pipe-12-301"),
            Keyed("r3", "repair", 20, "pipe-12-301"), // the same repair three times: flagged (S2: >= 3)
            Keyed("r4", "repair", 4, "door-7"),
            Keyed("r5", "repair", 5, "door-7"), // twice: not flagged
            Keyed("r6", "repair", 6, null),
            Keyed("h1", "help", 7, null),
            Keyed("h2", "help", 8, null),
            Keyed("h3", "help", 9, null),
            Keyed("h4", "help", 10, null),
        ];
        FollowUpRecord[] records =
        [
            Done("c1", 3, 4, satisfied: false), // unsatisfactory: flagged
            Done("c3", 3, 12),
            Done("r1", 4, 10), // in April: A3's repair window opens after a month; counts toward March's repair rate
            Done("h1", 3, 9),
            Done("r6", 4, 30, satisfied: false), // unsatisfactory, but in April: not a March flag
        ];
        return Preset("A3").Report(March2026, items, records);
    }

    [Fact]
    public void S2_SameMatterComplainedTwice_IsFlagged()
    {
        A3March().Flags.Where(f => f.Flag == "same-matter").Should().BeEquivalentTo(
            [new QualityFlag("same-matter", "lift-noise", 2, ["c1", "c2"])], o => o.WithStrictOrdering());
    }

    [Fact]
    public void S2_SameRepairThreeTimes_IsFlagged_TwiceIsNot()
    {
        A3March().Flags.Where(f => f.Flag == "same-repair").Should().BeEquivalentTo(
            [new QualityFlag("same-repair", "pipe-12-301", 3, ["r1", "r2", "r3"])], o => o.WithStrictOrdering());
    }

    [Fact]
    public void S2_UnsatisfiedFollowUpInTheMonth_IsFlagged()
    {
        A3March().Flags.Where(f => f.Flag == "unsatisfied-follow-up").Should().BeEquivalentTo(
            [new QualityFlag("unsatisfied-follow-up", "c1", 1, ["c1"])], o => o.WithStrictOrdering());
    }

    [Fact]
    public void S2_FlagsAreListedMattersFirstThenRepairsThenFollowUps()
    {
        A3March().Flags.Select(f => (f.Flag, f.Key)).Should().Equal(
            ("same-matter", "lift-noise"), ("same-repair", "pipe-12-301"), ("unsatisfied-follow-up", "c1"));
    }

    [Fact]
    public void S2_AchievedVersusRequiredRate_PerKind()
    {
        // complaint: eligible c1, c3 (c2 merged into c1); records c1, c3 -> 2/2 = 100 % vs 100 %: met.
        // repair: eligible r1, r4, r6 (r2, r3 merged into r1, r5 into r4); records r1 and r6 (both in April: a record of any
        // month counts for the item's month) -> 2/3 = 66.67 % vs 30 %: met.
        // special-service, emergency-patient, event: nothing eligible -> 100 % by definition: met.
        // help: h1..h4 eligible, record h1 -> 1/4 = 25 % vs 30 %: not met.
        var rates = A3March().Rates;
        rates.Should().BeEquivalentTo(
            [
                new KindRate("complaint", 2, 2, 100m, 100m),
                new KindRate("repair", 3, 2, 66.67m, 30m),
                new KindRate("special-service", 0, 0, 100m, 30m),
                new KindRate("help", 4, 1, 25m, 30m),
                new KindRate("emergency-patient", 0, 0, 100m, 30m),
                new KindRate("event", 0, 0, 100m, 10m),
            ],
            o => o.WithStrictOrdering());
        rates.Select(r => r.Met).Should().Equal(true, true, true, false, true, true);
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    [InlineData("A3")]
    [InlineData("B")]
    [InlineData("D")]
    public void S1_SummaryIsDueOnThe24th_RecordsOnThe25th(string preset)
    {
        var report = Preset(preset).Report(new YearMonth(2026, 2), [], []);
        report.SummaryDue.Should().Be(new LocalDate(2026, 2, 24));
        report.RecordsDue.Should().Be(new LocalDate(2026, 2, 25));
        report.Flags.Should().BeEmpty();
    }

    [Theory]
    [InlineData(2026, 2, 28, 28)] // February 2026 has 28 days: 31 and 30 both clamp to the 28th
    [InlineData(2028, 2, 29, 29)] // leap February
    [InlineData(2026, 4, 30, 30)] // April: 31 clamps to the 30th
    [InlineData(2026, 3, 31, 30)] // March: no clamping
    public void S1_DueDaysBeyondTheMonth_AreClampedToItsLastDay(int year, int month, int summaryDay, int recordsDay)
    {
        var policy = Load("""{ "seed": "x", "summaryDay": 31, "recordsDay": 30, "kinds": [ { "kind": "complaint", "rate": 100 } ] }""");
        var report = policy.Report(new YearMonth(year, month), [], []);
        report.SummaryDue.Should().Be(new LocalDate(year, month, summaryDay));
        report.RecordsDue.Should().Be(new LocalDate(year, month, recordsDay));
    }

    [Fact]
    public void S2_Thresholds_AreConfigurable()
    {
        // sameMatter 3: two complaints about one matter are no longer flagged; sameRepair 2 flags a repair repeated twice.
        var policy = Load("""
            { "seed": "x", "flags": { "sameMatter": 3, "sameRepair": 2, "repairKinds": ["repair", "maintenance"] },
              "kinds": [ { "kind": "complaint", "rate": 100 }, { "kind": "maintenance", "rate": 30 } ] }
            """);
        FollowUpItem[] items =
        [
            Keyed("c1", "complaint", 2, "lift"), Keyed("c2", "complaint", 3, "lift"),
            Keyed("m1", "maintenance", 2, "pump"), Keyed("m2", "maintenance", 3, "pump"),
        ];
        policy.Report(March2026, items, []).Flags.Should().BeEquivalentTo([new QualityFlag("same-repair", "pump", 2, ["m1", "m2"])]);
    }
}
