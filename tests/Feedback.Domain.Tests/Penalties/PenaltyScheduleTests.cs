using System.Collections.Immutable;
using Feedback.Penalties;
using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Penalties;

/// <summary>D's shipped penalty schedule (P1-P4) applied to evaluated tickets; every amount worked out by hand.</summary>
public class PenaltyScheduleTests
{
    private static readonly Rulebook _d = PolicyPresets.AfterSalesComplaintsRulebook;
    private static readonly PenaltySchedule _schedule = _d.Penalties!;

    private static readonly ImmutableDictionary<string, string> _people = ImmutableDictionary<string, string>.Empty
        .Add("draft-owner", "wu")
        .Add("signoff-owner", "zhao")
        .Add("accountable", "zhang")
        .Add("supervising-leader", "li")
        .Add("follow-up-owner", "chen")
        .Add("staff", "sun");

    private static ImmutableArray<PenaltyLine> Assess(Ticket ticket, Instant at, ImmutableArray<PenaltyOccurrence> occurrences = default,
        ImmutableDictionary<string, string>? people = null, PenaltySchedule? schedule = null, SlaPolicy? sla = null) =>
        (schedule ?? _schedule).Assess(new PenaltyCase(ticket.Id, (sla ?? _d.Sla).EvaluateCycles(ticket, at), people ?? _people,
            occurrences.IsDefault ? [] : occurrences, at, Shanghai));

    // ---- P1: 100 yuan per started 5 minutes of delay (T8 drafting and sign-off) ----

    private static Ticket Drafted(Instant drafted) =>
        new("p1", "complaint", "general", [new TicketEvent("call-ended", Sh(2026, 3, 2, 10, 0)), new TicketEvent("order-drafted", drafted)]);

    [Fact]
    public void P1_DraftLateByOneSecond_OneStartedInterval_100()
    {
        // Call ended 10:00, draft due 10:30 (T8, 30 min), drafted 10:30:01: 1 s late = 1 started 5-min interval x 100.
        var lines = Assess(Drafted(Sh(2026, 3, 2, 10, 30, 1)), Sh(2026, 3, 2, 12, 0));
        lines.Should().ContainSingle();
        lines[0].Should().BeEquivalentTo(new
        {
            TicketId = "p1",
            RuleId = "P1-draft",
            Rule = "P1",
            Role = "draft-owner",
            PersonId = "wu",
            Amount = (Money?)new Money(100m, "CNY"),
            Computation = "T8-draft late by 0.02 min = 1 started interval(s) of 5 min x 100 = 100 CNY",
            At = Sh(2026, 3, 2, 10, 30, 1),
            Month = new YearMonth(2026, 3),
        });
    }

    [Fact]
    public void P1_DraftLateByCenturies_CountsEveryStartedIntervalWithoutOverflow()
    {
        // A call recorded in 1700 (a bad import) and still not drafted: late by more than the 292 years a 64-bit
        // count of nanoseconds holds. Due 30 min after the call; at the same UTC time of day 326 years on, the
        // delay is a whole number of days, 288 started 5-minute intervals each, x 100.
        var ticket = new Ticket("p1", "complaint", "general", [new TicketEvent("call-ended", Instant.FromUtc(1700, 3, 2, 2, 0))]);
        var at = Instant.FromUtc(2026, 3, 2, 2, 30);
        long days = Period.Between(new LocalDate(1700, 3, 2), new LocalDate(2026, 3, 2), PeriodUnits.Days).Days;

        var lines = Assess(ticket, at);

        lines.Where(l => l.RuleId == "P1-draft").Select(l => l.Amount).Should().Equal(new Money(days * 288 * 100m, "CNY"));
    }

    [Fact]
    public void P1_DraftLateByExactlyFiveMinutes_OneStartedInterval_100()
    {
        var lines = Assess(Drafted(Sh(2026, 3, 2, 10, 35)), Sh(2026, 3, 2, 12, 0));
        lines.Select(l => (l.RuleId, l.Amount, l.Computation)).Should().Equal(
            ("P1-draft", new Money(100m, "CNY"), "T8-draft late by 5 min = 1 started interval(s) of 5 min x 100 = 100 CNY"));
    }

    [Fact]
    public void P1_DraftLateByFiveMinutesAndOneSecond_TwoStartedIntervals_200()
    {
        var lines = Assess(Drafted(Sh(2026, 3, 2, 10, 35, 1)), Sh(2026, 3, 2, 12, 0));
        lines.Select(l => (l.RuleId, l.Amount, l.Computation)).Should().Equal(
            ("P1-draft", new Money(200m, "CNY"), "T8-draft late by 5.02 min = 2 started interval(s) of 5 min x 100 = 200 CNY"));
    }

    [Theory]
    [InlineData(10, 30, 0)]
    [InlineData(10, 12, 0)]
    public void P1_DraftOnTime_NoLine(int hour, int minute, int second)
    {
        Assess(Drafted(Sh(2026, 3, 2, hour, minute, second)), Sh(2026, 3, 2, 12, 0)).Should().BeEmpty();
    }

    [Fact]
    public void P1_DraftStillNotDoneAtEvaluation_ChargedUpToTheEvaluationInstant()
    {
        // Due 10:30, still open at 10:47: 17 min = 4 started intervals (0-5, 5-10, 10-15, 15-17) x 100 = 400, dated at the evaluation.
        var ticket = new Ticket("p1", "complaint", "general", [new TicketEvent("call-ended", Sh(2026, 3, 2, 10, 0))]);
        var lines = Assess(ticket, Sh(2026, 3, 2, 10, 47));
        lines.Select(l => (l.RuleId, l.Amount, l.At)).Should().Equal(("P1-draft", new Money(400m, "CNY"), Sh(2026, 3, 2, 10, 47)));
    }

    [Fact]
    public void P1_SignOffLateBy22Minutes_FiveStartedIntervalsChargedToTheSignOffOwner()
    {
        // Submitted 11:00, sign-off due 12:00 (T8, 1 h), signed off 12:22: 22 min = 5 started intervals x 100 = 500.
        var ticket = new Ticket("p1s", "complaint", "general",
            [new TicketEvent("order-submitted", Sh(2026, 3, 2, 11, 0)), new TicketEvent("order-signed-off", Sh(2026, 3, 2, 12, 22))]);
        var lines = Assess(ticket, Sh(2026, 3, 2, 12, 30)).Where(l => l.Rule == "P1").ToList();
        lines.Select(l => (l.RuleId, l.Role, l.PersonId, l.Amount, l.Computation)).Should().Equal(
            ("P1-signoff", "signoff-owner", "zhao", new Money(500m, "CNY"), "T8-signoff late by 22 min = 5 started interval(s) of 5 min x 100 = 500 CNY"));
    }

    // ---- P2: 200 yuan per missed daily progress update (T12) ----

    [Fact]
    public void P2_ThreeMissedDailyUpdates_600ChargedToTheAccountablePerson()
    {
        // Signed off Mon 03-02 10:00, updated only Tue 03-03 09:00, closed Fri 03-06 12:00. Deadlines 18:00:
        // 03-02 missed, 03-03 met (09:00), 03-04 missed, 03-05 missed; 03-06 18:00 is after the close. 3 x 200 = 600.
        var ticket = new Ticket("p2", "complaint", "general",
        [
            new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            new TicketEvent("progress-updated", Sh(2026, 3, 3, 9, 0)),
            new TicketEvent("closed", Sh(2026, 3, 6, 12, 0)),
        ]);
        var lines = Assess(ticket, Sh(2026, 3, 10, 0, 0)).Where(l => l.RuleId == "P2-progress").ToList();
        lines.Select(l => (l.Role, l.PersonId, l.Amount, l.Computation, l.At)).Should().Equal(
            ("accountable", "zhang", new Money(600m, "CNY"), "T12-progress: 3 missed day(s) x 200 = 600 CNY", Sh(2026, 3, 6, 12, 0)));
    }

    [Fact]
    public void P2_EveryDailyUpdateBefore1800_NoProgressLine()
    {
        var ticket = new Ticket("p2", "complaint", "general",
        [
            new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            new TicketEvent("progress-updated", Sh(2026, 3, 2, 17, 59)),
            new TicketEvent("progress-updated", Sh(2026, 3, 3, 12, 0)),
            new TicketEvent("closed", Sh(2026, 3, 4, 11, 0)),
        ]);
        Assess(ticket, Sh(2026, 3, 10, 0, 0)).Where(l => l.RuleId == "P2-progress").Should().BeEmpty();
    }

    [Fact]
    public void P2_TwoPlansNotEntered_300EachAndTwoMissedFollowUps_20PercentEach()
    {
        var ticket = new Ticket("p2o", "complaint", "general", []);
        ImmutableArray<PenaltyOccurrence> occurrences =
        [
            new("p2o", "plan-not-entered", Sh(2026, 3, 3, 9, 0)),
            new("p2o", "follow-up-missed", Sh(2026, 3, 9, 9, 0)),
            new("p2o", "plan-not-entered", Sh(2026, 3, 4, 9, 0)),
            new("p2o", "follow-up-poor", Sh(2026, 3, 10, 9, 0)),
            new("p2o", "follow-up-missed", Sh(2026, 3, 11, 9, 0)),
            new("p2o", "not-a-penalty", Sh(2026, 3, 11, 9, 0)),
        ];
        var lines = Assess(ticket, Sh(2026, 3, 20, 0, 0), occurrences);
        // Rule order (P2-follow-up-missed, P2-follow-up-poor, P2-plan-not-entered), then occurrence order.
        lines.Select(l => (l.RuleId, l.Role, l.PersonId, l.Amount, l.BonusPercent, l.Computation, l.At)).Should().Equal(
            ("P2-follow-up-missed", "follow-up-owner", "chen", (Money?)null, (decimal?)20m, "follow-up-missed: 20% of the month's bonus", Sh(2026, 3, 9, 9, 0)),
            ("P2-follow-up-missed", "follow-up-owner", "chen", null, 20m, "follow-up-missed: 20% of the month's bonus", Sh(2026, 3, 11, 9, 0)),
            ("P2-follow-up-poor", "follow-up-owner", "chen", null, 20m, "follow-up-poor: 20% of the month's bonus", Sh(2026, 3, 10, 9, 0)),
            ("P2-plan-not-entered", "accountable", "zhang", new Money(300m, "CNY"), null, "plan-not-entered: 1 x 300 = 300 CNY", Sh(2026, 3, 3, 9, 0)),
            ("P2-plan-not-entered", "accountable", "zhang", new Money(300m, "CNY"), null, "plan-not-entered: 1 x 300 = 300 CNY", Sh(2026, 3, 4, 9, 0)));
    }

    // ---- P3: overdue completion, per day late, tiers 1-7 / 8-15 and a band beyond 15 days ----

    // Signed off 03-02 10:00, agreed completion (T11 due) 03-05 18:00; the closure request comes `late` after it.
    private static ImmutableArray<PenaltyLine> P3Lines(Duration late, PenaltySchedule? schedule = null, SlaPolicy? sla = null)
    {
        var due = Sh(2026, 3, 5, 18, 0);
        var ticket = new Ticket("p3", "complaint", "general",
            [new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)), new TicketEvent("closure-requested", due + late)],
            fields: new Dictionary<string, Instant> { ["agreed-completion"] = due });
        return [.. Assess(ticket, Sh(2026, 4, 30, 0, 0), schedule: schedule, sla: sla).Where(l => l.Rule == "P3")];
    }

    private static (string RuleId, string? PersonId, decimal? Amount, BonusBand? Band, string Computation)[] Shape(IEnumerable<PenaltyLine> lines) =>
        [.. lines.Select(l => (l.RuleId, l.PersonId, l.Amount?.Amount, l.Band, l.Computation))];

    [Fact]
    public void P3_OnTime_NoLine()
    {
        P3Lines(Duration.Zero).Should().BeEmpty();
        P3Lines(-Duration.FromHours(3)).Should().BeEmpty();
    }

    [Fact]
    public void P3_ExactlySevenDaysLate_Day7_700And350()
    {
        // 7 x 100 = 700; leader 7 x 50 = 350.
        Shape(P3Lines(Duration.FromDays(7))).Should().Equal(
            ("P3-accountable", "zhang", 700m, null, "T11-completion 7 day(s) late (StartedDays): 7 x 100 (days 1-7) = 700 CNY"),
            ("P3-leader", "li", 350m, null, "T11-completion 7 day(s) late (StartedDays): 7 x 50 (days 1-7) = 350 CNY"));
    }

    [Fact]
    public void P3_SevenDaysAndOneMinuteLate_Day8_900And450()
    {
        // 8 started days: 7 x 100 + 1 x 200 = 900; leader 7 x 50 + 1 x 100 = 450.
        Shape(P3Lines(Duration.FromDays(7) + Duration.FromMinutes(1))).Should().Equal(
            ("P3-accountable", "zhang", 900m, null, "T11-completion 8 day(s) late (StartedDays): 7 x 100 (days 1-7) + 1 x 200 (days 8-8) = 900 CNY"),
            ("P3-leader", "li", 450m, null, "T11-completion 8 day(s) late (StartedDays): 7 x 50 (days 1-7) + 1 x 100 (days 8-8) = 450 CNY"));
    }

    [Fact]
    public void P3_ExactlyFifteenDaysLate_Day15_2300And1150_NoBand()
    {
        // 7 x 100 + 8 x 200 = 700 + 1600 = 2300; leader 7 x 50 + 8 x 100 = 350 + 800 = 1150.
        Shape(P3Lines(Duration.FromDays(15))).Should().Equal(
            ("P3-accountable", "zhang", 2300m, null, "T11-completion 15 day(s) late (StartedDays): 7 x 100 (days 1-7) + 8 x 200 (days 8-15) = 2300 CNY"),
            ("P3-leader", "li", 1150m, null, "T11-completion 15 day(s) late (StartedDays): 7 x 50 (days 1-7) + 8 x 100 (days 8-15) = 1150 CNY"));
    }

    [Fact]
    public void P3_FifteenDaysAndOneMinuteLate_Day16_TierFinesCappedAndTheBandLinesAppear()
    {
        // Day 16: the tiers stop at day 15 (2300 / 1150); from day 16 the band: 50-100 % (accountable), 20-50 % (leader).
        Shape(P3Lines(Duration.FromDays(15) + Duration.FromMinutes(1))).Should().Equal(
            ("P3-accountable", "zhang", 2300m, null, "T11-completion 16 day(s) late (StartedDays): 7 x 100 (days 1-7) + 8 x 200 (days 8-15) = 2300 CNY"),
            ("P3-accountable", "zhang", null, new BonusBand(16, 50m, 100m), "T11-completion 16 day(s) late, from day 16: 50%-100% of the month's bonus, at the company's discretion"),
            ("P3-leader", "li", 1150m, null, "T11-completion 16 day(s) late (StartedDays): 7 x 50 (days 1-7) + 8 x 100 (days 8-15) = 1150 CNY"),
            ("P3-leader", "li", null, new BonusBand(16, 20m, 50m), "T11-completion 16 day(s) late, from day 16: 20%-50% of the month's bonus, at the company's discretion"));
    }

    [Fact]
    public void P3_TwentyDaysLate_SameCappedFinesAndBand()
    {
        Shape(P3Lines(Duration.FromDays(20))).Select(l => (l.Amount, l.Band)).Should().Equal(
            (2300m, null), (null, new BonusBand(16, 50m, 100m)), (1150m, null), (null, new BonusBand(16, 20m, 50m)));
    }

    [Fact]
    public void P3_IssueExample_NineDaysLate_Accountable1100_Leader550()
    {
        // 8 days 3 hours late = 9 started days: 7 x 100 + 2 x 200 = 1100; leader 7 x 50 + 2 x 100 = 550.
        Shape(P3Lines(Duration.FromDays(8) + Duration.FromHours(3))).Should().Equal(
            ("P3-accountable", "zhang", 1100m, null, "T11-completion 9 day(s) late (StartedDays): 7 x 100 (days 1-7) + 2 x 200 (days 8-9) = 1100 CNY"),
            ("P3-leader", "li", 550m, null, "T11-completion 9 day(s) late (StartedDays): 7 x 50 (days 1-7) + 2 x 100 (days 8-9) = 550 CNY"));
    }

    [Fact]
    public void P3_ShippedSchedule_CountsStartedDays()
    {
        _schedule.DayCounting.Should().Be(DayCounting.StartedDays);
        _schedule.Currency.Should().Be("CNY");
    }

    [Theory]
    [InlineData(5, 1, 100)] // due 18:00, completed 23:00 the same date: 5 h = 1 started day x 100
    [InlineData(15, 1, 100)] // completed 09:00 the next day: 15 h = 1 started day x 100
    [InlineData(24, 1, 100)] // exactly 24 h = 1 started day x 100
    [InlineData(25, 2, 200)] // completed 19:00 the next day: 25 h = 2 started days x 100
    public void P3_ADayLate_StartedDays_AnyLatenessUpTo24HoursIsDay1(int hoursLate, int expectedDays, int expectedFine)
    {
        var lines = P3Lines(Duration.FromHours(hoursLate)).Where(l => l.RuleId == "P3-accountable").ToList();
        lines.Select(l => l.Amount!.Value.Amount).Should().Equal(expectedFine);
        lines[0].Computation.Should().StartWith($"T11-completion {expectedDays} day(s) late (StartedDays)");
    }

    // A rulebook like D's P3 but counting calendar dates (midnights crossed in the zone).
    private const string CalendarDatesDocument = """
        {
          "id": "d-calendar-dates", "zone": "Asia/Shanghai",
          "targets": [
            { "id": "T11-completion", "rule": "T11", "when": { "kinds": ["complaint"] }, "start": "order-signed-off", "stop": "closure-requested",
              "due": { "field": "agreed-completion" } }
          ],
          "penalties": {
            "currency": "CNY",
            "dayCounting": "calendarDates",
            "rules": [
              { "id": "P3-accountable", "rule": "P3", "target": "T11-completion", "role": "accountable",
                "tiers": [ { "from": 1, "to": 7, "perDay": 100 }, { "from": 8, "to": 15, "perDay": 200 } ] }
            ]
          }
        }
        """;

    [Fact]
    public void P3_ADayLate_CalendarDates_LatenessWithinTheDueDateIsDay0_NoLine()
    {
        var rulebook = PolicyDocument.LoadRulebook(CalendarDatesDocument).Value;
        rulebook.Penalties!.DayCounting.Should().Be(DayCounting.CalendarDates);
        // Due 03-05 18:00, completed 03-05 23:00: no midnight crossed -> 0 days -> no line (StartedDays would say day 1).
        P3Lines(Duration.FromHours(5), rulebook.Penalties, rulebook.Sla).Should().BeEmpty();
    }

    [Fact]
    public void P3_ADayLate_CalendarDates_CompletedNextMorning_Day1_100()
    {
        var rulebook = PolicyDocument.LoadRulebook(CalendarDatesDocument).Value;
        // Due 03-05 18:00, completed 03-06 09:00: one midnight -> 1 day x 100.
        Shape(P3Lines(Duration.FromHours(15), rulebook.Penalties, rulebook.Sla)).Should().Equal(
            ("P3-accountable", "zhang", 100m, null, "T11-completion 1 day(s) late (CalendarDates): 1 x 100 (days 1-1) = 100 CNY"));
    }

    [Fact]
    public void P3_ADayLate_CalendarDates_25HoursLateIsOneDate_StartedDaysSaysTwo()
    {
        var rulebook = PolicyDocument.LoadRulebook(CalendarDatesDocument).Value;
        // Due 03-05 18:00, completed 03-06 19:00: calendar dates 1 (100); started days 2 (2 x 100 = 200).
        Shape(P3Lines(Duration.FromHours(25), rulebook.Penalties, rulebook.Sla)).Select(l => l.Amount).Should().Equal(100m);
        Shape(P3Lines(Duration.FromHours(25))).Where(l => l.RuleId == "P3-accountable").Select(l => l.Amount).Should().Equal(200m);
    }

    [Fact]
    public void P3_DaysLate_UnderBothCountings_DirectlyOnTheEvaluation()
    {
        var calendarDates = PolicyDocument.LoadRulebook(CalendarDatesDocument).Value;
        var due = Sh(2026, 3, 5, 18, 0);
        foreach (var (completed, started, dates) in new[]
        {
            (Sh(2026, 3, 5, 23, 0), 1, 0), // 5 h, same date
            (Sh(2026, 3, 6, 0, 0), 1, 1), // 6 h, exactly at midnight
            (Sh(2026, 3, 6, 9, 0), 1, 1), // 15 h, next date
            (Sh(2026, 3, 6, 18, 0), 1, 1), // exactly 24 h
            (Sh(2026, 3, 7, 17, 0), 2, 2), // 47 h
        })
        {
            var ticket = new Ticket("dl", "complaint", "general",
                [new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)), new TicketEvent("closure-requested", completed)],
                fields: new Dictionary<string, Instant> { ["agreed-completion"] = due });
            var at = Sh(2026, 4, 1, 0, 0);
            var started11 = _d.Sla.Evaluate(ticket, at).Single(e => e.Target.Id == "T11-completion");
            var dates11 = calendarDates.Sla.Evaluate(ticket, at).Single(e => e.Target.Id == "T11-completion");
            _schedule.DaysLate(started11, at, Shanghai).Should().Be(started, $"completed {completed} under StartedDays");
            calendarDates.Penalties!.DaysLate(dates11, at, Shanghai).Should().Be(dates, $"completed {completed} under CalendarDates");
        }
    }

    // ---- P4: sanctions reported as lines without an amount ----

    [Fact]
    public void P4_AttitudeAndConcealedComplaints_SanctionLinesWithoutAmount()
    {
        var ticket = new Ticket("p4", "complaint", "general", []);
        var lines = Assess(ticket, Sh(2026, 3, 20, 0, 0),
            [new("p4", "concealed-complaint", Sh(2026, 3, 12, 9, 0)), new("p4", "attitude-complaint", Sh(2026, 3, 11, 9, 0))]);
        lines.Select(l => (l.RuleId, l.Rule, l.Role, l.PersonId, l.Amount, l.BonusPercent, l.Sanction, l.Computation)).Should().Equal(
            ("P4-attitude", "P4", "staff", "sun", (Money?)null, (decimal?)null, "pay cut one grade", "attitude-complaint: pay cut one grade"),
            ("P4-concealed", "P4", "staff", "sun", null, null, "pay cut three grades (more than two in a month: dismissal)",
                "concealed-complaint: pay cut three grades (more than two in a month: dismissal)"));
    }

    // ---- Roles nobody holds ----

    [Fact]
    public void P3_LeaderRoleWithNoPerson_LineKeptWithPersonIdNull()
    {
        var ticket = new Ticket("p3n", "complaint", "general",
            [new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)), new TicketEvent("closure-requested", Sh(2026, 3, 6, 9, 0))],
            fields: new Dictionary<string, Instant> { ["agreed-completion"] = Sh(2026, 3, 5, 18, 0) });
        var onlyAccountable = ImmutableDictionary<string, string>.Empty.Add("accountable", "zhang");
        var lines = Assess(ticket, Sh(2026, 3, 10, 0, 0), people: onlyAccountable).Where(l => l.Rule == "P3").ToList();
        // 15 h late = day 1: 100 (zhang), 50 (nobody).
        lines.Select(l => (l.RuleId, l.Role, l.PersonId, l.Amount!.Value.Amount)).Should().Equal(
            ("P3-accountable", "accountable", "zhang", 100m),
            ("P3-leader", "supervising-leader", (string?)null, 50m));
    }

    [Fact]
    public void P1P3_CanceledOrNotApplicableTargets_NoLines()
    {
        // A repair is not a complaint: none of D's targets applies, so no penalty even with old instants.
        var repair = new Ticket("r", "repair", "general", [new TicketEvent("call-ended", Sh(2026, 3, 2, 10, 0))]);
        Assess(repair, Sh(2026, 4, 1, 0, 0)).Should().BeEmpty();
        // A canceled complaint stops every clock before it was late.
        var canceled = new Ticket("c", "complaint", "general",
            [new TicketEvent("call-ended", Sh(2026, 3, 2, 10, 0)), new TicketEvent("canceled", Sh(2026, 3, 2, 10, 10))]);
        Assess(canceled, Sh(2026, 4, 1, 0, 0)).Should().BeEmpty();
    }

    [Fact]
    public void P2P3_ComplaintClosedLateThenReopened_KeepsTheChargesOfTheFirstCycle()
    {
        // Signed off 03-02 10:00, agreed completion 03-05 18:00, closure requested 03-14 09:00 (8 d 15 h = 9 started days), closed 03-14 12:00,
        // no progress update at all: T12 missed 03-02 .. 03-13 at 18:00 = 12 days. Reopened 03-20 09:00, assessed 03-20 10:00.
        // By hand: P2 12 x 200 = 2400 (zhang); P3 7 x 100 + 2 x 200 = 1100 (zhang), 7 x 50 + 2 x 100 = 550 (li).
        var ticket = new Ticket("re", "complaint", "general",
        [
            new TicketEvent("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            new TicketEvent("closure-requested", Sh(2026, 3, 14, 9, 0)),
            new TicketEvent("closed", Sh(2026, 3, 14, 12, 0)),
            new TicketEvent("reopened", Sh(2026, 3, 20, 9, 0)),
        ],
        fields: new Dictionary<string, Instant> { ["agreed-completion"] = Sh(2026, 3, 5, 18, 0) });
        Assess(ticket, Sh(2026, 3, 20, 10, 0)).Select(l => (l.RuleId, l.PersonId, l.Amount!.Value.Amount)).Should().Equal(
            ("P2-progress", "zhang", 2400m), ("P3-accountable", "zhang", 1100m), ("P3-leader", "li", 550m));
    }
}
