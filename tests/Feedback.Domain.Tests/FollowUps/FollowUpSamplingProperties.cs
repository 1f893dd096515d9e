using System.Globalization;
using Feedback.FollowUps;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>
/// F2/F3 sampling properties over random months: populations of 0-300 repairs with ordinary, mandatory (major,
/// unsatisfied, key household), exempt (anonymous, written reply only) and repeated-matter items, at integer and
/// fractional rates, with every rounding. Expected values come from an independent reference (integer arithmetic
/// in hundredths of a percent, and a plain count of exempt, merged and mandatory items).
/// </summary>
public class FollowUpSamplingProperties
{
    private static readonly Instant _marchStart = Sh(2026, 3, 1, 0, 0);
    private static readonly Instant _aprilStart = Sh(2026, 4, 1, 0, 0);

    private enum Profile
    {
        Ordinary,
        Major,
        Unsatisfied,
        KeyHousehold,
        Anonymous,
        WrittenReplyOnly,
    }

    private sealed record Entry(Profile Profile, int? Key)
    {
        public bool IsMandatory => Profile is Profile.Major or Profile.Unsatisfied or Profile.KeyHousehold;

        public bool IsExempt => Profile is Profile.Anonymous or Profile.WrittenReplyOnly;

        public override string ToString() => Profile.ToString()[..2] + (Key is { } k ? $":m{k}" : "");
    }

    private sealed record Noise(int Type, int Minutes);

    private sealed record Case(int Seed, decimal Rate, string Rounding, Entry[] Entries, int Cut, Noise[] Noise, int ShuffleSeed)
    {
        /// <summary>The same month with the mandatory items moved to the front of the arrival order (stable otherwise).</summary>
        public Case MandatoryFirst() => this with { Entries = [.. Entries.OrderBy(e => e.IsMandatory ? 0 : 1)] };

        public Case WithRounding(string rounding) => this with { Rounding = rounding };

        public override string ToString() =>
            $"seed=p{Seed} rate={Rate.ToString(CultureInfo.InvariantCulture)} rounding={Rounding} cut={Cut} n={Entries.Length} [{string.Join(" ", Entries.Select(e => e.ToString()))}]";
    }

    private static readonly Gen<decimal> _rates = Gen.OneOf(
        Gen.Choose(0, 100).Select(i => (decimal)i),
        Gen.Choose(0, 1000).Select(i => i / 10m),
        Gen.Choose(0, 10000).Select(i => i / 100m),
        Gen.Elements(0m, 0.01m, 0.5m, 12.5m, 33.33m, 50m, 66.67m, 99.99m, 100m));

    private static readonly Gen<Entry> _entries =
        from profile in Gen.Frequency(
            (70, Gen.Constant(Profile.Ordinary)),
            (4, Gen.Constant(Profile.Major)),
            (3, Gen.Constant(Profile.Unsatisfied)),
            (3, Gen.Constant(Profile.KeyHousehold)),
            (5, Gen.Constant(Profile.Anonymous)),
            (5, Gen.Constant(Profile.WrittenReplyOnly)))
        from key in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 15).Select(k => (int?)k)))
        select new Entry(profile, key);

    private static readonly Arbitrary<Case> _cases = Arb.From(
        from seed in Gen.Choose(0, 1_000_000)
        from rate in _rates
        from rounding in Gen.Elements("ceiling", "floor", "nearest")
        from n in Gen.Choose(0, 300)
        from entries in _entries.ArrayOf(n)
        from cut in Gen.Choose(0, n)
        from noiseCount in Gen.Choose(0, 60)
        from noise in Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 40_000)).Select(p => new Noise(p.Item1, p.Item2)).ArrayOf(noiseCount)
        from shuffleSeed in Gen.Choose(0, int.MaxValue)
        select new Case(seed, rate, rounding, entries, cut, noise, shuffleSeed),
        Shrink);

    /// <summary>Shrinks a failing month: drop halves, quarters ... single items, then make items ordinary, then drop the noise.</summary>
    private static IEnumerable<Case> Shrink(Case c)
    {
        int n = c.Entries.Length;
        for (int size = n / 2; size >= 1; size /= 2)
        {
            for (int start = 0; start + size <= n; start += size)
            {
                yield return c with { Entries = [.. c.Entries.Take(start).Concat(c.Entries.Skip(start + size))], Cut = Math.Min(c.Cut, n - size) };
            }
        }

        var plain = new Entry(Profile.Ordinary, null);
        for (int k = 0; k < n; k++)
        {
            if (c.Entries[k] != plain)
            {
                yield return c with { Entries = [.. c.Entries.Select((e, i) => i == k ? plain : e)] };
            }
        }

        if (c.Noise.Length > 0)
        {
            yield return c with { Noise = [] };
        }
    }

    private static Property Labelled(Case c, Func<Case, bool> check) => check(c).Label(c.ToString());

    private static FollowUpPolicy PolicyOf(Case c) => Load($$"""
        { "seed": "p{{c.Seed}}", "rounding": "{{c.Rounding}}", "mandatory": { "severities": ["major"] },
          "kinds": [ { "kind": "repair", "rate": {{c.Rate.ToString(CultureInfo.InvariantCulture)}} },
                     { "kind": "complaint", "rate": 50 }, { "kind": "event", "rate": 10 } ] }
        """);

    /// <summary>Repairs of March 2026 in arrival order: strictly increasing completion instants (137 minutes apart) and ids.</summary>
    private static List<FollowUpItem> ItemsOf(IEnumerable<Entry> entries) =>
        [.. entries.Select((e, k) => new FollowUpItem
        {
            Id = $"i{k:000}",
            Kind = "repair",
            CompletedAt = _marchStart + Duration.FromMinutes(137L * k),
            Severity = e.Profile == Profile.Major ? "major" : "general",
            Unsatisfied = e.Profile == Profile.Unsatisfied,
            KeyHousehold = e.Profile == Profile.KeyHousehold,
            Anonymous = e.Profile == Profile.Anonymous,
            WrittenReplyOnly = e.Profile == Profile.WrittenReplyOnly,
            IssueKey = e.Key is { } key ? $"m{key}" : null,
        })];

    /// <summary>Tickets that must not influence March's repair sample: other kinds in March, repairs in February and April.</summary>
    private static IEnumerable<FollowUpItem> NoiseOf(Case c)
    {
        yield return new FollowUpItem { Id = "n-feb-last", Kind = "repair", CompletedAt = _marchStart - Duration.FromSeconds(1), Severity = "major" };
        yield return new FollowUpItem { Id = "n-apr-first", Kind = "repair", CompletedAt = _aprilStart };
        for (int j = 0; j < c.Noise.Length; j++)
        {
            var (type, minutes) = (c.Noise[j].Type, c.Noise[j].Minutes);
            yield return new FollowUpItem
            {
                Id = $"n{j:000}",
                Kind = type switch { 0 => "complaint", 1 => "event", _ => "repair" },
                CompletedAt = type switch
                {
                    2 => _marchStart - Duration.FromMinutes(1 + minutes),
                    3 => _aprilStart + Duration.FromMinutes(minutes),
                    _ => _marchStart + Duration.FromMinutes(minutes),
                },
                IssueKey = j % 3 == 0 ? $"m{j % 16}" : null,
                Unsatisfied = j % 5 == 0,
            };
        }
    }

    private static MonthSample SampleOf(FollowUpPolicy policy, IEnumerable<FollowUpItem> items, bool close) =>
        policy.Sample(March2026, "repair", items, close).Value;

    /// <summary>The reference count: eligible (not exempt, first report of its matter) and mandatory among them.</summary>
    private static (int Eligible, int Mandatory) Count(IEnumerable<Entry> entries)
    {
        var seen = new HashSet<int>();
        int eligible = 0;
        int mandatory = 0;
        foreach (var e in entries)
        {
            if (e.IsExempt)
            {
                continue;
            }

            // A repeat of a matter is not counted again (F3); a mandatory item is followed up all the same.
            bool repeat = e.Key is { } key && !seen.Add(key);
            eligible += repeat ? 0 : 1;
            mandatory += e.IsMandatory ? 1 : 0;
        }

        return (eligible, mandatory);
    }

    /// <summary>The reference quota: rates have at most two decimals, so rate x eligible is an exact integer in 1/10000.</summary>
    private static int ReferenceQuota(string rounding, decimal rate, int eligible)
    {
        long x = (long)(rate * 100) * eligible;
        return (int)(rounding switch
        {
            "floor" => x / 10000,
            "nearest" => (x + 5000) / 10000,
            _ => (x + 9999) / 10000,
        });
    }

    private static bool ClosedMeetsTheQuota(Case c)
    {
        var (eligible, mandatory) = Count(c.Entries);
        int quota = Math.Max(ReferenceQuota(c.Rounding, c.Rate, eligible), mandatory);
        var closed = SampleOf(PolicyOf(c), ItemsOf(c.Entries), close: true);
        return closed.Eligible == eligible
            && closed.Quota == quota
            && closed.FollowedUp == quota
            && closed.Items.Count(i => i.IsFollowedUp) == quota
            && closed.Items.Count(i => i.Decision == SampleDecision.Mandatory) == mandatory;
    }

    [Property(MaxTest = 1000)]
    public Property Quota_IsTheCeilingOfRateTimesEligibleOverHundred_ForAnyPopulationAndRate() =>
        Prop.ForAll(_cases, c =>
        {
            var policy = PolicyOf(c.WithRounding("ceiling"));
            int n = c.Entries.Length;
            return (policy.Quota(n, c.Rate) == ReferenceQuota("ceiling", c.Rate, n)).Label(c.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property Quota_FloorAndNearest_MatchTheReference() =>
        Prop.ForAll(_cases, c =>
        {
            int n = c.Entries.Length;
            return (PolicyOf(c.WithRounding("floor")).Quota(n, c.Rate) == ReferenceQuota("floor", c.Rate, n)
                && PolicyOf(c.WithRounding("nearest")).Quota(n, c.Rate) == ReferenceQuota("nearest", c.Rate, n)).Label(c.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property ClosedSample_FollowedUpIsMaxOfCeilingQuotaAndMandatory_WhenMandatoryItemsArriveFirst() =>
        Prop.ForAll(_cases, c => Labelled(c.WithRounding("ceiling").MandatoryFirst(), ClosedMeetsTheQuota));

    [Property(MaxTest = 1000)]
    public Property ClosedSample_FollowedUpIsMaxOfQuotaAndMandatory_ForEveryRounding_WhenMandatoryItemsArriveFirst() =>
        Prop.ForAll(_cases, c => Labelled(c.MandatoryFirst(), ClosedMeetsTheQuota));

    // Ceiling never revokes (the documented choice): in any arrival order the closed count is the quota,
    // or the count before closing when mandatory items arriving late pushed it above the quota.
    [Property(MaxTest = 1000)]
    public Property ClosedSample_UnderCeiling_FollowedUpIsMaxOfQuotaAndTheOpenCount_InAnyArrivalOrder() =>
        Prop.ForAll(_cases, c =>
        {
            var ceiling = c.WithRounding("ceiling");
            var policy = PolicyOf(ceiling);
            var items = ItemsOf(ceiling.Entries);
            var open = SampleOf(policy, items, close: false);
            var closed = SampleOf(policy, items, close: true);
            return (closed.FollowedUp == Math.Max(closed.Quota, open.FollowedUp)).Label(ceiling.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property Selection_IsStable_WhenUnrelatedTicketsAreAddedAndTheInputIsShuffled() =>
        Prop.ForAll(_cases, c =>
        {
            var policy = PolicyOf(c);
            var items = ItemsOf(c.Entries);
            var random = new Random(c.ShuffleSeed);
            var noisy = items.Concat(NoiseOf(c)).OrderBy(_ => random.Next()).ToList();
            bool same = true;
            foreach (bool close in new[] { false, true })
            {
                var alone = SampleOf(policy, items, close);
                var crowded = SampleOf(policy, noisy, close);
                same &= alone.Items.SequenceEqual(crowded.Items)
                    && (alone.Eligible, alone.Quota, alone.FollowedUp) == (crowded.Eligible, crowded.Quota, crowded.FollowedUp);
            }

            return same.Label(c.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property MandatoryItems_EvenRepeatsOfAMatter_AreAlwaysFollowedUp() =>
        Prop.ForAll(_cases, c =>
        {
            var policy = PolicyOf(c);
            var items = ItemsOf(c.Entries);
            bool ok = true;
            foreach (bool close in new[] { false, true })
            {
                var sample = SampleOf(policy, items, close);
                for (int k = 0; k < c.Entries.Length; k++)
                {
                    if (c.Entries[k].IsMandatory && !c.Entries[k].IsExempt)
                    {
                        ok &= sample.Items[k].Decision == SampleDecision.Mandatory;
                    }
                }
            }

            return ok.Label(c.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property MandatoryItems_AreAlwaysFollowedUp_EvenWhenTheyRepeatAMatter() =>
        Prop.ForAll(_cases, c =>
        {
            var sample = SampleOf(PolicyOf(c), ItemsOf(c.Entries), close: true);
            bool ok = true;
            for (int k = 0; k < c.Entries.Length; k++)
            {
                if (c.Entries[k].IsMandatory && !sample.Items[k].IsFollowedUp)
                {
                    // Acceptable only if the matter it repeats is followed up.
                    int? key = c.Entries[k].Key;
                    int firstOfMatter = Array.FindIndex(c.Entries, e => !e.IsExempt && e.Key == key);
                    ok &= key is not null && firstOfMatter < k && sample.Items[firstOfMatter].IsFollowedUp;
                }
            }

            return ok.Label(c.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property ExemptItems_AreNeverSelectedAndNeverCounted() =>
        Prop.ForAll(_cases, c =>
        {
            var policy = PolicyOf(c);
            var items = ItemsOf(c.Entries);
            var (eligible, _) = Count(c.Entries);
            bool ok = true;
            foreach (bool close in new[] { false, true })
            {
                var sample = SampleOf(policy, items, close);
                ok &= sample.Eligible == eligible;
                for (int k = 0; k < c.Entries.Length; k++)
                {
                    ok &= c.Entries[k].IsExempt == (sample.Items[k].Decision == SampleDecision.Exempt);
                    ok &= !(c.Entries[k].IsExempt && sample.Items[k].IsFollowedUp);
                }
            }

            return ok.Label(c.ToString());
        });

    [Property(MaxTest = 1000)]
    public Property DecisionsForTheFirstKArrivals_NeverChange_WhenMoreItemsArriveLaterInTheMonth() =>
        Prop.ForAll(_cases, c =>
        {
            var policy = PolicyOf(c);
            var items = ItemsOf(c.Entries);
            var prefix = SampleOf(policy, items.Take(c.Cut), close: false);
            var whole = SampleOf(policy, items, close: false);
            return (prefix.Items.SequenceEqual(whole.Items.Take(c.Cut)) && prefix.FollowedUp <= whole.FollowedUp).Label(c.ToString());
        });

    /// <summary>Changes from the open to the closed sample: (index, open decision, closed decision).</summary>
    private static List<(int Index, SampledItem Open, SampledItem Closed)> CloseChanges(Case c)
    {
        var policy = PolicyOf(c);
        var items = ItemsOf(c.Entries);
        var open = SampleOf(policy, items, close: false);
        var closed = SampleOf(policy, items, close: true);
        return [.. Enumerable.Range(0, items.Count).Where(k => open.Items[k] != closed.Items[k]).Select(k => (k, open.Items[k], closed.Items[k]))];
    }

    private static bool OnlyAdds(Case c) =>
        CloseChanges(c).All(ch => ch.Open.Decision == SampleDecision.NotSelected && ch.Closed.Decision == SampleDecision.Selected);

    [Property(MaxTest = 1000)]
    public Property Closing_OnlyAddsSelections_UnderCeilingRounding_WhenMandatoryItemsArriveFirst() =>
        Prop.ForAll(_cases, c => Labelled(c.WithRounding("ceiling").MandatoryFirst(), OnlyAdds));

    [Property(MaxTest = 1000)]
    public Property Closing_OnlyAddsSelections_UnderCeilingRounding_InAnyArrivalOrder() =>
        Prop.ForAll(_cases, c => Labelled(c.WithRounding("ceiling"), OnlyAdds));

    [Property(MaxTest = 1000)]
    public Property Closing_ChangesAtMostOneDecision_AndRevokesOnlyTheLastSelection_WhenMandatoryItemsArriveFirst() =>
        Prop.ForAll(_cases, c =>
        {
            var ordered = c.MandatoryFirst();
            var changes = CloseChanges(ordered);
            if (changes.Count != 1)
            {
                return (changes.Count == 0).Label(ordered.ToString());
            }

            var (index, open, closed) = changes[0];
            bool added = open.Decision == SampleDecision.NotSelected && closed.Decision == SampleDecision.Selected;
            bool revoked = open.Decision == SampleDecision.Selected && closed.Decision == SampleDecision.NotSelected;
            var openSample = SampleOf(PolicyOf(ordered), ItemsOf(ordered.Entries), close: false);
            int lastSelected = openSample.Items.ToList().FindLastIndex(i => i.Decision == SampleDecision.Selected);
            return (added || (revoked && ordered.Rounding != "ceiling" && index == lastSelected)).Label(ordered.ToString());
        });
}
