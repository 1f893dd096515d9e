using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Sla;

/// <summary>Preset B (property-management plan): T1-T3, all on the wall clock. Day used: Tue 2026-03-10.</summary>
public partial class PresetScenarioTests
{
    private static SlaPolicy B => PolicyPresets.PropertyManagement;

    [Fact]
    public void T1_HelpRequestRepliedAfterEightMinutes_Met()
    {
        var ticket = NewTicket("help", "general", null,
            E("received", Sh(2026, 3, 10, 9, 0)), E("replied", Sh(2026, 3, 10, 9, 8)));

        var t1 = Eval(B, ticket, Sh(2026, 3, 10, 9, 30), "T1-reply");

        // 09:00 + 10 min -> 09:10; replied 09:08: 8 min used, 2 min to spare; 8/10 = 80 % -> thresholds 50, 75 reached.
        t1.State.Should().Be(TargetState.Met);
        t1.Start.Should().Be(Sh(2026, 3, 10, 9, 0));
        t1.Stop.Should().Be(Sh(2026, 3, 10, 9, 8));
        t1.Due.Should().Be(Sh(2026, 3, 10, 9, 10));
        t1.Elapsed.Should().Be(Min(8));
        t1.Remaining.Should().Be(Min(2));
        t1.PercentUsed.Should().BeApproximately(80, 1e-9);
        t1.WarningLevel.Should().Be(2);
        t1.LateBy.Should().Be(Duration.Zero);
        t1.LateDays.Should().Be(0);
    }

    [Fact]
    public void T1_HelpRequestRepliedAfterTwelveMinutes_MetLateByTwoMinutes_OneStartedDay()
    {
        var ticket = NewTicket("help", "general", null,
            E("received", Sh(2026, 3, 10, 9, 0)), E("replied", Sh(2026, 3, 10, 9, 12)));

        var t1 = Eval(B, ticket, Sh(2026, 3, 10, 10, 0), "T1-reply");

        // Due 09:10, replied 09:12: late 2 min on the wall clock (its own clock too); any lateness up to 24 h is 1 started day.
        t1.State.Should().Be(TargetState.MetLate);
        t1.LateBy.Should().Be(Min(2));
        t1.LateOnClock.Should().Be(Min(2));
        t1.LateDays.Should().Be(1);
        t1.Elapsed.Should().Be(Min(12));
        t1.Remaining.Should().Be(-Min(2));
        t1.PercentUsed.Should().BeApproximately(120, 1e-9);
    }

    [Theory]
    [InlineData(4, 0, 40.0, 0)]
    [InlineData(5, 0, 50.0, 1)]
    [InlineData(6, 0, 60.0, 1)]
    [InlineData(7, 30, 75.0, 2)]
    [InlineData(8, 0, 80.0, 2)]
    [InlineData(9, 30, 95.0, 3)]
    public void T1_HelpRequestRunning_WarningLevelFromDefaultThresholds(int minutes, int seconds, double percent, int level)
    {
        // B has no "thresholds" key: the default 50/75/90 applies. Received 09:00, 10 min budget.
        var ticket = NewTicket("help", "general", null, E("received", Sh(2026, 3, 10, 9, 0)));

        var t1 = Eval(B, ticket, Sh(2026, 3, 10, 9, minutes, seconds), "T1-reply");

        t1.State.Should().Be(TargetState.Running);
        t1.PercentUsed.Should().BeApproximately(percent, 1e-9);
        t1.WarningLevel.Should().Be(level);
        t1.Remaining.Should().Be(Min(10) - Min(minutes) - Duration.FromSeconds(seconds));
    }

    [Fact]
    public void T1_HelpRequestUnanswered_BreachedOneMinuteAfterDue()
    {
        var ticket = NewTicket("help", "general", null, E("received", Sh(2026, 3, 10, 9, 0)));

        var t1 = Eval(B, ticket, Sh(2026, 3, 10, 9, 11), "T1-reply");

        // Due 09:10, evaluated 09:11 with no reply: breached, late 1 min, 11/10 = 110 %.
        t1.State.Should().Be(TargetState.Breached);
        t1.Due.Should().Be(Sh(2026, 3, 10, 9, 10));
        t1.LateBy.Should().Be(Min(1));
        t1.LateDays.Should().Be(1);
        t1.PercentUsed.Should().BeApproximately(110, 1e-9);
        t1.WarningLevel.Should().Be(3);
    }

    [Fact]
    public void T1_BeforeTheRequestIsReceived_NotStartedWithoutDue()
    {
        var ticket = NewTicket("help", "general", null, E("received", Sh(2026, 3, 10, 9, 0)));

        // Evaluated at 08:59: the receipt is in the future, so it does not count.
        var t1 = Eval(B, ticket, Sh(2026, 3, 10, 8, 59), "T1-reply");

        t1.State.Should().Be(TargetState.NotStarted);
        t1.Due.Should().BeNull();
    }

    [Fact]
    public void T2_PaidItemWantedNow_RecordNotifyAndOnSiteDeadlines()
    {
        var ticket = NewTicket("repair", "general", "paid-now",
            E("received", Sh(2026, 3, 10, 10, 0)),
            E("recorded", Sh(2026, 3, 10, 10, 1)),
            E("engineering-notified", Sh(2026, 3, 10, 10, 4)),
            E("slip-taken", Sh(2026, 3, 10, 10, 5)),
            E("on-site", Sh(2026, 3, 10, 10, 14)));
        var results = B.Evaluate(ticket, Sh(2026, 3, 10, 11, 0)).ToDictionary(r => r.Target.Id);

        // Record: 10:00 + 2 min -> 10:02, recorded 10:01: met.
        results["T2-record"].State.Should().Be(TargetState.Met);
        results["T2-record"].Due.Should().Be(Sh(2026, 3, 10, 10, 2));

        // Notify: 10:00 + 3 min -> 10:03, notified 10:04: 1 min late.
        results["T2-notify"].State.Should().Be(TargetState.MetLate);
        results["T2-notify"].Due.Should().Be(Sh(2026, 3, 10, 10, 3));
        results["T2-notify"].LateBy.Should().Be(Min(1));

        // On site: from taking the slip 10:05 + 10 min -> 10:15, on site 10:14: met, 9 min used, 1 left.
        results["T2-onsite-now"].State.Should().Be(TargetState.Met);
        results["T2-onsite-now"].Due.Should().Be(Sh(2026, 3, 10, 10, 15));
        results["T2-onsite-now"].Elapsed.Should().Be(Min(9));
        results["T2-onsite-now"].Remaining.Should().Be(Min(1));

        // Other categories' targets do not apply to a paid-now repair.
        results["T2-onsite-appointment"].State.Should().Be(TargetState.NotApplicable);
        results["T2-assess"].State.Should().Be(TargetState.NotApplicable);
        results["T3-notify"].State.Should().Be(TargetState.NotApplicable);
        results["T3-onsite"].State.Should().Be(TargetState.NotApplicable);
        results["T1-reply"].State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T2_AppointmentRepair_DueFiveMinutesBeforeTheAppointment()
    {
        var ticket = NewTicket("repair", "general", "paid-appointment",
                E("received", Sh(2026, 3, 10, 10, 0)), E("slip-taken", Sh(2026, 3, 10, 10, 5)))
            .WithField("appointment", Sh(2026, 3, 10, 14, 0));

        var t2 = Eval(B, ticket, Sh(2026, 3, 10, 13, 0), "T2-onsite-appointment");

        // Appointment 14:00 - 5 min -> 13:55. At 13:00: 2 h 55 min since the slip (10:05), 55 min left.
        t2.State.Should().Be(TargetState.Running);
        t2.Due.Should().Be(Sh(2026, 3, 10, 13, 55));
        t2.Elapsed.Should().Be(Hm(2, 55));
        t2.Remaining.Should().Be(Min(55));

        // On site 13:54, one minute before the due instant: met.
        var met = Eval(B, ticket.WithEvent("on-site", Sh(2026, 3, 10, 13, 54)), Sh(2026, 3, 10, 15, 0), "T2-onsite-appointment");
        met.State.Should().Be(TargetState.Met);
        met.Due.Should().Be(Sh(2026, 3, 10, 13, 55));
    }

    [Fact]
    public void T2_AppointmentRepair_OnSiteExactlyAtTheAppointment_MetLateByFiveMinutes()
    {
        var ticket = NewTicket("repair", "general", "paid-appointment",
                E("received", Sh(2026, 3, 10, 10, 0)), E("slip-taken", Sh(2026, 3, 10, 10, 5)), E("on-site", Sh(2026, 3, 10, 14, 0)))
            .WithField("appointment", Sh(2026, 3, 10, 14, 0));

        var t2 = Eval(B, ticket, Sh(2026, 3, 10, 15, 0), "T2-onsite-appointment");

        // Due 13:55; arriving at 14:00 is 5 min late under B 10.4.1.
        t2.State.Should().Be(TargetState.MetLate);
        t2.LateBy.Should().Be(Min(5));
        t2.LateDays.Should().Be(1);
    }

    [Fact]
    public void T2_AppointmentRepair_BeforeTheSlipIsTaken_NotStartedButDueAlreadyKnown()
    {
        var ticket = NewTicket("repair", "general", "paid-appointment", E("received", Sh(2026, 3, 10, 10, 0)))
            .WithField("appointment", Sh(2026, 3, 10, 14, 0));

        var t2 = Eval(B, ticket, Sh(2026, 3, 10, 10, 2), "T2-onsite-appointment");

        // No slip taken yet: not started, but the anchored due instant (14:00 - 5 min) is already fixed.
        t2.State.Should().Be(TargetState.NotStarted);
        t2.Due.Should().Be(Sh(2026, 3, 10, 13, 55));
    }

    [Fact]
    public void T2_AppointmentRepair_NoAppointmentSet_RunningWithoutDue()
    {
        var ticket = NewTicket("repair", "general", "paid-appointment",
            E("received", Sh(2026, 3, 10, 10, 0)), E("slip-taken", Sh(2026, 3, 10, 10, 5)));

        var t2 = Eval(B, ticket, Sh(2026, 3, 12, 10, 0), "T2-onsite-appointment");

        // Without the appointment field nothing can be late: running, no due instant, 0 % used.
        t2.State.Should().Be(TargetState.Running);
        t2.Due.Should().BeNull();
        t2.PercentUsed.Should().Be(0);
        t2.WarningLevel.Should().Be(0);
    }

    [Fact]
    public void T2_ItemNotOnTheList_AssessmentBreachedAfterFifteenMinutes()
    {
        var ticket = NewTicket("repair", "general", "not-on-list",
            E("received", Sh(2026, 3, 10, 10, 0)), E("slip-taken", Sh(2026, 3, 10, 10, 5)));

        var results = B.Evaluate(ticket, Sh(2026, 3, 10, 10, 25)).ToDictionary(r => r.Target.Id);

        // Slip 10:05 + 15 min -> 10:20; not assessed by 10:25: breached by 5 min.
        results["T2-assess"].State.Should().Be(TargetState.Breached);
        results["T2-assess"].Due.Should().Be(Sh(2026, 3, 10, 10, 20));
        results["T2-assess"].LateBy.Should().Be(Min(5));
        results["T2-onsite-now"].State.Should().Be(TargetState.NotApplicable);
        results["T2-onsite-appointment"].State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T3_PublicFacilityRepair_NotifyWithinTenMinutes_OnSiteWithinFifteen()
    {
        var ticket = NewTicket("repair", "general", "public-facility",
            E("received", Sh(2026, 3, 10, 10, 0)),
            E("engineering-notified", Sh(2026, 3, 10, 10, 9)),
            E("on-site", Sh(2026, 3, 10, 10, 16)));

        var results = B.Evaluate(ticket, Sh(2026, 3, 10, 11, 0)).ToDictionary(r => r.Target.Id);

        // Notify: 10:00 + 10 min -> 10:10, notified 10:09: met.
        results["T3-notify"].State.Should().Be(TargetState.Met);
        results["T3-notify"].Due.Should().Be(Sh(2026, 3, 10, 10, 10));

        // On site: 10:00 + 15 min -> 10:15, arrived 10:16: 1 min late.
        results["T3-onsite"].State.Should().Be(TargetState.MetLate);
        results["T3-onsite"].Due.Should().Be(Sh(2026, 3, 10, 10, 15));
        results["T3-onsite"].LateBy.Should().Be(Min(1));

        // The T2 targets are for the paid-list categories only.
        results["T2-record"].State.Should().Be(TargetState.NotApplicable);
        results["T2-notify"].State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T3_PublicFacilityRepair_Running_ElapsedAndRemainingOnTheWallClock()
    {
        var ticket = NewTicket("repair", "general", "public-facility",
            E("received", Sh(2026, 3, 10, 23, 55)), E("engineering-notified", Sh(2026, 3, 11, 0, 2)));

        var onsite = Eval(B, ticket, Sh(2026, 3, 11, 0, 6), "T3-onsite");

        // Wall clock over midnight: 23:55 + 15 min -> 00:10 next day; at 00:06, 11 min used, 4 left.
        onsite.State.Should().Be(TargetState.Running);
        onsite.Due.Should().Be(Sh(2026, 3, 11, 0, 10));
        onsite.Elapsed.Should().Be(Min(11));
        onsite.Remaining.Should().Be(Min(4));
    }

    [Fact]
    public void T1_T2_T3_ComplaintTicket_NothingInPresetBApplies()
    {
        var ticket = NewTicket("complaint", "general", null, E("received", Sh(2026, 3, 10, 10, 0)));

        B.Evaluate(ticket, Sh(2026, 3, 10, 11, 0)).Should().OnlyContain(r => r.State == TargetState.NotApplicable);
        B.Explain(ticket, Sh(2026, 3, 10, 11, 0)).Should().BeEmpty();
    }
}
