using Feedback.Policies;
using Feedback.Ports;
using Feedback.Reminders;
using Feedback.Sla;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Feedback.Tests.Reminders;

/// <summary>
/// The reminder planner over D (Asia/Shanghai): R5 (order issued, daily 09:30 reminder), T12 (progress
/// daily before 18:00), warning thresholds and escalation steps; every key exactly once however the
/// planning windows fall.
/// </summary>
public class ReminderPlannerTests
{
    private static readonly DateTimeZone _shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly ReminderPlanner _planner = new(PolicyPresets.AfterSalesComplaints);
    private static readonly string[] _dailyRoles = ["accountable", "supervising-leader", "chairman"];

    /// <summary>Local time in Shanghai, March 2026 (2 March is a Monday).</summary>
    private static Instant At(int day, int hour, int minute, int second = 0) =>
        new LocalDateTime(2026, 3, day, hour, minute, second).InZoneStrictly(_shanghai).ToInstant();

    /// <summary>
    /// A complaint that meets every timed step quickly (so no warnings), misses the progress update of
    /// 3 March, and is closed on 5 March at 10:20.
    /// </summary>
    private static Ticket QuickComplaint(string id = "C-1") => new(id, "complaint", "general",
    [
        new("call-ended", At(2, 9, 0)),
        new("order-drafted", At(2, 9, 5)),
        new("order-submitted", At(2, 9, 6)),
        new("order-signed-off", At(2, 9, 10)),
        new("visited", At(2, 9, 20)),
        new("progress-updated", At(2, 15, 0)),
        new("progress-updated", At(4, 11, 0)),
        new("closure-requested", At(5, 10, 0)),
        new("closure-checked", At(5, 10, 10)),
        new("closed", At(5, 10, 20)),
    ]);

    /// <summary>Every key of <see cref="QuickComplaint"/> from 2 March 00:00 to 6 March 00:00, listed by hand.</summary>
    private static readonly string[] _quickComplaintKeys =
    [
        "order-issued/C-1/accountable/2026-03-02T01:10:00Z",
        "daily/C-1/accountable/2026-03-02", "daily/C-1/supervising-leader/2026-03-02", "daily/C-1/chairman/2026-03-02",
        "daily/C-1/accountable/2026-03-03", "daily/C-1/supervising-leader/2026-03-03", "daily/C-1/chairman/2026-03-03",
        "missed/C-1/T12-progress/accountable/2026-03-03",
        "daily/C-1/accountable/2026-03-04", "daily/C-1/supervising-leader/2026-03-04", "daily/C-1/chairman/2026-03-04",
        "daily/C-1/accountable/2026-03-05", "daily/C-1/supervising-leader/2026-03-05", "daily/C-1/chairman/2026-03-05",
    ];

    /// <summary>An outbox that keeps one notification per key, as the store ports do.</summary>
    private sealed class KeyOutbox
    {
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public int Enqueue(IEnumerable<Notification> notifications) => notifications.Count(n => Keys.Add(n.IdempotencyKey));
    }

    // ---- exactly once through the outbox's keys

    [Fact]
    public void Plan_SameDayTwice_ThenAMissedDayCaughtUpInOneLongWindow_EveryKeyEnqueuedOnce()
    {
        var outbox = new KeyOutbox();
        Ticket[] tickets = [QuickComplaint()];

        outbox.Enqueue(_planner.Plan(tickets, At(2, 0, 0), At(2, 12, 0))).Should().Be(4);
        outbox.Enqueue(_planner.Plan(tickets, At(2, 0, 0), At(2, 12, 0))).Should().Be(0, "the same window planned twice adds nothing");
        outbox.Enqueue(_planner.Plan(tickets, At(2, 12, 0), At(2, 20, 0))).Should().Be(0);

        // The host was down from 2 March 20:00 until 6 March 00:00: one long window catches up.
        var catchUp = _planner.Plan(tickets, At(2, 20, 0), At(6, 0, 0));
        catchUp.Select(n => n.IdempotencyKey).Should().OnlyHaveUniqueItems();
        outbox.Enqueue(catchUp).Should().Be(10);

        // An overlapping re-plan of the whole period adds nothing either.
        outbox.Enqueue(_planner.Plan(tickets, At(2, 0, 0), At(6, 0, 0))).Should().Be(0);
        outbox.Keys.Should().BeEquivalentTo(_quickComplaintKeys);
    }

    [Fact]
    public void Plan_OneWindowOverTheWholePeriod_IsTheHandListedKeysInDeterministicOrder()
    {
        var plan = _planner.Plan([QuickComplaint()], At(2, 0, 0), At(6, 0, 0));

        plan.Select(n => n.IdempotencyKey).Should().Equal(
            "order-issued/C-1/accountable/2026-03-02T01:10:00Z",
            "daily/C-1/accountable/2026-03-02", "daily/C-1/supervising-leader/2026-03-02", "daily/C-1/chairman/2026-03-02",
            "daily/C-1/accountable/2026-03-03", "daily/C-1/supervising-leader/2026-03-03", "daily/C-1/chairman/2026-03-03",
            "daily/C-1/accountable/2026-03-04", "daily/C-1/supervising-leader/2026-03-04", "daily/C-1/chairman/2026-03-04",
            "daily/C-1/accountable/2026-03-05", "daily/C-1/supervising-leader/2026-03-05", "daily/C-1/chairman/2026-03-05",
            "missed/C-1/T12-progress/accountable/2026-03-03");
        _planner.Plan([QuickComplaint()], At(2, 0, 0), At(6, 0, 0)).Should().Equal(plan, (a, b) => a.IdempotencyKey == b.IdempotencyKey && a.DueAt == b.DueAt);
    }

    [Fact]
    public void Plan_EmptyOrBackwardWindow_PlansNothing()
    {
        _planner.Plan([QuickComplaint()], At(2, 9, 30), At(2, 9, 30)).Should().BeEmpty();
        _planner.Plan([QuickComplaint()], At(3, 0, 0), At(2, 0, 0)).Should().BeEmpty();
    }

    // ---- R5: the daily 09:30 reminder

    [Fact]
    public void Daily_At0930_ToAccountableLeaderAndChairman_ForEveryUnfinishedComplaint_StopsAfterClosed()
    {
        Ticket[] tickets =
        [
            new("C-1", "complaint", "general", [new("call-ended", At(2, 8, 0)), new("closed", At(4, 9, 0))]),   // closed before 09:30 on the 4th
            new("C-2", "complaint", "general", [new("call-ended", At(2, 10, 0))]),                               // opened after 09:30: first on the 3rd
            new("C-3", "complaint", "general", [new("call-ended", At(2, 9, 30)), new("closed", At(3, 9, 30))]), // opened at, closed at 09:30
            new("C-4", "complaint", "general", []),                                                              // no history: nothing
            new("R-1", "repair", "general", [new("call-ended", At(2, 8, 0))]),                                   // not a complaint
        ];

        var daily = _planner.Plan(tickets, At(2, 0, 0), At(5, 0, 0)).Where(n => n.TemplateKey == "daily-reminder").ToArray();

        var expected = new (string Ticket, int Day)[] { ("C-1", 2), ("C-1", 3), ("C-2", 3), ("C-2", 4), ("C-3", 2) }
            .SelectMany(x => _dailyRoles.Select(role => (Key: $"daily/{x.Ticket}/{role}/2026-03-0{x.Day}", x.Ticket, Role: role, Due: At(x.Day, 9, 30))))
            .ToArray();
        daily.Select(n => (n.IdempotencyKey, n.TicketId, n.RecipientRole, n.DueAt)).Should().Equal(expected);
        daily.Should().OnlyContain(n => n.Channel == "sms" && n.RecipientPerson == null && n.SentAt == null);
        daily.Should().OnlyContain(n => n.Parameters.Count == 1 && n.Parameters["ticket"] == n.TicketId);
        daily[0].DueAt.Should().Be(Instant.FromUtc(2026, 3, 2, 1, 30), "09:30 in Shanghai is 01:30 UTC");
    }

    [Fact]
    public void Daily_WindowEdges_0930IsInTheWindowThatStartsAtItNotTheOneThatEndsAtIt()
    {
        Ticket[] tickets = [new("C-1", "complaint", "general", [new("call-ended", At(2, 8, 0))])];

        static IEnumerable<string> Daily(IEnumerable<Notification> plan) => plan.Where(n => n.TemplateKey == "daily-reminder").Select(n => n.IdempotencyKey);

        Daily(_planner.Plan(tickets, At(2, 0, 0), At(2, 9, 30))).Should().BeEmpty();
        Daily(_planner.Plan(tickets, At(2, 9, 30), At(2, 9, 31)))
            .Should().Equal("daily/C-1/accountable/2026-03-02", "daily/C-1/supervising-leader/2026-03-02", "daily/C-1/chairman/2026-03-02");
        Daily(_planner.Plan(tickets, At(2, 9, 31), At(3, 9, 30))).Should().BeEmpty();
    }

    /// <summary>Regression: the planner used to stop at the first "closed" event for good (fixed in 8c0c1ee).</summary>
    [Fact]
    public void Daily_ReopenedComplaint_IsRemindedAgain()
    {
        Ticket[] tickets = [new("C-1", "complaint", "general", [new("call-ended", At(2, 8, 0)), new("closed", At(2, 12, 0)), new("reopened", At(3, 12, 0))])];

        var daily = _planner.Plan(tickets, At(2, 0, 0), At(5, 0, 0)).Where(n => n.TemplateKey == "daily-reminder" && n.RecipientRole == "accountable");

        daily.Select(n => n.IdempotencyKey).Should().Equal("daily/C-1/accountable/2026-03-02", "daily/C-1/accountable/2026-03-04");
    }

    // ---- R5: the order-issued SMS

    [Fact]
    public void OrderIssued_OnOrderSignedOff_SmsToTheAccountablePerson_InTheWindowHoldingTheEvent()
    {
        var signedOff = At(2, 9, 10).Plus(Duration.FromMilliseconds(500));
        Ticket[] tickets = [new("C-1", "repair", "general", [new("order-submitted", At(2, 9, 0)), new("order-signed-off", signedOff)])];

        var plan = _planner.Plan(tickets, At(2, 0, 0), At(3, 0, 0));

        var order = plan.Should().ContainSingle(n => n.TemplateKey == "order-issued").Which;
        order.IdempotencyKey.Should().Be("order-issued/C-1/accountable/2026-03-02T01:10:00.5Z");
        order.RecipientRole.Should().Be("accountable");
        order.Channel.Should().Be("sms");
        order.DueAt.Should().Be(signedOff);
        order.Parameters.Should().Equal(new Dictionary<string, string> { ["ticket"] = "C-1" });
        _planner.Plan(tickets, At(2, 0, 0), signedOff).Should().NotContain(n => n.TemplateKey == "order-issued");
        _planner.Plan(tickets, signedOff, signedOff.PlusNanoseconds(1)).Should().ContainSingle(n => n.TemplateKey == "order-issued");
        _planner.Plan([new("C-2", "complaint", "general", [new("order-submitted", At(2, 9, 0))])], At(2, 0, 0), At(3, 0, 0))
            .Should().NotContain(n => n.TemplateKey == "order-issued", "no sign-off, no order");
    }

    // ---- T12: progress daily before 18:00

    [Fact]
    public void MissedObligation_T12_At1800OnADayWithoutProgressUpdated_AndNotAfterClosing()
    {
        Ticket[] tickets =
        [
            new("C-1", "complaint", "general",
                [new("order-signed-off", At(2, 9, 10)), new("progress-updated", At(2, 15, 0)), new("progress-updated", At(4, 17, 59))]),
            new("C-2", "complaint", "general", [new("order-signed-off", At(2, 9, 10)), new("closed", At(3, 12, 0))]),
        ];

        var missed = _planner.Plan(tickets, At(2, 0, 0), At(5, 0, 0)).Where(n => n.TemplateKey == "obligation-missed").ToArray();

        missed.Select(n => (n.IdempotencyKey, n.DueAt)).Should().Equal(
            ("missed/C-1/T12-progress/accountable/2026-03-03", At(3, 18, 0)),
            ("missed/C-2/T12-progress/accountable/2026-03-02", At(2, 18, 0)));
        missed[0].RecipientRole.Should().Be("accountable");
        missed[0].Parameters.Should().Equal(new Dictionary<string, string> { ["ticket"] = "C-1", ["target"] = "T12-progress", ["rule"] = "T12" });
        missed[0].DueAt.Should().Be(Instant.FromUtc(2026, 3, 3, 10, 0), "18:00 in Shanghai is 10:00 UTC");

        _planner.Plan(tickets, At(3, 0, 0), At(3, 18, 0)).Should().NotContain(n => n.TemplateKey == "obligation-missed", "the window ends just before the deadline");
        _planner.Plan(tickets, At(3, 18, 0), At(3, 18, 1)).Where(n => n.TemplateKey == "obligation-missed").Select(n => n.IdempotencyKey)
            .Should().Equal("missed/C-1/T12-progress/accountable/2026-03-03");
    }

    // ---- warnings and escalations

    [Fact]
    public void WarningsAndEscalations_AppearOnceInTheMinuteTheLevelIsCrossed()
    {
        // T8-draft: 30 minutes from the call; warnings at 50/75/90 %, escalation at 75/100/200 %.
        Ticket[] tickets = [new("C-9", "complaint", "general", [new("call-ended", At(2, 9, 0))])];
        var seen = new List<(string Key, Instant Due)>();

        for (var from = At(2, 9, 0); from < At(2, 11, 0); from = from.Plus(Duration.FromMinutes(1)))
        {
            seen.AddRange(_planner.Plan(tickets, from, from.Plus(Duration.FromMinutes(1)))
                .Where(n => n.TemplateKey is "warning" or "escalation").Select(n => (n.IdempotencyKey, n.DueAt)));
        }

        seen.Should().Equal(
            ("warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/1/accountable", At(2, 9, 16)),          // 50 % at 09:15
            ("warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/accountable", At(2, 9, 23)),          // 75 % at 09:22:30
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/1/accountable", At(2, 9, 23)),
            ("warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/accountable", At(2, 9, 28)),          // 90 % at 09:27
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/accountable", At(2, 9, 31)),       // 100 % at 09:30
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/supervising-leader", At(2, 9, 31)),
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/accountable", At(2, 10, 1)),       // 200 % at 10:00
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/supervising-leader", At(2, 10, 1)),
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/chairman", At(2, 10, 1)));

        var oneWindow = _planner.Plan(tickets, At(2, 9, 0), At(2, 11, 0)).Where(n => n.TemplateKey is "warning" or "escalation").ToArray();
        oneWindow.Select(n => n.IdempotencyKey).Should().BeEquivalentTo(seen.Select(s => s.Key));
        oneWindow.Should().OnlyContain(n => n.DueAt == At(2, 11, 0), "a level found late is due at the end of the window that found it");
        oneWindow.Single(n => n.IdempotencyKey == "warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/accountable").Parameters
            .Should().Equal(new Dictionary<string, string> { ["ticket"] = "C-9", ["target"] = "T8-draft", ["threshold"] = "75" });
        oneWindow.Single(n => n.IdempotencyKey == "escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/chairman").Parameters
            .Should().Equal(new Dictionary<string, string> { ["ticket"] = "C-9", ["target"] = "T8-draft", ["step"] = "3" });
    }

    [Fact]
    public void WarningsAndEscalations_LevelCrossedBeforeTheWindow_IsNotRepeated()
    {
        Ticket[] tickets = [new("C-9", "complaint", "general", [new("call-ended", At(2, 9, 0))])];

        _planner.Plan(tickets, At(2, 10, 30), At(2, 12, 0)).Should().NotContain(n => n.TemplateKey == "warning" || n.TemplateKey == "escalation");
    }

    [Fact]
    public void SplitWindows_PausedT11PastItsDue_EscalationThreeDependsOnWhereTheWindowEnds()
    {
        // T11: due at the required completion 13:00 (4 h after the sign-off); paused at 11:00 after 2 h, resumed next morning.
        var ticket = new Ticket("C-1", "complaint", "general",
            [new("order-signed-off", At(2, 9, 0)), new("paused", At(2, 11, 0)), new("resumed", At(3, 9, 0))],
            fields: new Dictionary<string, Instant> { ["required-completion"] = At(2, 13, 0) });
        int t11 = PolicyPresets.AfterSalesComplaints.Targets.IndexOf(PolicyPresets.AfterSalesComplaints.Targets.Single(t => t.Id == "T11-completion"));

        var whole = _planner.Plan([ticket], At(2, 0, 0), At(4, 0, 0)).Select(n => n.IdempotencyKey);
        var split = _planner.Plan([ticket], At(2, 0, 0), At(2, 14, 30)).Concat(_planner.Plan([ticket], At(2, 14, 30), At(4, 0, 0))).Select(n => n.IdempotencyKey);
        split.Should().BeEquivalentTo(whole);

        // Root cause: at 14:30 allowed = 2 h + (13:00 - 14:30) = 30 min, 400 %; at 15:00 allowed = 0, so 100 %.
        var at1430 = PolicyPresets.AfterSalesComplaints.Evaluate(ticket, At(2, 14, 30))[t11];
        var at1500 = PolicyPresets.AfterSalesComplaints.Evaluate(ticket, At(2, 15, 0))[t11];
        at1500.EscalationLevel.Should().BeGreaterThanOrEqualTo(at1430.EscalationLevel, "a paused, late target does not become less escalated");
    }

    /// <summary>
    /// Regression: the planner compared only the cycle reported at the window's ends, so a catch-up
    /// window containing the reopen dropped the levels the earlier cycle had reached (fixed in 8c0c1ee).
    /// </summary>
    [Fact]
    public void SplitWindows_LevelsCrossedBeforeAReopenInsideTheWindow_AreNotDropped()
    {
        // T13: closure material checked within 30 minutes of 10:00; never checked; the complaint is reopened at 11:00.
        var ticket = new Ticket("C-1", "complaint", "general",
            [new("call-ended", At(2, 9, 0)), new("order-drafted", At(2, 9, 5)), new("closure-requested", At(2, 10, 0)), new("reopened", At(2, 11, 0))]);

        var split = _planner.Plan([ticket], At(2, 0, 0), At(2, 10, 45)).Concat(_planner.Plan([ticket], At(2, 10, 45), At(3, 0, 0))).Select(n => n.IdempotencyKey).ToArray();
        var whole = _planner.Plan([ticket], At(2, 0, 0), At(3, 0, 0)).Select(n => n.IdempotencyKey);

        split.Should().Contain("escalation/C-1/T13-check/0/2026-03-02T02:00:00Z/2/supervising-leader", "T13 was at 150 % at 10:45");
        whole.Should().BeEquivalentTo(split);
    }

    // ---- property: splitting the planning window anywhere changes nothing

    private static readonly Instant _start = At(2, 0, 0);
    private static readonly long _spanSeconds = Duration.FromDays(5).BclCompatibleTicks / NodaConstants.TicksPerSecond;

    private static readonly string[] _lifecycle =
        ["call-ended", "order-drafted", "order-submitted", "order-signed-off", "visited", "closure-requested", "closure-checked", "closed"];

    /// <summary>
    /// A D ticket: a prefix of the complaint lifecycle with gaps of up to 4 hours, starting up to a day
    /// before the window; progress updates; maybe the completion fields; with <paramref name="pauses"/>
    /// maybe a pause of up to a day (only T11 pauses); maybe a reopen after the last lifecycle step.
    /// </summary>
    private static Gen<Ticket> Tickets(bool pauses) =>
        from id in Gen.Choose(1, 99)
        from kind in Gen.Elements("complaint", "complaint", "complaint", "repair")
        from severity in Gen.Elements("general", "major")
        from opened in Gen.Choose(-86_400, 4 * 86_400)
        from steps in Gen.Choose(1, _lifecycle.Length)
        from gaps in Gen.ArrayOf(Gen.Choose(0, 4 * 3_600), _lifecycle.Length)
        from progressCount in Gen.Choose(0, 6)
        from progress in Gen.ArrayOf(Gen.Choose(0, 5 * 86_400), progressCount)
        from pause in pauses ? Gen.Elements(false, true) : Gen.Constant(false)
        from pauseAt in Gen.Choose(0, 5 * 86_400)
        from pauseFor in Gen.Choose(60, 86_400)
        from required in Gen.Elements<int?>(null, 3_600, 86_400, 2 * 86_400)
        from agreed in Gen.Elements<int?>(null, 7_200, 3 * 86_400)
        from reopen in Gen.Elements<int?>(null, null, 86_400, 2 * 86_400 + 3_600, 3 * 86_400 + 1)
        select MakeTicket($"C-{id}", kind, severity, opened, gaps.Take(steps).ToArray(), progress, pause ? (pauseAt, pauseFor) : null, required, agreed, reopen);

    private static Ticket MakeTicket(string id, string kind, string severity, int opened, int[] gaps, int[] progress, (int At, int For)? pause, int? required, int? agreed, int? reopen)
    {
        var events = new List<TicketEvent>();
        var at = _start.Plus(Duration.FromSeconds(opened));
        for (int i = 0; i < gaps.Length; i++)
        {
            at = at.Plus(Duration.FromSeconds(gaps[i]));
            events.Add(new(_lifecycle[i], at));
        }

        events.AddRange(progress.Select(p => new TicketEvent("progress-updated", _start.Plus(Duration.FromSeconds(p)))));
        if (pause is { } p)
        {
            events.Add(new("paused", _start.Plus(Duration.FromSeconds(p.At))));
            events.Add(new("resumed", _start.Plus(Duration.FromSeconds(p.At + p.For))));
        }

        if (reopen is { } again)
        {
            events.Add(new("reopened", at.Plus(Duration.FromSeconds(again))));   // after the last lifecycle step
        }

        var opening = _start.Plus(Duration.FromSeconds(opened));
        var fields = new Dictionary<string, Instant>();
        if (required is { } r)
        {
            fields["required-completion"] = opening.Plus(Duration.FromSeconds(r));
        }

        if (agreed is { } a)
        {
            fields["agreed-completion"] = opening.Plus(Duration.FromSeconds(a));
        }

        return new Ticket(id, kind, severity, events, fields: fields);
    }

    /// <summary>0-12 cut points anywhere in the 5 days, to the nanosecond.</summary>
    private static readonly Gen<Instant[]> _cuts =
        from count in Gen.Choose(0, 12)
        from seconds in Gen.ArrayOf(Gen.Choose(0, (int)_spanSeconds - 1), count)
        from nanos in Gen.ArrayOf(Gen.Choose(0, 999_999_999), count)
        select seconds.Zip(nanos, (s, n) => _start.Plus(Duration.FromSeconds(s)).PlusNanoseconds(n)).ToArray();

    private static Arbitrary<(Ticket[] Tickets, Instant[] Cuts)> Cases(bool pauses) => Arb.From(
        from count in Gen.Choose(1, 3)
        from tickets in Gen.ArrayOf(Tickets(pauses), count)
        from cuts in _cuts
        select (tickets.DistinctBy(t => t.Id).ToArray(), cuts));

    /// <summary>Plans the 5 days in one window and in the windows between the cuts: the same keys, none twice.</summary>
    private static void SplitEqualsWhole((Ticket[] Tickets, Instant[] Cuts) c)
    {
        var end = _start.Plus(Duration.FromDays(5));
        var bounds = c.Cuts.Append(_start).Append(end).Distinct().Order().ToArray();
        var split = new List<string>();
        for (int i = 0; i + 1 < bounds.Length; i++)
        {
            split.AddRange(_planner.Plan(c.Tickets, bounds[i], bounds[i + 1]).Select(n => n.IdempotencyKey));
        }

        var whole = _planner.Plan(c.Tickets, _start, end).Select(n => n.IdempotencyKey).ToArray();
        whole.Should().OnlyHaveUniqueItems();
        split.Should().OnlyHaveUniqueItems();
        split.Should().BeEquivalentTo(whole);
    }

    /// <summary>Without pauses (see the skipped properties below for why).</summary>
    [Property(MaxTest = 300)]
    public Property SplitWindows_UnionOfKeys_EqualsTheOneWindowKeys_WithoutDuplicates() => Prop.ForAll(Cases(pauses: false), SplitEqualsWhole);

    [Fact]
    public void SplitWindows_WithPauses_UnionOfKeys_EqualsTheOneWindowKeys() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(Cases(pauses: true), SplitEqualsWhole));
}
