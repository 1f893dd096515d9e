using Feedback.Calendars;
using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Policies;

/// <summary>
/// PolicyDocument: what a bad document reports (the full list of JSON paths and messages, in order),
/// and what good documents mean when evaluated. Every expected instant is worked out by hand in the
/// comment above it; none is computed with the library. Instants are written in UTC.
/// </summary>
public class PolicyDocumentTests
{
    private const string TargetPropertyList =
        "id, rule, description, when, start, stop, pause, resume, cancel, reset, clock, within, workingDays, endOfDay, landing, due, thresholds, escalation, cycle, restartOnReopen";

    // ---------------------------------------------------------------- validation: every problem, by JSON path

    [Fact]
    public void Load_UnknownEventNames_ReportsEachWhereItIsUsed()
    {
        const string json = """
            { "id": "p", "zone": "UTC", "events": ["inspected", 5], "reopenEvent": "re-opened",
              "targets": [ { "id": "t", "start": "recieved", "stop": ["resolved", "closd"], "within": "PT1H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.events[1]: '5' is not an event name.",
            "$.reopenEvent: Unknown event 're-opened'; use a standard event name or declare it in \"events\".",
            "$.targets[0].start: Unknown event 'recieved'; use a standard event name or declare it in \"events\".",
            "$.targets[0].stop[1]: Unknown event 'closd'; use a standard event name or declare it in \"events\".");
    }

    [Fact]
    public void Load_NegativeDurations_AreRejectedForBudgetsAndEscalationSteps()
    {
        const string json = """
            { "id": "p", "zone": "UTC", "escalation": [ { "after": "-PT1M", "notify": ["lead"] } ],
              "targets": [ { "id": "t", "start": "received", "within": "-PT5M" } ] }
            """;
        Errors(json).Should().Equal(
            "$.escalation[0].after: Duration \"-PT1M\" is negative.",
            "$.targets[0].within: Duration \"-PT5M\" is negative; a budget must be zero or more.");
    }

    [Fact]
    public void Load_ClockNamingAnUnknownCalendar_ListsTheKnownClocks()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "calendars": { "gm-hotline": { "week": { "Weekdays": ["08:30-11:30", "13:30-16:30"] } } },
              "targets": [ { "id": "a", "start": "received", "clock": "office", "within": "PT4H" },
                           { "id": "b", "start": "received", "clock": "Wall", "within": "PT4H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.targets[0].clock: Unknown calendar 'office'; known: wall, gm-hotline.",
            "$.targets[1].clock: Unknown calendar 'Wall'; known: wall, gm-hotline.");
    }

    [Fact]
    public void Load_OverlappingPeriodsAndSeasons_ReportsEachOverlappingPair()
    {
        // Monday gets 08:00-12:00 and 11:00-13:00 from its own key and 12:30-14:00 from "Weekdays": two
        // overlapping neighbours. Tuesday: the overnight 20:00-09:00 (to 33:00) contains 22:00-23:00.
        // Seasons: 'late' starts on 09-01, inside 'summer' (05-01..09-30).
        const string json = """
            { "id": "p", "zone": "UTC",
              "calendars": { "desk": {
                "week": { "Monday": ["08:00-12:00", "11:00-13:00"], "Weekdays": ["12:30-14:00"], "Tuesday": ["20:00-09:00", "22:00-23:00"] },
                "seasons": [ { "name": "summer", "from": "05-01", "to": "09-30", "week": { "Weekdays": ["08:00-18:00"] } },
                             { "name": "late", "from": "09-01", "to": "10-31" } ] } },
              "targets": [] }
            """;
        Errors(json).Should().Equal(
            "$.calendars.desk.week.Monday: Working periods 08:00-12:00 and 11:00-13:00 overlap.",
            "$.calendars.desk.week.Monday: Working periods 11:00-13:00 and 12:30-14:00 overlap.",
            "$.calendars.desk.week.Tuesday: Working periods 20:00-09:00 and 22:00-23:00 overlap.",
            "$.calendars.desk.seasons[late]: Season 'late' (09-01..10-31) overlaps season 'summer' (05-01..09-30) on 09-01.");
    }

    [Fact]
    public void Load_ThresholdsOutOfRangeOrNotAscending_ReportsEachItem()
    {
        // 0 and 120 are not in (0, 100] and are skipped; 40 follows 50; the target's second 80 is not above the first.
        const string json = """
            { "id": "p", "zone": "UTC", "thresholds": [0, 50, 120, 40],
              "targets": [ { "id": "t", "start": "received", "within": "PT1H", "thresholds": [80, 80] } ] }
            """;
        Errors(json).Should().Equal(
            "$.thresholds[0]: Threshold 0 is not a percentage above 0 and at most 100.",
            "$.thresholds[2]: Threshold 120 is not a percentage above 0 and at most 100.",
            "$.thresholds[3]: Threshold 40 is not above the one before it (50); list them ascending.",
            "$.targets[0].thresholds[1]: Threshold 80 is not above the one before it (80); list them ascending.");
    }

    [Fact]
    public void Load_MisspeltPropertyNames_AreUnknownPropertiesAndTheBudgetIsMissing()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "calendars": { "c": { "week": { "Weekdays": ["09:00-17:00"] }, "holiday": "CN" } },
              "targets": [ { "id": "t", "start": "received", "withn": "PT1H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.calendars.c.holiday: Unknown property 'holiday'; expected one of: description, week, seasons, holidays, makeUpDaysWorkAs, dates, horizon.",
            $"$.targets[0].withn: Unknown property 'withn'; expected one of: {TargetPropertyList}.",
            "$.targets[0].within: A target due after its budget needs \"within\" (an ISO-8601 duration such as \"PT30M\") or \"workingDays\".");
    }

    [Fact]
    public void Load_UnknownZones_ReportsThePolicyAndTheProjectZone()
    {
        const string json = """
            { "id": "p", "zone": "Asia/Shangai", "projects": { "uk": { "zone": "Europe/Londn" } },
              "targets": [ { "id": "t", "start": "received", "within": "PT1H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.zone: Unknown time zone 'Asia/Shangai'; use an IANA id such as \"Asia/Shanghai\".",
            "$.projects.uk.zone: Unknown time zone 'Europe/Londn'; use an IANA id such as \"Asia/Shanghai\".");
    }

    [Fact]
    public void Load_WorkingDaysOnTheWallClockOrWithWithinOrNegative_IsRejected()
    {
        const string json = """
            { "id": "p", "zone": "UTC", "calendars": { "office": { "week": { "Weekdays": ["09:00-17:00"] } } },
              "targets": [ { "id": "a", "start": "received", "workingDays": 3 },
                           { "id": "b", "start": "received", "clock": "office", "within": "PT4H", "workingDays": 3 },
                           { "id": "c", "start": "received", "clock": "office", "workingDays": -1 } ] }
            """;
        Errors(json).Should().Equal(
            "$.targets[0].workingDays: Working days need a calendar: set \"clock\" to a calendar name.",
            "$.targets[1].workingDays: Give \"within\" or \"workingDays\", not both.",
            "$.targets[2].workingDays: '-1' is not a whole number of working days, 0 or more.");
    }

    [Fact]
    public void Load_ChainedStartAfterATargetDefinedLater_IsRejected()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "targets": [ { "id": "visit", "start": { "after": "signoff" }, "stop": "visited", "within": "PT1H" },
                           { "id": "signoff", "start": "order-submitted", "stop": "order-signed-off", "within": "PT1H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.targets[0].start.after: Target 'signoff' is not defined before this one; a chained target must follow the step it starts after.");
    }

    [Fact]
    public void Load_DuplicateTargetIds_ReportsEachRepeat()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "targets": [ { "id": "t", "start": "received", "within": "PT1H" },
                           { "id": "t", "start": "received", "within": "PT2H" },
                           { "id": "t", "start": "received", "within": "PT3H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.targets[1].id: Target id 't' is used twice.",
            "$.targets[2].id: Target id 't' is used twice.");
    }

    [Fact]
    public void Load_TargetsWithoutStartOrId_AreRejected()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "targets": [ { "id": "t", "within": "PT1H" }, { "start": "received", "within": "PT1H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.targets[0].start: A target needs a start: an event name, a list of event names, {\"field\": ...} or {\"after\": target, \"use\": ...}.",
            "$.targets[1].id: A non-empty string is required.");
    }

    [Fact]
    public void Load_PauseWithoutResumeOrResumeWithoutPause_NamesTheMissingHalf()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "targets": [ { "id": "a", "start": "received", "pause": "paused", "within": "PT1H" },
                           { "id": "b", "start": "received", "resume": "resumed", "within": "PT1H" } ] }
            """;
        Errors(json).Should().Equal(
            "$.targets[0].resume: Pause and resume events go together: give both or neither.",
            "$.targets[1].pause: Pause and resume events go together: give both or neither.");
    }

    [Fact]
    public void Load_BadDateRules_ReportsEachDateAndTheOverlapFoundWhenBuilding()
    {
        // 2026-02-30 does not exist; "holiday" is not "off" or a weekday; 8 is no rule; "9-12" is no period;
        // 2026-10-12's two periods overlap (reported by the calendar builder, under its own path form).
        const string json = """
            { "id": "p", "zone": "UTC",
              "calendars": { "c": { "week": { "Weekdays": ["09:00-17:00"] },
                "dates": { "2026-02-30": "off", "2026-10-10": "holiday", "2026-10-11": 8,
                           "2026-10-12": ["09:00-12:00", "11:00-13:00"], "2026-10-13": ["9-12"] } } },
              "targets": [] }
            """;
        Errors(json).Should().Equal(
            "$.calendars.c.dates.2026-02-30: '2026-02-30' is not a date of the form 2026-03-08.",
            "$.calendars.c.dates.2026-10-10: 'holiday' is not a weekday (Monday ... Sunday).",
            "$.calendars.c.dates.2026-10-11: Expected \"off\", a weekday whose hours the date works, or a list of periods; found 8.",
            "$.calendars.c.dates.2026-10-13[0]: \"9-12\" is not a working period; each side must be a time such as \"08:30\" or \"17:30:00\" (24:00 allowed as an end).",
            "$.calendars.c.dates[2026-10-12]: Working periods 09:00-12:00 and 11:00-13:00 overlap.");
    }

    [Fact]
    public void Load_UnknownHolidayRegionOrMakeUpWeekday_IsRejected()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "calendars": { "hk": { "week": { "Weekdays": ["09:00-17:00"] }, "holidays": "HK" },
                             "cn": { "week": { "Weekdays": ["09:00-17:00"] }, "holidays": "CN", "makeUpDaysWorkAs": "Funday" } },
              "targets": [] }
            """;
        Errors(json).Should().Equal(
            "$.calendars.hk.holidays: No holiday schedule for region 'HK'; known: CN.",
            "$.calendars.cn.makeUpDaysWorkAs: 'Funday' is not a weekday (Monday ... Sunday).");
    }

    [Fact]
    public void Load_NotJson_IsOneErrorAtTheRoot()
    {
        Errors("""{ "id": "p", "zone": "UTC", """).Should().Equal(
            "$: Not valid JSON: Expected start of a property name or value, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 28.");
        Errors("id: p").Should().Equal("$: Not valid JSON: 'i' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.");
    }

    [Fact]
    public void Load_NotAnObjectOrEmpty_ReportsWhatIsMissing()
    {
        Errors("[1, 2]").Should().Equal("$: Expected a policy object, found Array.");
        Errors("{}").Should().Equal(
            "$.id: A non-empty string is required.",
            "$.zone: A non-empty string is required.",
            "$.targets: A policy needs a list of targets.");
    }

    [Fact]
    public void Load_DurationBeyondTheNanosecondRange_ReportsTheTenYearLimit()
    {
        const string json = """{ "id": "p", "zone": "UTC", "targets": [ { "id": "t", "start": "received", "within": "P200000D" } ] }""";
        Errors(json).Should().Equal("$.targets[0].within: Duration 'P200000D' is longer than 3650 days; SLA durations are limited to ten years.");
    }

    [Fact]
    public void Load_UnknownCancelEventBesideAnotherError_IsReportedToo()
    {
        const string json = """{ "id": "p", "zone": "UTC", "targets": [ { "id": "t", "start": "recieved", "cancel": "cancelled", "within": "PT1H" } ] }""";
        Errors(json).Should().Equal(
            "$.targets[0].start: Unknown event 'recieved'; use a standard event name or declare it in \"events\".",
            "$.targets[0].cancel: Unknown event 'cancelled'; use a standard event name or declare it in \"events\".");
    }

    [Fact]
    public void Load_WeekKeyListingTwoDays_IsNotAWeekday()
    {
        const string json = """
            { "id": "p", "zone": "UTC",
              "calendars": { "c": { "week": { "Monday,Tuesday": ["08:00-09:00"], "Friday": ["08:00-09:00"] } } }, "targets": [] }
            """;
        Errors(json).Should().Equal("$.calendars.c.week.Monday,Tuesday: 'Monday,Tuesday' is not a weekday (Monday ... Sunday).");
    }

    [Fact]
    public void Load_WhenThatIsNotAnObject_IsRejected()
    {
        // Ignored silently before e3eb1cc, which made the target apply to every ticket.
        const string json = """{ "id": "p", "zone": "UTC", "targets": [ { "id": "t", "when": "complaint", "start": "received", "within": "PT1H" } ] }""";
        Errors(json).Should().Equal("$.targets[0].when: Expected an object of conditions (kinds, severities, categories), found \"complaint\".");
    }

    [Fact]
    public void LoadRulebook_PenaltyTierWithAStringDay_IsReportedNotThrown()
    {
        // Threw InvalidOperationException (JsonElement.TryGetInt32 on a string) before e3eb1cc.
        const string json = """
            { "id": "p", "zone": "UTC", "targets": [ { "id": "t", "start": "received", "within": "PT1H" } ],
              "penalties": { "currency": "CNY", "rules": [ { "id": "r", "role": "x", "target": "t", "tiers": [ {"from": "1", "to": 7, "perDay": 100} ] } ] } }
            """;
        PolicyDocument.LoadRulebook(json).ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}").Should().Equal(
            "$.penalties.rules[0].tiers[0]: A tier is {\"from\": day, \"to\": day, \"perDay\": amount of 0 or more}; found {\"from\": \"1\", \"to\": 7, \"perDay\": 100}.");
    }

    // ---------------------------------------------------------------- good documents and what they mean

    [Fact]
    public void Load_MinimalPolicy_HasTheDocumentedDefaults()
    {
        var policy = Loaded("""{ "id": "minimal", "zone": "UTC", "targets": [ { "id": "reply", "start": "received", "within": "PT30M" } ] }""");

        policy.Id.Should().Be("minimal");
        policy.Name.Should().BeNull();
        policy.DefaultZone.Should().Be(DateTimeZone.Utc);
        policy.ReopenEvent.Should().BeNull();
        policy.Events.Should().BeEquivalentTo(SlaEvents.Standard).And.BeInAscendingOrder(StringComparer.Ordinal);
        var target = policy.Targets.Should().ContainSingle().Subject;
        target.Clock.Should().Be(ClockKind.Wall);
        target.Due.Should().Be(DueKind.Budget);
        target.Budget.Should().Be(Duration.FromMinutes(30));
        target.Landing.Should().Be(GapLanding.AtEdge);
        target.Cycle.Should().Be(CycleChoice.Last);
        target.Thresholds.Should().Equal(50, 75, 90);
        target.Escalation.Should().BeEmpty();
        target.StopEvents.Should().BeEmpty();

        // Received 09:00; at 09:20: due 09:30, 20 of 30 minutes used = 66.7 % (past the 50 % threshold only).
        var ticket = NewTicket(("received", Utc(2026, 3, 2, 9, 0)));
        var running = policy.Evaluate(ticket, Utc(2026, 3, 2, 9, 20)).Single();
        running.State.Should().Be(TargetState.Running);
        running.Due.Should().Be(Utc(2026, 3, 2, 9, 30));
        running.Elapsed.Should().Be(Duration.FromMinutes(20));
        running.Remaining.Should().Be(Duration.FromMinutes(10));
        running.WarningLevel.Should().Be(1);

        // At 09:45 with no stop event: breached by 15 minutes, the first started day late.
        var breached = policy.Evaluate(ticket, Utc(2026, 3, 2, 9, 45)).Single();
        breached.State.Should().Be(TargetState.Breached);
        breached.LateBy.Should().Be(Duration.FromMinutes(15));
        breached.LateDays.Should().Be(1);
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_AreAccepted()
    {
        const string json = """
            {
              // A comment, and trailing commas.
              "id": "relaxed", "zone": "UTC",
              "targets": [ { "id": "t", "start": "received", "within": "PT1H", }, ],
            }
            """;
        Loaded(json).Targets.Should().ContainSingle();
    }

    [Fact]
    public void Load_DeclaredCustomEvents_CanStartAndStopTargets()
    {
        var policy = Loaded("""
            { "id": "custom", "zone": "UTC", "events": ["inspection-booked", "inspected"],
              "targets": [ { "id": "inspect", "start": "inspection-booked", "stop": "inspected", "within": "PT2H" } ] }
            """);
        policy.Events.Should().Contain(["inspection-booked", "inspected", "received"]);

        // Booked 10:00, inspected 11:30: due 12:00, met with 30 minutes to spare.
        var ticket = NewTicket(("inspection-booked", Utc(2026, 3, 2, 10, 0)), ("inspected", Utc(2026, 3, 2, 11, 30)));
        policy.Validate(ticket).IsSuccess.Should().BeTrue();
        var result = policy.Evaluate(ticket, Utc(2026, 3, 2, 13, 0)).Single();
        result.State.Should().Be(TargetState.Met);
        result.Due.Should().Be(Utc(2026, 3, 2, 12, 0));
        result.Elapsed.Should().Be(Duration.FromMinutes(90));
        result.Remaining.Should().Be(Duration.FromMinutes(30));
    }

    [Fact]
    public void Evaluate_ProjectWithItsOwnZone_CountsBusinessHoursInTheProjectZone()
    {
        var policy = Loaded("""
            { "id": "zones", "zone": "Asia/Shanghai",
              "calendars": { "office": { "week": { "Weekdays": ["09:00-17:00"] } } },
              "projects": { "london": { "zone": "Europe/London" } },
              "targets": [ { "id": "feedback", "start": "received", "stop": "feedback-given", "clock": "office", "within": "PT2H" } ] }
            """);
        var receivedAt = Utc(2026, 3, 2, 16, 30);   // Monday; London is on GMT (UTC+0) until 2026-03-29
        var london = new Ticket("L", "complaint", "general", [new TicketEvent("received", receivedAt)], project: "london");
        var shanghai = new Ticket("S", "complaint", "general", [new TicketEvent("received", receivedAt)]);
        policy.ZoneOf(london).Id.Should().Be("Europe/London");
        policy.ZoneOf(shanghai).Id.Should().Be("Asia/Shanghai");

        // London: Monday 16:30-17:00 is 30 min; 1 h 30 left from Tuesday 09:00 -> Tuesday 10:30 GMT = 10:30Z.
        // At Tuesday 02:00Z (02:00 London, closed): 30 min used, 1 h 30 left.
        var inLondon = policy.Evaluate(london, Utc(2026, 3, 3, 2, 0)).Single();
        inLondon.Due.Should().Be(Utc(2026, 3, 3, 10, 30));
        inLondon.Elapsed.Should().Be(Duration.FromMinutes(30));
        inLondon.Remaining.Should().Be(Duration.FromMinutes(90));

        // Shanghai (UTC+8): 16:30Z Monday is Tuesday 00:30; office opens 09:00 (01:00Z), 2 h later is 11:00 = 03:00Z.
        // At 02:00Z (10:00 Shanghai): 1 h used, 1 h left.
        var inShanghai = policy.Evaluate(shanghai, Utc(2026, 3, 3, 2, 0)).Single();
        inShanghai.Due.Should().Be(Utc(2026, 3, 3, 3, 0));
        inShanghai.Elapsed.Should().Be(Duration.FromHours(1));
        inShanghai.Remaining.Should().Be(Duration.FromHours(1));

        // Across London's change to BST: received Friday 2026-03-27 16:00 GMT (16:00Z): 1 h on Friday, 1 h left
        // from Monday 2026-03-30 09:00 BST (08:00Z) -> 10:00 BST = 09:00Z.
        var beforeDst = new Ticket("L2", "complaint", "general", [new TicketEvent("received", Utc(2026, 3, 27, 16, 0))], project: "london");
        policy.Evaluate(beforeDst, Utc(2026, 3, 27, 17, 0)).Single().Due.Should().Be(Utc(2026, 3, 30, 9, 0));
    }

    [Fact]
    public void Evaluate_StartFromATicketField_IsBackdated()
    {
        var policy = Loaded("""
            { "id": "backdated", "zone": "UTC",
              "targets": [ { "id": "resolve", "start": { "field": "reported-at" }, "stop": "resolved", "within": "PT4H" } ] }
            """);
        // The customer first reported at 09:00; the ticket was only received at 11:00.
        var ticket = new Ticket("b", "complaint", "general", [new TicketEvent("received", Utc(2026, 3, 2, 11, 0))],
            fields: new Dictionary<string, Instant> { ["reported-at"] = Utc(2026, 3, 2, 9, 0) });

        // At 12:00: started 09:00, due 13:00, 3 h of 4 used (75 %: thresholds 50 and 75 reached).
        var at12 = policy.Evaluate(ticket, Utc(2026, 3, 2, 12, 0)).Single();
        at12.State.Should().Be(TargetState.Running);
        at12.Start.Should().Be(Utc(2026, 3, 2, 9, 0));
        at12.Due.Should().Be(Utc(2026, 3, 2, 13, 0));
        at12.Elapsed.Should().Be(Duration.FromHours(3));
        at12.WarningLevel.Should().Be(2);

        // At 14:00: an hour late. At 08:00, before the reported time: not started.
        policy.Evaluate(ticket, Utc(2026, 3, 2, 14, 0)).Single().LateBy.Should().Be(Duration.FromHours(1));
        policy.Evaluate(ticket, Utc(2026, 3, 2, 8, 0)).Single().State.Should().Be(TargetState.NotStarted);
    }

    [Fact]
    public void Evaluate_ResetEvent_RestartsTheClockFromTheLastReset()
    {
        var policy = Loaded("""
            { "id": "resets", "zone": "UTC",
              "targets": [ { "id": "reply", "start": "received", "stop": "replied", "reset": "reset", "within": "PT1H" } ] }
            """);
        var received = NewTicket(("received", Utc(2026, 3, 2, 10, 0)));

        // Without a reset: due 11:00, at 11:20 breached by 20 minutes.
        var plain = policy.Evaluate(received, Utc(2026, 3, 2, 11, 20)).Single();
        plain.State.Should().Be(TargetState.Breached);
        plain.LateBy.Should().Be(Duration.FromMinutes(20));

        // Reset at 10:40: the clock starts again, due 11:40; at 11:20, 40 minutes used, 20 left.
        var reset = received.WithEvent("reset", Utc(2026, 3, 2, 10, 40));
        var once = policy.Evaluate(reset, Utc(2026, 3, 2, 11, 20)).Single();
        once.State.Should().Be(TargetState.Running);
        once.Start.Should().Be(Utc(2026, 3, 2, 10, 40));
        once.Due.Should().Be(Utc(2026, 3, 2, 11, 40));
        once.Elapsed.Should().Be(Duration.FromMinutes(40));
        once.Remaining.Should().Be(Duration.FromMinutes(20));

        // A second reset at 11:30 counts from then: due 12:30.
        policy.Evaluate(reset.WithEvent("reset", Utc(2026, 3, 2, 11, 30)), Utc(2026, 3, 2, 12, 0)).Single().Due.Should().Be(Utc(2026, 3, 2, 12, 30));
    }

    [Fact]
    public void Evaluate_CancelEvent_CancelsUnlessTheTargetStoppedFirst()
    {
        var policy = Loaded("""
            { "id": "cancels", "zone": "UTC",
              "targets": [ { "id": "visit", "start": "received", "stop": "visited", "cancel": "canceled", "within": "PT1H" } ] }
            """);
        var canceled = NewTicket(("received", Utc(2026, 3, 2, 10, 0)), ("canceled", Utc(2026, 3, 2, 10, 20)));

        // Canceled at 10:20: at 12:00 (past the 11:00 due) it is canceled, not breached, and has no due.
        var result = policy.Evaluate(canceled, Utc(2026, 3, 2, 12, 0)).Single();
        result.State.Should().Be(TargetState.Canceled);
        result.Start.Should().Be(Utc(2026, 3, 2, 10, 0));
        result.Due.Should().BeNull();
        policy.Evaluate(canceled, Utc(2026, 3, 2, 10, 10)).Single().State.Should().Be(TargetState.Running);

        // Visited at 10:15, before the cancel: met.
        policy.Evaluate(canceled.WithEvent("visited", Utc(2026, 3, 2, 10, 15)), Utc(2026, 3, 2, 12, 0)).Single().State.Should().Be(TargetState.Met);
    }

    [Fact]
    public void Evaluate_ReopenedTicket_FirstLastAndWorstCycleReportDifferentCycles()
    {
        var policy = Loaded("""
            { "id": "cycles", "zone": "UTC", "reopenEvent": "reopened",
              "targets": [
                { "id": "first", "start": "received", "stop": "resolved", "within": "PT1H", "restartOnReopen": true, "cycle": "first" },
                { "id": "last", "start": "received", "stop": "resolved", "within": "PT1H", "restartOnReopen": true, "cycle": "last" },
                { "id": "worst", "start": "received", "stop": "resolved", "within": "PT1H", "restartOnReopen": true, "cycle": "worst" } ] }
            """);
        var ticket = NewTicket(
            ("received", Utc(2026, 3, 2, 10, 0)), ("resolved", Utc(2026, 3, 2, 10, 30)),
            ("reopened", Utc(2026, 3, 2, 12, 0)), ("resolved", Utc(2026, 3, 2, 13, 30)),
            ("reopened", Utc(2026, 3, 2, 15, 0)), ("resolved", Utc(2026, 3, 2, 15, 10)));

        // Cycle 0: 10:00-10:30, due 11:00, met. Cycle 1 restarts at the reopen 12:00, due 13:00, resolved 13:30:
        // 30 minutes late. Cycle 2 restarts 15:00, due 16:00, resolved 15:10: met.
        var results = policy.Evaluate(ticket, Utc(2026, 3, 2, 16, 0));
        results.Select(r => (r.Target.Id, r.State, r.Cycle, r.Due, r.CycleCount)).Should().Equal(
            ("first", TargetState.Met, 0, Utc(2026, 3, 2, 11, 0), 3),
            ("last", TargetState.Met, 2, Utc(2026, 3, 2, 16, 0), 3),
            ("worst", TargetState.MetLate, 1, Utc(2026, 3, 2, 13, 0), 3));
        results[2].LateBy.Should().Be(Duration.FromMinutes(30));
        results[1].Start.Should().Be(Utc(2026, 3, 2, 15, 0));
    }

    [Fact]
    public void Evaluate_AcrossGapLanding_MovesADueOnAClosingEdgeToTheNextOpening()
    {
        var policy = Loaded("""
            { "id": "landing", "zone": "UTC",
              "calendars": { "office": { "week": { "Weekdays": ["09:00-17:00"] } } },
              "targets": [
                { "id": "edge", "start": "received", "clock": "office", "within": "PT8H" },
                { "id": "across", "start": "received", "clock": "office", "within": "PT8H", "landing": "acrossGap" } ] }
            """);
        var ticket = NewTicket(("received", Utc(2026, 3, 6, 9, 0)));   // Friday 09:00

        // 8 working hours from Friday 09:00 end exactly at Friday 17:00, the closing edge; across the
        // gap (the weekend) that is Monday 2026-03-09 09:00. At Friday 12:00 both have 5 working hours left.
        var noon = policy.Evaluate(ticket, Utc(2026, 3, 6, 12, 0));
        noon.Select(r => (r.Due, r.Remaining)).Should().Equal(
            (Utc(2026, 3, 6, 17, 0), Duration.FromHours(5)),
            (Utc(2026, 3, 9, 9, 0), Duration.FromHours(5)));

        // Friday 18:00: at the edge it is an hour late by the wall clock (no working time late); across the gap it still runs.
        var evening = policy.Evaluate(ticket, Utc(2026, 3, 6, 18, 0));
        evening[0].State.Should().Be(TargetState.Breached);
        evening[0].LateBy.Should().Be(Duration.FromHours(1));
        evening[0].LateOnClock.Should().Be(Duration.Zero);
        evening[1].State.Should().Be(TargetState.Running);
    }

    [Fact]
    public void Evaluate_SeverityChange_KeepsTheSurvivingTargetsPausedTimeAndPausesTheNewOneAlike()
    {
        var policy = Loaded("""
            { "id": "severity", "zone": "UTC",
              "targets": [
                { "id": "resolve-any", "when": { "severities": ["general", "important"] }, "start": "received", "stop": "resolved",
                  "pause": "paused", "resume": "resumed", "within": "PT4H" },
                { "id": "resolve-important", "when": { "severities": ["important"] }, "start": "received", "stop": "resolved",
                  "pause": "paused", "resume": "resumed", "within": "PT2H" } ] }
            """);
        var general = NewTicket(("received", Utc(2026, 3, 2, 10, 0)), ("paused", Utc(2026, 3, 2, 10, 30)), ("resumed", Utc(2026, 3, 2, 11, 30)));
        var at = Utc(2026, 3, 2, 12, 0);

        // General: resolve-any paused 1 h -> due 10:00 + 4 h + 1 h = 15:00; 2 h since the start less 1 h paused = 1 h used.
        var before = policy.Evaluate(general, at);
        before[0].Due.Should().Be(Utc(2026, 3, 2, 15, 0));
        before[0].Paused.Should().Be(Duration.FromHours(1));
        before[0].Elapsed.Should().Be(Duration.FromHours(1));
        before[1].State.Should().Be(TargetState.NotApplicable);

        // Raised to important: resolve-any is unchanged; resolve-important subtracts the same pause: due 10:00 + 2 h + 1 h = 13:00.
        var after = policy.Evaluate(general.WithSeverity("important"), at);
        after[0].Should().Be(before[0]);
        after[1].State.Should().Be(TargetState.Running);
        after[1].Paused.Should().Be(Duration.FromHours(1));
        after[1].Due.Should().Be(Utc(2026, 3, 2, 13, 0));
        after[1].Elapsed.Should().Be(Duration.FromHours(1));
        after[1].Remaining.Should().Be(Duration.FromHours(1));

        // Raised to major: neither applies.
        policy.Evaluate(general.WithSeverity("major"), at).Select(r => r.State).Should().Equal(TargetState.NotApplicable, TargetState.NotApplicable);
    }

    private static string[] Errors(string json) =>
        [.. PolicyDocument.Load(json).ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}")];

    private static SlaPolicy Loaded(string json)
    {
        var result = PolicyDocument.Load(json);
        result.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}").Should().BeEmpty();
        return result.Value;
    }

    private static Ticket NewTicket(params (string Name, Instant At)[] events) =>
        new("t", "complaint", "general", events.Select(e => new TicketEvent(e.Name, e.At)));

    private static Instant Utc(int year, int month, int day, int hour, int minute) => Instant.FromUtc(year, month, day, hour, minute);
}
