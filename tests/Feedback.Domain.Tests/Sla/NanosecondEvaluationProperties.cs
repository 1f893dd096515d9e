using System.Collections.Immutable;
using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Feedback.Tests.Sla;

/// <summary>
/// The 64-bit evaluation (issue 7's bulk speed) against the general evaluation on NodaTime values: the
/// same rules in two representations, held equal here over random tickets for the presets, the SLA
/// property policies and a policy that uses every kind of target (chained starts of every use, field
/// starts and anchors, earliest-of with budget, field and target candidates, working days with and
/// without the end of the day, escalation by percent and by time, a zero budget, a project in a zone
/// with daylight saving time, a horizon the tickets run past, two calendars in turn, daily obligations on a
/// calendar and on the wall clock, one at a local time a daylight-saving change skips). Instants out of the
/// 64-bit window and reopens must go to the general evaluation, with the same answers through every API.
/// </summary>
public class NanosecondEvaluationProperties
{
    private static readonly SlaPolicy Everything = PolicyDocument.Load("""
        { "id": "everything", "zone": "Asia/Shanghai", "reopenEvent": "reopened",
          "events": ["acknowledged", "visited", "reopened"],
          "projects": { "abroad": { "zone": "Europe/Berlin" } },
          "calendars": { "office": {
            "seasons": [
              { "name": "summer", "from": "05-01", "to": "09-30", "week": { "Weekdays": ["08:00-12:00", "13:30-17:30"] } },
              { "name": "winter", "from": "10-01", "to": "04-30", "week": { "Weekdays": ["08:30-12:00", "13:00-17:00"] } } ],
            "holidays": "CN", "horizon": { "start": "2024-01-01", "end": "2028-01-01" } },
            "hotline": { "week": { "EveryDay": ["08:00-20:00"] }, "horizon": { "start": "2023-01-01", "end": "2029-01-01" } } },
          "targets": [
            { "id": "ack", "start": "received", "stop": "acknowledged", "pause": "paused", "resume": "resumed", "cancel": "canceled", "reset": "reset",
              "clock": "office", "within": "PT2H", "landing": "acrossGap", "thresholds": [50, 80],
              "escalation": [ { "atPercent": 100, "notify": ["lead"] }, { "after": "PT3H", "notify": ["manager"] } ] },
            { "id": "hotline", "start": "received", "stop": "acknowledged", "pause": "paused", "resume": "resumed", "clock": "hotline", "within": "PT1H" },
            { "id": "wall", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed", "within": "P1D" },
            { "id": "days", "start": "received", "stop": "resolved", "clock": "office", "workingDays": 2 },
            { "id": "eod", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed", "clock": "office", "workingDays": 1, "endOfDay": true },
            { "id": "field-start", "start": { "field": "booked" }, "stop": "visited", "clock": "office", "within": "PT1H" },
            { "id": "field-due", "start": "received", "stop": "visited", "due": { "field": "agreed", "offset": "-PT30M" } },
            { "id": "earliest", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed", "clock": "office", "within": "PT8H",
              "due": { "earliestOf": [ { "budget": true }, { "field": "agreed", "offset": "PT1H" }, { "target": "wall" } ] } },
            { "id": "earliest-fields", "start": "received", "stop": "visited", "clock": "office",
              "due": { "earliestOf": [ { "field": "agreed" }, { "field": "booked", "offset": "PT0S" } ] } },
            { "id": "chain-actual", "start": { "after": "ack", "use": "actual" }, "stop": "resolved", "within": "PT1H" },
            { "id": "chain-due", "start": { "after": "ack", "use": "due" }, "stop": "resolved", "clock": "office", "within": "PT4H" },
            { "id": "chain-either", "start": { "after": "days", "use": "actualOrDue" }, "stop": "visited", "within": "PT30M" },
            { "id": "complaints", "when": { "kinds": ["complaint"] }, "start": "received", "stop": "resolved", "within": "PT10M" },
            { "id": "zero", "start": "received", "stop": "acknowledged", "clock": "office", "within": "PT0S" },
            { "id": "daily-office", "start": "received", "stop": "resolved", "cancel": "canceled", "clock": "office",
              "due": { "dailyAt": "17:00", "satisfiedBy": "acknowledged" } },
            { "id": "daily-wall", "start": { "field": "booked" }, "stop": "visited", "due": { "dailyAt": "02:30", "satisfiedBy": "paused" } } ] }
        """).Value;

    private static readonly ImmutableArray<SlaPolicy> Policies =
    [
        Everything, PolicyPresets.PropertyManagement, PolicyPresets.ServiceStandard, PolicyPresets.AfterSalesComplaints,
        .. SlaGenerators.Policies.Select(p => p.Policy),
    ];

    /// <summary>
    /// A ticket for one of <see cref="Policies"/> (half of them for <see cref="Everything"/>): a kind, severity, category and project the policy's
    /// targets name (or others), up to eight events of the policy's names (and an unknown one) around an
    /// origin between 2005 and 2032 (often at a calendar or deadline edge), each field the targets read (or not), and an evaluation instant.
    /// </summary>
    private static Gen<(int Policy, Ticket Ticket, Instant At)> Cases { get; } =
        from policyIndex in Gen.Frequency((1, Gen.Choose(0, Policies.Length - 1)), (1, Gen.Constant(0)))
        let policy = Policies[policyIndex]
        from year in Gen.Frequency((1, Gen.Choose(2005, 2032)), (3, Gen.Choose(2024, 2027)))
        from day in Gen.Choose(0, 364)
        from minute in Gen.Frequency((3, Gen.Choose(0, (24 * 60) - 1)), (1, Gen.Elements(EdgeMinutes)))
        let origin = Instant.FromUtc(year, 1, 1, 0, 0) + Duration.FromDays(day) + Duration.FromMinutes(minute)
        from kind in Gen.Elements(Names(policy, t => t.Kinds).Append("other").ToArray())
        from severity in Gen.Elements(Names(policy, t => t.Severities).Append("general").ToArray())
        from category in Gen.Elements(Names(policy, t => t.Categories).Cast<string?>().Append(null).ToArray())
        from project in Gen.Elements(policy.Projects.Keys.Cast<string?>().Append(null).ToArray())
        from count in Gen.Choose(0, 8)
        from events in Gen.ListOf(Gen.Zip(Gen.Elements(policy.Events.Append("not-an-event").ToArray()), Offset), count)
        from fields in Gen.ListOf(
            from minutes in Offset
            from present in Gen.Choose(0, 2)
            select (Minutes: minutes, Present: present > 0),
            FieldsOf(policy).Length)
        from at in Offset
        select (policyIndex,
            new Ticket("case", kind, severity, events.Select(e => new TicketEvent(e.Item1, origin + Duration.FromMinutes(e.Item2))), category, project,
                FieldsOf(policy).Zip(fields).Where(f => f.Second.Present).ToDictionary(f => f.First, f => origin + Duration.FromMinutes(f.Second.Minutes))),
            origin + Duration.FromMinutes(at));

    /// <summary>
    /// Minutes of the UTC day at which the policies' edges fall in Shanghai: office openings and closings
    /// (08:00, 08:30, 12:00, 13:00, 17:00, 17:30), the daily deadlines (17:00, 18:00), and in Berlin the
    /// 02:30 deadline (00:30 UTC in summer, 01:30 in winter).
    /// </summary>
    private static readonly int[] EdgeMinutes = [0, 30, 90, 240, 300, 540, 570, 600];

    /// <summary>
    /// Minutes from the origin: mostly within days, sometimes weeks, now and then before it, and often one
    /// of a few fixed values, so that events, fields and candidates coincide (ties, zero-length runs).
    /// </summary>
    private static Gen<int> Offset { get; } =
        Gen.Frequency((1, Gen.Choose(-600, 0)), (4, Gen.Choose(0, 600)), (3, Gen.Choose(0, 6000)), (1, Gen.Choose(0, 40000)), (2, Gen.Elements(0, 60, 1440)));

    [Property(MaxTest = 3000)]
    public Property TryRunNanos_OneCycleTicketsInTheWindow_AreHandledAndEqualTheGeneralEvaluation() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var policy = Policies[c.Policy];
            var (handled, fast, general) = BothWays(policy, c.Ticket, c.At);
            var counted = c.Ticket.Events.Where(e => e.At <= c.At).Select(e => e.Name);
            bool reopened = policy.ReopenEvent is { } reopen && counted.Contains(reopen);
            handled.Should().Be(!reopened, "only a reopen sends an in-window ticket to the general evaluation ({0} at {1})", Describe(c.Ticket), c.At);
            if (handled)
            {
                fast.Should().Equal(general, "policy {0}, ticket {1} at {2}", policy.Id, Describe(c.Ticket), c.At);
            }
        });

    [Property(MaxTest = 500)]
    public Property Evaluate_AnyTicket_EqualsTheGeneralEvaluationAndTheBatch() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var policy = Policies[c.Policy];
            var (_, _, general) = BothWays(policy, c.Ticket, c.At);
            policy.Evaluate(c.Ticket, c.At).Should().Equal(general, "policy {0}, ticket {1} at {2}", policy.Id, Describe(c.Ticket), c.At);
            var batch = new TargetEvaluation[policy.Targets.Length];
            TicketBatch.Create(policy, [c.Ticket]).Evaluate(c.At, batch);
            batch.Should().Equal(general);
        });

    [Theory]
    [InlineData(1700)]
    [InlineData(1843)]
    [InlineData(2097)]
    [InlineData(2200)]
    [InlineData(9000)]
    public void Evaluate_TicketsOutsideThe64BitWindow_GetTheGeneralEvaluationsAnswers(int year)
    {
        var received = Instant.FromUtc(year, 3, 1, 9, 0);
        var ticket = new Ticket("far", "complaint", "general",
            [new("received", received), new("acknowledged", received + Duration.FromMinutes(30)), new("resolved", received + Duration.FromDays(2))],
            fields: new Dictionary<string, Instant> { ["agreed"] = received + Duration.FromHours(5) });
        var at = received + Duration.FromDays(3);

        var results = Everything.Evaluate(ticket, at);
        var (handled, _, general) = BothWays(Everything, ticket, at);

        handled.Should().BeFalse("{0} lies outside the 64-bit window", received);
        results.Should().Equal(general);
        var wall = results.Single(r => r.Target.Id == "wall");
        wall.Due.Should().Be(received + Duration.FromDays(1), "a wall-clock budget counts in any year");
        wall.State.Should().Be(TargetState.MetLate);
        wall.LateBy.Should().Be(Duration.FromDays(1));
        results.Single(r => r.Target.Id == "field-due").Due.Should().Be(received + Duration.FromHours(5) - Duration.FromMinutes(30));
        results.Single(r => r.Target.Id == "ack").CalendarProblem.Should().BeTrue("the office calendar's horizon is 2024-2027");
        var batch = new TargetEvaluation[Everything.Targets.Length];
        TicketBatch.Create(Everything, [ticket]).Evaluate(at, batch);
        batch.Should().Equal(results);
    }

    [Fact]
    public void Evaluate_FieldSetToAFarFutureSentinel_IsReportedExactly()
    {
        var received = Instant.FromUtc(2026, 3, 2, 1, 0);
        var never = Instant.FromUtc(9999, 12, 31, 0, 0);
        var ticket = new Ticket("sentinel", "complaint", "general", [new("received", received)], fields: new Dictionary<string, Instant> { ["agreed"] = never });
        var at = received + Duration.FromHours(1);

        var results = Everything.Evaluate(ticket, at);

        results.Should().Equal(BothWays(Everything, ticket, at).General);
        results.Single(r => r.Target.Id == "field-due").Due.Should().Be(never - Duration.FromMinutes(30), "the anchor is far beyond the 64-bit window, and kept exactly");
        var earliest = results.Single(r => r.Target.Id == "earliest");
        earliest.ChosenCandidate.Should().Be(2, "from Monday 09:00 in Shanghai the wall target's day ends Tuesday 09:00, before 8 office hours (Tuesday 09:30) and the sentinel");
        earliest.Due.Should().Be(received + Duration.FromDays(1));
        earliest.State.Should().Be(TargetState.Running);
    }

    [Theory]
    [InlineData(2026, 3, 20)]
    [InlineData(2026, 10, 16)]
    public void Evaluate_DailyObligationAcrossADaylightSavingChange_IsDueAtTheLocalTimeEveryDay(int year, int month, int day)
    {
        // Berlin skips 02:00-03:00 on 2026-03-29 and repeats it on 2026-10-25. The 02:30 deadline of each
        // day is NodaTime's lenient mapping: shifted to 03:30 on the skipped day, the earlier 02:30 on the
        // repeated one, and 02:30 again the day after either, whatever the day before was.
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var booked = new LocalDate(year, month, day).At(new LocalTime(12, 0)).InZoneStrictly(berlin).ToInstant();
        var ticket = new Ticket("dst", "complaint", "general", [new("received", booked)], project: "abroad",
            fields: new Dictionary<string, Instant> { ["booked"] = booked });

        for (int d = 1; d <= 14; d++)
        {
            var at = booked + Duration.FromDays(d);
            var daily = Everything.Evaluate(ticket, at).Single(r => r.Target.Id == "daily-wall");
            var expected = berlin.AtLeniently(at.InZone(berlin).Date.PlusDays(1).At(new LocalTime(2, 30))).ToInstant();
            daily.Due.Should().Be(expected, "evaluated at {0}, the next deadline is the next day's 02:30 in Berlin", at.InZone(berlin));
            daily.Misses.Should().Be(d, "no 'paused' event satisfies any day ({0})", at.InZone(berlin));
        }
    }

    [Fact]
    public void Evaluate_DailyDeadlinePastTheWindowsEnd_GoesToTheGeneralEvaluation()
    {
        // In a zone without offset changes the deadlines step 24 hours at a time; the one after the window's
        // end (2096-10-02T07:06:40Z) must not be produced by the 64-bit evaluation.
        var policy = PolicyDocument.Load("""
            { "id": "daily", "zone": "Asia/Shanghai", "events": ["progress"],
              "targets": [ { "id": "daily", "start": "received", "stop": "resolved", "due": { "dailyAt": "17:00", "satisfiedBy": "progress" } } ] }
            """).Value;
        var windowEnd = NodaConstants.UnixEpoch + Duration.FromNanoseconds(SlaPolicy.NanosWindow);
        var ticket = new Ticket("late-2096", "complaint", "general", [new("received", windowEnd - Duration.FromDays(3))]);
        var at = windowEnd - Duration.FromMinutes(1);

        var (handled, _, general) = BothWays(policy, ticket, at);

        handled.Should().BeFalse("the next deadline, 2096-10-02 17:00 in Shanghai, lies past the window");
        general.Single().Due.Should().Be(Instant.FromUtc(2096, 10, 2, 9, 0));
        policy.Evaluate(ticket, at).Should().Equal(general);
    }

    [Fact]
    public void TicketBatch_EvaluationInstantOutsideTheWindow_EqualsEvaluatingEachTicket()
    {
        var received = Instant.FromUtc(2026, 3, 2, 1, 0);
        var tickets = Enumerable.Range(0, 50)
            .Select(i => new Ticket($"t{i}", "complaint", "general", [new("received", received + Duration.FromHours(i)), new("resolved", received + Duration.FromHours(2 * i))]))
            .ToArray();
        var at = Instant.FromUtc(2150, 1, 1, 0, 0);
        var batch = new TargetEvaluation[tickets.Length * Everything.Targets.Length];

        TicketBatch.Create(Everything, tickets).Evaluate(at, batch);

        batch.Should().Equal(tickets.SelectMany(t => Everything.Evaluate(t, at)));
        batch.Count(r => r.State == TargetState.Breached).Should().BeGreaterThan(0, "by 2150 every open target is late");
    }

    private static (bool Handled, TargetEvaluation[] Fast, TargetEvaluation[] General) BothWays(SlaPolicy policy, Ticket ticket, Instant at)
    {
        var events = ticket.Events.AsSpan();
        events = events[..SlaPolicy.CountUpTo(events, at)];
        var ids = new int[events.Length];
        policy.ResolveIds(events, ids);
        var applies = policy.Targets.Select(t => t.AppliesTo(ticket)).ToArray();
        int zone = policy.ZoneIndex(ticket);
        var fast = new TargetEvaluation[policy.Targets.Length];
        var general = new TargetEvaluation[policy.Targets.Length];
        bool handled = policy.TryRunNanos(ticket, events, ids, applies, zone, at, fast);
        policy.RunInstants(ticket, events, ids, applies, zone, at, general, null, null);
        return (handled, fast, general);
    }

    private static string Describe(Ticket t) =>
        $"{t.Kind}/{t.Severity}/{t.Category}/{t.Project} [{string.Join(", ", t.Events.Select(e => $"{e.Name} {e.At}"))}] {{{string.Join(", ", t.Fields.Select(f => $"{f.Key} {f.Value}"))}}}";

    private static IEnumerable<string> Names(SlaPolicy policy, Func<SlaTarget, IEnumerable<string>> set) =>
        policy.Targets.SelectMany(set).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static string[] FieldsOf(SlaPolicy policy) =>
    [
        .. policy.Targets.SelectMany(t => new[] { t.StartField, t.DueField }.Concat(t.Candidates.Select(c => c.Field)))
            .OfType<string>().Append("unused").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];
}
