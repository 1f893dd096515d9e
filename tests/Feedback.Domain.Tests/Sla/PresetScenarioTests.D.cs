using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Sla;

/// <summary>
/// Preset D (group after-sales complaint measures): T8-T14 on the wall clock, thresholds 50/75/90,
/// escalation at 75/100/200 % and reopen cycles ("reopened"). 2026-03-02 is a Monday.
/// </summary>
public partial class PresetScenarioTests
{
    private static SlaPolicy D => PolicyPresets.AfterSalesComplaints;

    private static Ticket Complaint(params TicketEvent[] events) => NewTicket("complaint", "general", null, events);

    // ---------------------------------------------------------------- T8

    [Fact]
    public void T8_DraftStartsWhenTheVisitorLeaves_DraftedAfter25Minutes_Met()
    {
        var ticket = Complaint(E("visitor-left", Sh(2026, 3, 2, 9, 0)), E("order-drafted", Sh(2026, 3, 2, 9, 25)));

        var t8 = Eval(D, ticket, Sh(2026, 3, 2, 12, 0), "T8-draft");

        // 09:00 + 30 min -> 09:30; drafted 09:25: 25 min used, 5 left; 25/30 = 83.3 % -> warning 2 (50, 75),
        // escalation step 1 (75 %: accountable).
        t8.State.Should().Be(TargetState.Met);
        t8.Start.Should().Be(Sh(2026, 3, 2, 9, 0));
        t8.Due.Should().Be(Sh(2026, 3, 2, 9, 30));
        t8.Elapsed.Should().Be(Min(25));
        t8.Remaining.Should().Be(Min(5));
        t8.WarningLevel.Should().Be(2);
        t8.EscalationLevel.Should().Be(1);
        t8.EscalationStep!.Notify.Should().Equal("accountable");
    }

    [Theory]
    // 14 min: 46.7 % -> nothing.
    [InlineData(14, 0, 0, TargetState.Running)]
    // 15 min: exactly 50 % -> warning 1.
    [InlineData(15, 1, 0, TargetState.Running)]
    // 23 min: 76.7 % -> warning 2, escalation 1 (75 %).
    [InlineData(23, 2, 1, TargetState.Running)]
    // 28 min: 93.3 % -> warning 3.
    [InlineData(28, 3, 1, TargetState.Running)]
    // 31 min: 103.3 % -> breached, escalation 2 (100 %).
    [InlineData(31, 3, 2, TargetState.Breached)]
    // 60 min: 200 % -> escalation 3 (200 %).
    [InlineData(60, 3, 3, TargetState.Breached)]
    public void T8_DraftRunning_WarningLevelsAndEscalationByPercentOfTheHalfHour(int minutes, int warning, int escalation, TargetState state)
    {
        var ticket = Complaint(E("call-ended", Sh(2026, 3, 2, 9, 0)));

        var t8 = Eval(D, ticket, Sh(2026, 3, 2, 9, 0) + Min(minutes), "T8-draft");

        t8.State.Should().Be(state);
        t8.PercentUsed.Should().BeApproximately(100.0 * minutes / 30, 1e-9);
        t8.WarningLevel.Should().Be(warning);
        t8.EscalationLevel.Should().Be(escalation);
    }

    [Fact]
    public void T8_DraftBreachedTwice_TopEscalationNotifiesTheChairman()
    {
        var ticket = Complaint(E("call-ended", Sh(2026, 3, 2, 9, 0)));

        var t8 = Eval(D, ticket, Sh(2026, 3, 2, 10, 0), "T8-draft");

        // 60 min of 30 = 200 %: the third step of the policy-wide ladder.
        t8.EscalationStep!.Notify.Should().Equal("accountable", "supervising-leader", "chairman");
        t8.LateBy.Should().Be(Min(30));
    }

    [Fact]
    public void T8_SignOffTakes72Minutes_MetLateByTwelveMinutes()
    {
        var ticket = Complaint(E("order-submitted", Sh(2026, 3, 2, 9, 30)), E("order-signed-off", Sh(2026, 3, 2, 10, 42)));

        var t8 = Eval(D, ticket, Sh(2026, 3, 2, 12, 0), "T8-signoff");

        // Submitted 09:30 + 1 h -> 10:30; signed off 10:42: 12 min late -> 1 started day.
        t8.State.Should().Be(TargetState.MetLate);
        t8.Due.Should().Be(Sh(2026, 3, 2, 10, 30));
        t8.LateBy.Should().Be(Min(12));
        t8.LateDays.Should().Be(1);
    }

    // ---------------------------------------------------------------- T9 / T10 chaining

    [Fact]
    public void T9_VisitBeforeSignOff_NotStartedUntilTheOrderIsSignedOff()
    {
        var ticket = Complaint(E("order-submitted", Sh(2026, 3, 2, 9, 30)));

        var results = D.Evaluate(ticket, Sh(2026, 3, 2, 10, 0)).ToDictionary(r => r.Target.Id);

        // The order is not signed off yet: T8-signoff runs (due 10:30), T9 waits without a due time.
        results["T8-signoff"].State.Should().Be(TargetState.Running);
        results["T9-visit"].State.Should().Be(TargetState.NotStarted);
        results["T9-visit"].Due.Should().BeNull();
    }

    [Fact]
    public void T9_VisitAfterSignOff_DueOneHourAfterActualSignOff()
    {
        var ticket = Complaint(
            E("order-submitted", Sh(2026, 3, 2, 9, 30)),
            E("order-signed-off", Sh(2026, 3, 2, 10, 50)),
            E("visited", Sh(2026, 3, 2, 11, 40)));

        var results = D.Evaluate(ticket, Sh(2026, 3, 2, 12, 0)).ToDictionary(r => r.Target.Id);

        // Sign-off was due 10:30 and happened 10:50 (late); T9 starts at the actual sign-off 10:50, not at 10:30:
        // due 11:50; visited 11:40 -> met, 50 min used, 10 left.
        results["T8-signoff"].State.Should().Be(TargetState.MetLate);
        var t9 = results["T9-visit"];
        t9.State.Should().Be(TargetState.Met);
        t9.Start.Should().Be(Sh(2026, 3, 2, 10, 50));
        t9.Due.Should().Be(Sh(2026, 3, 2, 11, 50));
        t9.Elapsed.Should().Be(Min(50));
        t9.Remaining.Should().Be(Min(10));
    }

    [Fact]
    public void T10_CustomerRefusesTheVisit_RecordWithinAnHour_CallbackWithin30MinutesOfTheRecord()
    {
        var ticket = Complaint(
            E("order-submitted", Sh(2026, 3, 2, 9, 30)),
            E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            E("visit-refused", Sh(2026, 3, 2, 10, 40)),
            E("visit-recorded", Sh(2026, 3, 2, 11, 30)));

        var running = D.Evaluate(ticket, Sh(2026, 3, 2, 11, 45)).ToDictionary(r => r.Target.Id);

        // The refusal stops T9 (due 11:00): met.
        running["T9-visit"].State.Should().Be(TargetState.Met);

        // Record: refused 10:40 + 1 h -> 11:40; recorded 11:30 -> met.
        running["T10-record"].State.Should().Be(TargetState.Met);
        running["T10-record"].Due.Should().Be(Sh(2026, 3, 2, 11, 40));

        // Callback: from the actual record 11:30 + 30 min -> 12:00; at 11:45, 15 min used, 15 left.
        var callback = running["T10-callback"];
        callback.State.Should().Be(TargetState.Running);
        callback.Start.Should().Be(Sh(2026, 3, 2, 11, 30));
        callback.Due.Should().Be(Sh(2026, 3, 2, 12, 0));
        callback.Elapsed.Should().Be(Min(15));
        callback.Remaining.Should().Be(Min(15));

        // Called back 12:05: 5 min late.
        var late = Eval(D, ticket.WithEvent("called-back", Sh(2026, 3, 2, 12, 5)), Sh(2026, 3, 2, 13, 0), "T10-callback");
        late.State.Should().Be(TargetState.MetLate);
        late.LateBy.Should().Be(Min(5));
    }

    [Fact]
    public void T10_CallbackNotStartedUntilTheVisitIsRecorded()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)), E("visit-refused", Sh(2026, 3, 2, 10, 40)));

        var results = D.Evaluate(ticket, Sh(2026, 3, 2, 11, 0)).ToDictionary(r => r.Target.Id);

        results["T10-record"].State.Should().Be(TargetState.Running);
        results["T10-callback"].State.Should().Be(TargetState.NotStarted);
        results["T10-callback"].Due.Should().BeNull();
    }

    [Fact]
    public void T10_VisitMadeNoRefusal_RecordTargetNeverStarts()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)), E("visited", Sh(2026, 3, 2, 10, 40)));

        var results = D.Evaluate(ticket, Sh(2026, 3, 3, 10, 0)).ToDictionary(r => r.Target.Id);

        results["T10-record"].State.Should().Be(TargetState.NotStarted);
        results["T10-callback"].State.Should().Be(TargetState.NotStarted);
    }

    // ---------------------------------------------------------------- T11 earliest-of

    [Fact]
    public void T11_OrderTimeEarlierThanAgreed_DueAtTheOrderTime_Explained()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)))
            .WithField("required-completion", Sh(2026, 3, 4, 12, 0))
            .WithField("agreed-completion", Sh(2026, 3, 6, 18, 0));

        var t11 = Eval(D, ticket, Sh(2026, 3, 3, 10, 0), "T11-completion");

        // Order Wed 12:00 < agreed Fri 18:00 -> order (candidate 0). At Tue 10:00: 24 h used, 26 h left.
        t11.State.Should().Be(TargetState.Running);
        t11.Due.Should().Be(Sh(2026, 3, 4, 12, 0));
        t11.ChosenCandidate.Should().Be(0);
        t11.Elapsed.Should().Be(Duration.FromHours(24));
        t11.Remaining.Should().Be(Duration.FromHours(26));
        D.Explain(ticket, Sh(2026, 3, 3, 10, 0))["T11-completion"]
            .Should().Contain("order 2026-03-04 12:00:00 is earlier than agreed 2026-03-06 18:00:00");
    }

    [Fact]
    public void T11_AgreedTimeEarlierThanOrder_ClosureRequestedNextMorning_MetLate()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)), E("closure-requested", Sh(2026, 3, 4, 9, 0)))
            .WithField("required-completion", Sh(2026, 3, 5, 12, 0))
            .WithField("agreed-completion", Sh(2026, 3, 3, 17, 0));

        var t11 = Eval(D, ticket, Sh(2026, 3, 4, 10, 0), "T11-completion");

        // Agreed Tue 17:00 < order Thu 12:00 -> agreed (candidate 1); closure requested Wed 09:00: 16 h late.
        t11.State.Should().Be(TargetState.MetLate);
        t11.Due.Should().Be(Sh(2026, 3, 3, 17, 0));
        t11.ChosenCandidate.Should().Be(1);
        t11.LateBy.Should().Be(Duration.FromHours(16));
        t11.LateDays.Should().Be(1);
        D.Explain(ticket, Sh(2026, 3, 4, 10, 0))["T11-completion"]
            .Should().Contain("agreed 2026-03-03 17:00:00 is earlier than order 2026-03-05 12:00:00");
    }

    [Fact]
    public void T11_OnlyTheOrderTimeSet_DueAtTheOrderTime()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)))
            .WithField("required-completion", Sh(2026, 3, 4, 12, 0));

        var t11 = Eval(D, ticket, Sh(2026, 3, 3, 10, 0), "T11-completion");

        t11.Due.Should().Be(Sh(2026, 3, 4, 12, 0));
        t11.ChosenCandidate.Should().Be(0);
        D.Explain(ticket, Sh(2026, 3, 3, 10, 0))["T11-completion"]
            .Should().Contain("order 2026-03-04 12:00:00 is earlier than agreed (not set)");
    }

    [Fact]
    public void T11_OnlyTheAgreedTimeSet_DueAtTheAgreedTime()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)))
            .WithField("agreed-completion", Sh(2026, 3, 3, 17, 0));

        var t11 = Eval(D, ticket, Sh(2026, 3, 3, 10, 0), "T11-completion");

        // At Tue 10:00: 24 h used, 7 h left until the agreed Tue 17:00.
        t11.Due.Should().Be(Sh(2026, 3, 3, 17, 0));
        t11.ChosenCandidate.Should().Be(1);
        t11.Remaining.Should().Be(Duration.FromHours(7));
        D.Explain(ticket, Sh(2026, 3, 3, 10, 0))["T11-completion"]
            .Should().Contain("agreed 2026-03-03 17:00:00 is earlier than order (not set)");
    }

    [Fact]
    public void T11_NeitherTimeSet_RunningWithoutDue()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)));

        var t11 = Eval(D, ticket, Sh(2026, 3, 20, 10, 0), "T11-completion");

        t11.State.Should().Be(TargetState.Running);
        t11.Due.Should().BeNull();
        t11.ChosenCandidate.Should().Be(-1);
        t11.PercentUsed.Should().Be(0);
        D.Explain(ticket, Sh(2026, 3, 20, 10, 0))["T11-completion"].Should().Contain("none of which is set");
    }

    [Fact]
    public void T11_PausedNow_StatePaused_AnchoredDueDoesNotMove()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)), E("paused", Sh(2026, 3, 3, 10, 0)))
            .WithField("required-completion", Sh(2026, 3, 4, 12, 0));

        var t11 = Eval(D, ticket, Sh(2026, 3, 3, 12, 0), "T11-completion");

        // Used Mon 10:00 -> Tue 10:00 = 24 h; paused 2 h so far; the due instant is a field, not a budget: still Wed 12:00,
        // 24 h away from Tue 12:00.
        t11.State.Should().Be(TargetState.Paused);
        t11.Due.Should().Be(Sh(2026, 3, 4, 12, 0));
        t11.Elapsed.Should().Be(Duration.FromHours(24));
        t11.Paused.Should().Be(Duration.FromHours(2));
        t11.Remaining.Should().Be(Duration.FromHours(24));
    }

    [Fact]
    public void T11_Canceled_StateCanceled()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)), E("canceled", Sh(2026, 3, 3, 9, 0)))
            .WithField("required-completion", Sh(2026, 3, 3, 8, 0));

        // Canceled Tue 09:00 (after the 08:00 due, but canceled wins over breached).
        Eval(D, ticket, Sh(2026, 3, 4, 10, 0), "T11-completion").State.Should().Be(TargetState.Canceled);
    }

    // ---------------------------------------------------------------- T12 daily 18:00

    [Fact]
    public void T12_ProgressMissedOnTuesday_OneMissBreached_NextDueThursday1800()
    {
        var ticket = Complaint(
            E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            E("progress-updated", Sh(2026, 3, 2, 17, 0)),
            E("progress-updated", Sh(2026, 3, 4, 17, 59)));

        var t12 = Eval(D, ticket, Sh(2026, 3, 5, 12, 0), "T12-progress");

        // Deadlines Mon 18:00 (update 17:00, ok), Tue 18:00 (none: miss), Wed 18:00 (17:59, ok); next Thu 18:00.
        // Elapsed Mon 10:00 -> Thu 12:00 = 74 h; 6 h to the next deadline.
        t12.State.Should().Be(TargetState.Breached);
        t12.Misses.Should().Be(1);
        t12.Due.Should().Be(Sh(2026, 3, 5, 18, 0));
        t12.Elapsed.Should().Be(Duration.FromHours(74));
        t12.Remaining.Should().Be(Duration.FromHours(6));
    }

    [Fact]
    public void T12_FirstDay_RunningUntil1800_PercentOfTheDayUsed()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 10, 0)));

        var t12 = Eval(D, ticket, Sh(2026, 3, 2, 15, 0), "T12-progress");

        // From the sign-off 10:00 to the first deadline 18:00: 5 of 8 h used = 62.5 % -> level 1.
        t12.State.Should().Be(TargetState.Running);
        t12.Misses.Should().Be(0);
        t12.Due.Should().Be(Sh(2026, 3, 2, 18, 0));
        t12.PercentUsed.Should().BeApproximately(62.5, 1e-9);
        t12.WarningLevel.Should().Be(1);
    }

    [Fact]
    public void T12_SignedOffAfter1800_FirstDeadlineIsTheNextDay()
    {
        var ticket = Complaint(E("order-signed-off", Sh(2026, 3, 2, 18, 30)));

        var t12 = Eval(D, ticket, Sh(2026, 3, 3, 12, 0), "T12-progress");

        // Mon 18:00 is before the sign-off: the first deadline is Tue 18:00; nothing missed.
        t12.State.Should().Be(TargetState.Running);
        t12.Misses.Should().Be(0);
        t12.Due.Should().Be(Sh(2026, 3, 3, 18, 0));
    }

    [Fact]
    public void T12_UpdateAt1801_CountsForTheNextDayNotTheMissedOne()
    {
        var ticket = Complaint(
            E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            E("progress-updated", Sh(2026, 3, 2, 17, 0)),
            E("progress-updated", Sh(2026, 3, 3, 18, 1)));

        // Tue 18:00 passed without an update (18:01 is after it): 1 miss. Wed 18:00 is covered by Tue 18:01.
        Eval(D, ticket, Sh(2026, 3, 4, 12, 0), "T12-progress").Misses.Should().Be(1);
        Eval(D, ticket, Sh(2026, 3, 4, 19, 0), "T12-progress").Misses.Should().Be(1);
        Eval(D, ticket, Sh(2026, 3, 4, 19, 0), "T12-progress").Due.Should().Be(Sh(2026, 3, 5, 18, 0));
    }

    [Fact]
    public void T12_WeekendDaysCount_WallClockObligation()
    {
        var ticket = Complaint(
            E("order-signed-off", Sh(2026, 3, 6, 10, 0)),
            E("progress-updated", Sh(2026, 3, 6, 17, 0)),
            E("progress-updated", Sh(2026, 3, 9, 17, 0)));

        var t12 = Eval(D, ticket, Sh(2026, 3, 9, 19, 0), "T12-progress");

        // The preset's T12 has no calendar: Sat 03-07 and Sun 03-08 18:00 are deadlines too -> 2 misses.
        t12.Misses.Should().Be(2);
        t12.State.Should().Be(TargetState.Breached);
        t12.Due.Should().Be(Sh(2026, 3, 10, 18, 0));
    }

    [Fact]
    public void T12_ClosedAfterAMissedDay_MetLate_NoNextDue()
    {
        var ticket = Complaint(
            E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            E("progress-updated", Sh(2026, 3, 2, 17, 0)),
            E("progress-updated", Sh(2026, 3, 4, 17, 59)),
            E("closed", Sh(2026, 3, 5, 17, 0)));

        var t12 = Eval(D, ticket, Sh(2026, 3, 6, 12, 0), "T12-progress");

        // Closed Thu 17:00, before Thu's 18:00; Tue was missed -> met late with 1 miss, no further deadline.
        t12.State.Should().Be(TargetState.MetLate);
        t12.Misses.Should().Be(1);
        t12.Due.Should().BeNull();
    }

    [Fact]
    public void T12_EveryDayUpdatedThenClosed_Met()
    {
        var ticket = Complaint(
            E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            E("progress-updated", Sh(2026, 3, 2, 17, 0)),
            E("progress-updated", Sh(2026, 3, 3, 17, 0)),
            E("closed", Sh(2026, 3, 4, 12, 0)));

        var t12 = Eval(D, ticket, Sh(2026, 3, 5, 12, 0), "T12-progress");

        t12.State.Should().Be(TargetState.Met);
        t12.Misses.Should().Be(0);
    }

    // ---------------------------------------------------------------- T13, T14

    [Fact]
    public void T13_ClosureMaterialCheckedAfter20Minutes_Met()
    {
        var ticket = Complaint(
            E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
            E("closure-requested", Sh(2026, 3, 5, 15, 0)),
            E("closure-checked", Sh(2026, 3, 5, 15, 20)));

        var t13 = Eval(D, ticket, Sh(2026, 3, 5, 16, 0), "T13-check");

        // 15:00 + 30 min -> 15:30; checked 15:20: 20 min used, 10 left.
        t13.State.Should().Be(TargetState.Met);
        t13.Due.Should().Be(Sh(2026, 3, 5, 15, 30));
        t13.Elapsed.Should().Be(Min(20));
        t13.Remaining.Should().Be(Min(10));
    }

    [Theory]
    [InlineData("general", false)]
    [InlineData("important", false)]
    [InlineData("major", true)]
    [InlineData("group", true)]
    [InlineData("common", true)]
    public void T14_MeetingMinutes_OnlyForMajorGroupAndCommonIssueComplaints(string severity, bool applies)
    {
        var ticket = NewTicket("complaint", severity, null, E("meeting-held", Sh(2026, 3, 2, 14, 0)));

        var t14 = Eval(D, ticket, Sh(2026, 3, 2, 20, 0), "T14-minutes");

        if (applies)
        {
            // Meeting Mon 14:00 + 24 h -> Tue 14:00.
            t14.State.Should().Be(TargetState.Running);
            t14.Due.Should().Be(Sh(2026, 3, 3, 14, 0));
        }
        else
        {
            t14.State.Should().Be(TargetState.NotApplicable);
        }
    }

    [Fact]
    public void T14_ClaimReportWithinThreeDays_ThenFiledWithin24HoursOfTheReport()
    {
        var ticket = Complaint(E("claim-received", Sh(2026, 3, 2, 10, 0)), E("claim-reported", Sh(2026, 3, 4, 16, 0)));

        // Before the report the filing step waits.
        Eval(D, ticket, Sh(2026, 3, 3, 10, 0), "T14-claim-filed").State.Should().Be(TargetState.NotStarted);

        var results = D.Evaluate(ticket, Sh(2026, 3, 5, 17, 0)).ToDictionary(r => r.Target.Id);

        // Report: Mon 10:00 + 3 days -> Thu 03-05 10:00; reported Wed 16:00 -> met.
        results["T14-claim-report"].State.Should().Be(TargetState.Met);
        results["T14-claim-report"].Due.Should().Be(Sh(2026, 3, 5, 10, 0));

        // Filing: from the actual report Wed 16:00 + 24 h -> Thu 16:00; not filed at Thu 17:00 -> breached by 1 h.
        results["T14-claim-filed"].State.Should().Be(TargetState.Breached);
        results["T14-claim-filed"].Start.Should().Be(Sh(2026, 3, 4, 16, 0));
        results["T14-claim-filed"].Due.Should().Be(Sh(2026, 3, 5, 16, 0));
        results["T14-claim-filed"].LateBy.Should().Be(Duration.FromHours(1));
    }

    [Fact]
    public void T8_T14_RepairTicket_NothingInPresetDApplies()
    {
        var ticket = NewTicket("repair", "general", null, E("call-ended", Sh(2026, 3, 2, 9, 0)));

        D.Evaluate(ticket, Sh(2026, 3, 2, 12, 0)).Should().OnlyContain(r => r.State == TargetState.NotApplicable);
        D.Explain(ticket, Sh(2026, 3, 2, 12, 0)).Should().BeEmpty();
    }

    // ---------------------------------------------------------------- Reopen cycles

    private static Ticket ClosedAndReopened() => Complaint(
        E("call-ended", Sh(2026, 3, 2, 9, 0)),
        E("order-drafted", Sh(2026, 3, 2, 9, 20)),
        E("order-submitted", Sh(2026, 3, 2, 9, 30)),
        E("order-signed-off", Sh(2026, 3, 2, 10, 0)),
        E("visited", Sh(2026, 3, 2, 10, 30)),
        E("progress-updated", Sh(2026, 3, 2, 17, 0)),
        E("progress-updated", Sh(2026, 3, 3, 17, 0)),
        E("closure-requested", Sh(2026, 3, 4, 15, 0)),
        E("closure-checked", Sh(2026, 3, 4, 15, 10)),
        E("closed", Sh(2026, 3, 4, 16, 0)),
        E("reopened", Sh(2026, 3, 9, 10, 0)));

    [Fact]
    public void T8_T12_Reopened_OnlyTargetsMarkedRestartOnReopenStartAtTheReopen()
    {
        var results = D.Evaluate(ClosedAndReopened(), Sh(2026, 3, 9, 10, 45)).ToDictionary(r => r.Target.Id);

        // Cycle 2 starts at the reopen Mon 03-09 10:00. No new call-ended, and T8-draft is not marked
        // restartOnReopen: it waits for its own start event; the first cycle's events do not count.
        var t8 = results["T8-draft"];
        t8.Cycle.Should().Be(1);
        t8.CycleCount.Should().Be(2);
        t8.Start.Should().BeNull();
        t8.State.Should().Be(TargetState.NotStarted);

        // T12 is marked restartOnReopen: it restarts at 10:00, the first deadline is Mon 03-09 18:00, none missed.
        var t12 = results["T12-progress"];
        t12.Start.Should().Be(Sh(2026, 3, 9, 10, 0));
        t12.State.Should().Be(TargetState.Running);
        t12.Misses.Should().Be(0);
        t12.Due.Should().Be(Sh(2026, 3, 9, 18, 0));

        // No sign-off in cycle 2, so the chained T9 waits.
        results["T9-visit"].State.Should().Be(TargetState.NotStarted);

        D.Explain(ClosedAndReopened(), Sh(2026, 3, 9, 10, 45))["T12-progress"]
            .Should().Contain("[cycle 2 of 2, Last]").And.Contain("restarted at the reopen 2026-03-09 10:00:00");
    }

    [Fact]
    public void T8_T9_Reopened_StartEventsThatRecurStartTheNewCycleAtTheirOwnTime()
    {
        var ticket = ClosedAndReopened()
            .WithEvent("call-ended", Sh(2026, 3, 9, 10, 5))
            .WithEvent("order-drafted", Sh(2026, 3, 9, 10, 25))
            .WithEvent("order-submitted", Sh(2026, 3, 9, 10, 30))
            .WithEvent("order-signed-off", Sh(2026, 3, 9, 10, 40));

        var results = D.Evaluate(ticket, Sh(2026, 3, 9, 10, 45)).ToDictionary(r => r.Target.Id);

        // T8-draft: the new call 10:05 + 30 min -> 10:35; drafted 10:25 -> met.
        results["T8-draft"].Start.Should().Be(Sh(2026, 3, 9, 10, 5));
        results["T8-draft"].Due.Should().Be(Sh(2026, 3, 9, 10, 35));
        results["T8-draft"].State.Should().Be(TargetState.Met);

        // T9: from the cycle-2 sign-off 10:40 + 1 h -> 11:40; the cycle-1 visit does not stop it. 5 min used, 55 left.
        var t9 = results["T9-visit"];
        t9.State.Should().Be(TargetState.Running);
        t9.Start.Should().Be(Sh(2026, 3, 9, 10, 40));
        t9.Due.Should().Be(Sh(2026, 3, 9, 11, 40));
        t9.Elapsed.Should().Be(Min(5));
        t9.Remaining.Should().Be(Min(55));
        t9.Cycle.Should().Be(1);

        // T11 starts at the new sign-off, not at the reopen.
        results["T11-completion"].Start.Should().Be(Sh(2026, 3, 9, 10, 40));
    }

    [Fact]
    public void T13_Reopened_NoNewClosureRequest_CheckNotStarted()
    {
        var t13 = Eval(D, ClosedAndReopened(), Sh(2026, 3, 9, 10, 45), "T13-check");

        // Expected by the rule (D 29: check within 30 min OF A CLOSURE REQUEST): nothing to check yet in cycle 2.
        t13.State.Should().Be(TargetState.NotStarted);
    }
}
