using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Sla;

/// <summary>
/// Preset C (service standard): T4-T7, T15, the calendars W1 "gm-hotline" (Mon-Fri 08:30-11:30,
/// 13:30-16:30) and W2 "office" (Mon-Fri 07:50-17:30 from 04-01 to 09-30, 07:50-18:30 otherwise),
/// and W3 (wall-clock and office-hour targets on one ticket). 2026-03-09 is a Monday; March is
/// autumn/winter (office closes 18:30).
/// </summary>
public partial class PresetScenarioTests
{
    private static SlaPolicy C => PolicyPresets.ServiceStandard;

    // ---------------------------------------------------------------- W1: GM hotline, lunch break

    [Fact]
    public void W1_T4ComplaintFeedback_LunchBreakNotCounted_Due1600()
    {
        var ticket = NewTicket("complaint", "general", null, E("call-ended", Sh(2026, 3, 9, 10, 0)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 9, 14, 0), "T4-complaint-feedback");

        // Mon 10:00-11:30 = 1.5 h; 2.5 h left from 13:30 -> 16:00.
        // At 14:00: used 1.5 h + 0.5 h = 2 h of hotline time; left 14:00-16:00 = 2 h; 2/4 = 50 % -> level 1.
        t4.State.Should().Be(TargetState.Running);
        t4.Due.Should().Be(Sh(2026, 3, 9, 16, 0));
        t4.Elapsed.Should().Be(Duration.FromHours(2));
        t4.Remaining.Should().Be(Duration.FromHours(2));
        t4.PercentUsed.Should().BeApproximately(50, 1e-9);
        t4.WarningLevel.Should().Be(1);
    }

    [Fact]
    public void W1_T4ComplaintFeedback_BudgetEndsAtClose_DueOnTheClosingInstantNotNextOpening()
    {
        var ticket = NewTicket("complaint", "general", null, E("call-ended", Sh(2026, 3, 9, 10, 30)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 9, 11, 0), "T4-complaint-feedback");

        // Mon 10:30-11:30 = 1 h; 3 h left from 13:30 -> exactly 16:30, the close (not Tue 08:30).
        t4.Due.Should().Be(Sh(2026, 3, 9, 16, 30));
    }

    [Fact]
    public void W1_T4ComplaintFeedback_OverNationalDay2025_DueThursdayOctober9At1100()
    {
        var ticket = NewTicket("complaint", "general", null, E("call-ended", Sh(2025, 9, 30, 15, 0)));

        var t4 = Eval(C, ticket, Sh(2025, 10, 5, 12, 0), "T4-complaint-feedback");

        // Tue 09-30 15:00-16:30 = 1.5 h; 10-01..10-08 off; Thu 10-09 08:30 + 2.5 h -> 11:00.
        // On 10-05 (holiday) the hotline clock stands: 1.5 h used, 2.5 h left.
        t4.Due.Should().Be(Sh(2025, 10, 9, 11, 0));
        t4.Elapsed.Should().Be(Duration.FromHours(1.5));
        t4.Remaining.Should().Be(Duration.FromHours(2.5));
    }

    [Fact]
    public void W1_T4ComplaintFeedback_MakeUpSaturdayOctober11_2025_WorksMondayHours()
    {
        var ticket = NewTicket("complaint", "general", null, E("call-ended", Sh(2025, 10, 10, 16, 0)));

        var t4 = Eval(C, ticket, Sh(2025, 10, 10, 16, 10), "T4-complaint-feedback");

        // Fri 16:00-16:30 = 0.5 h; Sat 10-11 is a make-up day: 08:30-11:30 = 3 h (3.5 h used), 0.5 h from 13:30 -> Sat 14:00.
        t4.Due.Should().Be(Sh(2025, 10, 11, 14, 0));
    }

    // ---------------------------------------------------------------- W2: seasonal office hours

    [Theory]
    // Winter (March): Mon 03-30 16:00-18:30 = 2.5 h; 1.5 h left from Tue 07:50 -> 09:20.
    [InlineData(3, 30, 16, 0, 3, 31, 9, 20)]
    // Summer (April): Wed 04-01 16:00-17:30 = 1.5 h; 2.5 h left from Thu 07:50 -> 10:20.
    [InlineData(4, 1, 16, 0, 4, 2, 10, 20)]
    // Across the season change: Tue 03-31 17:45-18:30 = 45 min (winter close); 3 h 15 left from Wed 04-01 07:50 -> 11:05.
    [InlineData(3, 31, 17, 45, 4, 1, 11, 5)]
    // Start outside hours: Sat 03-07 10:00 counts from Mon 03-09 07:50 + 4 h -> 11:50.
    [InlineData(3, 7, 10, 0, 3, 9, 11, 50)]
    public void W2_T4RepairFeedback_FourOfficeHours_WinterClosesAt1830SummerAt1730(
        int month, int day, int hour, int minute, int dueMonth, int dueDay, int dueHour, int dueMinute)
    {
        var ticket = NewTicket("repair", "general", null, E("received", Sh(2026, month, day, hour, minute)));

        var t4 = Eval(C, ticket, Sh(2026, month, day, hour, minute), "T4-repair-feedback");

        t4.Due.Should().Be(Sh(2026, dueMonth, dueDay, dueHour, dueMinute));
    }

    [Fact]
    public void W2_SameHourOfTheEvening_WorkingTimeInWinterButNotInSummer()
    {
        var winter = NewTicket("repair", "general", null, E("received", Sh(2026, 3, 10, 17, 0)));
        var summer = NewTicket("repair", "general", null, E("received", Sh(2026, 4, 8, 17, 0)));

        // Tue 03-10 17:00-18:00: all office time in winter (close 18:30) -> 1 h used.
        Eval(C, winter, Sh(2026, 3, 10, 18, 0), "T4-repair-feedback").Elapsed.Should().Be(Duration.FromHours(1));

        // Wed 04-08 17:00-18:00: only 17:00-17:30 in summer -> 30 min used; 3.5 h left from Thu 07:50 -> 11:20.
        var t4 = Eval(C, summer, Sh(2026, 4, 8, 18, 0), "T4-repair-feedback");
        t4.Elapsed.Should().Be(Min(30));
        t4.Due.Should().Be(Sh(2026, 4, 9, 11, 20));
    }

    // ---------------------------------------------------------------- W3: wall clock and office hours side by side

    [Fact]
    public void W3_GeneralComplaintFridayEvening_WallClockTargetsRunOnOfficeTargetsWaitForMonday()
    {
        var ticket = NewTicket("complaint", "general", null, E("received", Sh(2026, 3, 6, 17, 50)));
        var results = C.Evaluate(ticket, Sh(2026, 3, 7, 9, 0)).ToDictionary(r => r.Target.Id);

        // Wall clock (24-hour line): on site within 1 h -> Fri 18:50; at Sat 09:00 breached by 14 h 10 min.
        results["T4-complaint-onsite"].State.Should().Be(TargetState.Breached);
        results["T4-complaint-onsite"].Due.Should().Be(Sh(2026, 3, 6, 18, 50));
        results["T4-complaint-onsite"].LateBy.Should().Be(Hm(14, 10));

        // Wall clock: reply within 24 h -> Sat 17:50; used Fri 17:50 -> Sat 09:00 = 15 h 10 min, left 8 h 50 min.
        results["T6-reply"].State.Should().Be(TargetState.Running);
        results["T6-reply"].Due.Should().Be(Sh(2026, 3, 7, 17, 50));
        results["T6-reply"].Elapsed.Should().Be(Hm(15, 10));
        results["T6-reply"].Remaining.Should().Be(Hm(8, 50));

        // Wall clock: one week -> Fri 03-13 17:50.
        results["T7-promise"].Due.Should().Be(Sh(2026, 3, 13, 17, 50));

        // GM hotline (W1): Fri 17:50 is after the 16:30 close; Mon 08:30 + 3 h -> 11:30, + 1 h from 13:30 -> 14:30.
        // Nothing used yet on that clock, all 4 h left.
        results["T4-complaint-feedback"].State.Should().Be(TargetState.Running);
        results["T4-complaint-feedback"].Due.Should().Be(Sh(2026, 3, 9, 14, 30));
        results["T4-complaint-feedback"].Elapsed.Should().Be(Duration.Zero);
        results["T4-complaint-feedback"].Remaining.Should().Be(Duration.FromHours(4));

        // Office (W2, winter): Fri 17:50-18:30 = 40 min; 7 h 20 min left from Mon 07:50 -> 15:10.
        results["T4-general-resolve"].Due.Should().Be(Sh(2026, 3, 9, 15, 10));
        results["T4-general-resolve"].Elapsed.Should().Be(Min(40));
        results["T4-general-resolve"].Remaining.Should().Be(Hm(7, 20));

        // Office, 3 working days after Fri 03-06: Mon 9, Tue 10, Wed 11 -> end of Wed 03-11 = 18:30.
        results["T6-solution"].Due.Should().Be(Sh(2026, 3, 11, 18, 30));

        // A general complaint is not a serious one; repair, utility and wake-up targets do not apply.
        results["T4-serious-resolve"].State.Should().Be(TargetState.NotApplicable);
        results["T4-repair-feedback"].State.Should().Be(TargetState.NotApplicable);
        results["T5-utility"].State.Should().Be(TargetState.NotApplicable);
        results["T15-wake-up"].State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void W3_UrgentRepairSaturdayNight_OnSiteBreachedOnTheWallClock_FeedbackNotYetCountingOnOfficeClock()
    {
        var ticket = NewTicket("repair", "urgent", null, E("received", Sh(2026, 3, 7, 23, 50)));
        var results = C.Evaluate(ticket, Sh(2026, 3, 8, 0, 30)).ToDictionary(r => r.Target.Id);

        // 24-hour line: Sat 23:50 + 30 min -> Sun 00:20; at 00:30 breached by 10 min.
        results["T4-urgent-onsite"].State.Should().Be(TargetState.Breached);
        results["T4-urgent-onsite"].Due.Should().Be(Sh(2026, 3, 8, 0, 20));
        results["T4-urgent-onsite"].LateBy.Should().Be(Min(10));

        // Office hours: closed at the weekend, the 4 h count from Mon 07:50 -> 11:50; nothing used yet.
        results["T4-repair-feedback"].State.Should().Be(TargetState.Running);
        results["T4-repair-feedback"].Due.Should().Be(Sh(2026, 3, 9, 11, 50));
        results["T4-repair-feedback"].Elapsed.Should().Be(Duration.Zero);
        results["T4-repair-feedback"].Remaining.Should().Be(Duration.FromHours(4));
        results["T4-repair-feedback"].PercentUsed.Should().Be(0);

        // Complaint-only and suggestion targets do not apply to a repair.
        results["T4-complaint-onsite"].State.Should().Be(TargetState.NotApplicable);
        results["T4-general-resolve"].State.Should().Be(TargetState.NotApplicable);
        results["T6-reply"].State.Should().Be(TargetState.NotApplicable);
        results["T6-solution"].State.Should().Be(TargetState.NotApplicable);
    }

    // ---------------------------------------------------------------- T4

    [Fact]
    public void T4_RepairFeedback_PauseOverTheEvening_MeasuredInOfficeTime()
    {
        var ticket = NewTicket("repair", "general", null,
            E("received", Sh(2026, 3, 9, 15, 0)),
            E("paused", Sh(2026, 3, 9, 17, 30)),
            E("resumed", Sh(2026, 3, 10, 9, 0)),
            E("feedback-given", Sh(2026, 3, 10, 10, 20)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 10, 12, 0), "T4-repair-feedback");

        // Without the pause: Mon 15:00-18:30 = 3.5 h, 0.5 h from Tue 07:50 -> 08:20.
        // Pause Mon 17:30 -> Tue 09:00 in office time: 17:30-18:30 (1 h) + 07:50-09:00 (1 h 10) = 2 h 10 min.
        // Before the pause 2.5 h used; 1.5 h left from Tue 09:00 -> 10:30 (= 08:20 + 2 h 10).
        // Feedback Tue 10:20: used 3.5 h + 2.5 h - 2 h 10 = 3 h 50 min, 10 min to spare.
        t4.State.Should().Be(TargetState.Met);
        t4.Due.Should().Be(Sh(2026, 3, 10, 10, 30));
        t4.Paused.Should().Be(Hm(2, 10));
        t4.Elapsed.Should().Be(Hm(3, 50));
        t4.Remaining.Should().Be(Min(10));
    }

    [Fact]
    public void T4_RepairFeedback_PausedNow_StatePausedDueAsIfResumedNow()
    {
        var ticket = NewTicket("repair", "general", null,
            E("received", Sh(2026, 3, 9, 15, 0)),
            E("paused", Sh(2026, 3, 9, 17, 30)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 10, 8, 0), "T4-repair-feedback");

        // Used Mon 15:00-17:30 = 2.5 h; paused so far 17:30-18:30 + 07:50-08:00 = 1 h 10 min of office time.
        // If resumed now (Tue 08:00, in hours): 1.5 h left -> 09:30. 2.5/4 = 62.5 % -> level 1.
        t4.State.Should().Be(TargetState.Paused);
        t4.Due.Should().Be(Sh(2026, 3, 10, 9, 30));
        t4.Elapsed.Should().Be(Hm(2, 30));
        t4.Remaining.Should().Be(Hm(1, 30));
        t4.Paused.Should().Be(Hm(1, 10));
        t4.PercentUsed.Should().BeApproximately(62.5, 1e-9);
        t4.WarningLevel.Should().Be(1);
    }

    [Fact]
    public void T4_RepairFeedbackGivenWhileStillPaused_KeepsTheHoldTime_Met()
    {
        var ticket = NewTicket("repair", "general", null,
            E("received", Sh(2026, 3, 9, 15, 0)),
            E("paused", Sh(2026, 3, 9, 17, 30)),
            E("feedback-given", Sh(2026, 3, 10, 8, 0)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 10, 12, 0), "T4-repair-feedback");

        // Paused from Mon 17:30 until the feedback Tue 08:00: 1 h (to 18:30) + 10 min (07:50-08:00) of office time held.
        // Due = Tue 08:00 + the 1.5 h left -> 09:30; feedback 08:00 is met. Used 3 h 40 - 1 h 10 = 2 h 30.
        t4.State.Should().Be(TargetState.Met);
        t4.Paused.Should().Be(Hm(1, 10));
        t4.Due.Should().Be(Sh(2026, 3, 10, 9, 30));
        t4.Elapsed.Should().Be(Hm(2, 30));
    }

    [Fact]
    public void T4_RepairFeedback_PauseOverLunch_OfficeHasNoLunchBreakSoTwoHoursAreAdded()
    {
        var ticket = NewTicket("repair", "general", null,
            E("received", Sh(2026, 3, 9, 10, 0)),
            E("paused", Sh(2026, 3, 9, 11, 30)),
            E("resumed", Sh(2026, 3, 9, 13, 30)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 9, 15, 0), "T4-repair-feedback");

        // Office is 07:50-18:30 without a break, so 11:30-13:30 is 2 h paused: 10:00 + 4 h + 2 h -> 16:00.
        // At 15:00: 5 h - 2 h = 3 h used, 1 h left; 75 % -> level 2.
        t4.State.Should().Be(TargetState.Running);
        t4.Due.Should().Be(Sh(2026, 3, 9, 16, 0));
        t4.Paused.Should().Be(Duration.FromHours(2));
        t4.Elapsed.Should().Be(Duration.FromHours(3));
        t4.Remaining.Should().Be(Duration.FromHours(1));
        t4.WarningLevel.Should().Be(2);
    }

    [Fact]
    public void T4_RepairFeedbackGivenWednesday_LateByWallTime_LateOnClockInOfficeTime_TwoLateDays()
    {
        var ticket = NewTicket("repair", "general", null,
            E("received", Sh(2026, 3, 9, 15, 0)),
            E("feedback-given", Sh(2026, 3, 11, 9, 0)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 11, 12, 0), "T4-repair-feedback");

        // Due Tue 08:20 (3.5 h Mon + 0.5 h Tue). Feedback Wed 09:00.
        // LateBy (wall): Tue 08:20 -> Wed 09:00 = 24 h 40 min -> 2 started days.
        // LateOnClock (office): Tue 08:20-18:30 = 10 h 10 + Wed 07:50-09:00 = 1 h 10 -> 11 h 20 min.
        // Elapsed (office): 3 h 30 + 10 h 40 + 1 h 10 = 15 h 20; Remaining = -11 h 20.
        t4.State.Should().Be(TargetState.MetLate);
        t4.Due.Should().Be(Sh(2026, 3, 10, 8, 20));
        t4.LateBy.Should().Be(Hm(24, 40));
        t4.LateOnClock.Should().Be(Hm(11, 20));
        t4.LateDays.Should().Be(2);
        t4.Elapsed.Should().Be(Hm(15, 20));
        t4.Remaining.Should().Be(-Hm(11, 20));
    }

    [Fact]
    public void T4_ComplaintOnSiteAfter45Minutes_MetWithinTheWallClockHour()
    {
        var ticket = NewTicket("complaint", "general", null,
            E("received", Sh(2026, 3, 10, 9, 0)), E("on-site", Sh(2026, 3, 10, 9, 45)));

        var t4 = Eval(C, ticket, Sh(2026, 3, 10, 12, 0), "T4-complaint-onsite");

        // 09:00 + 1 h -> 10:00; on site 09:45: 45 min used, 15 min left.
        t4.State.Should().Be(TargetState.Met);
        t4.Due.Should().Be(Sh(2026, 3, 10, 10, 0));
        t4.Elapsed.Should().Be(Min(45));
        t4.Remaining.Should().Be(Min(15));
    }

    [Fact]
    public void T4_SeriousComplaint_FiveWorkingDaysOverNationalDay2025_DueMondayOctober13At1830()
    {
        var ticket = NewTicket("complaint", "important", null, E("received", Sh(2025, 9, 29, 10, 0)));

        var t4 = Eval(C, ticket, Sh(2025, 10, 9, 10, 0), "T4-serious-resolve");

        // Working days after Mon 09-29: Tue 09-30 (1), 10-01..08 off, Thu 10-09 (2), Fri 10-10 (3),
        // Sat 10-11 make-up (4), Mon 10-13 (5) -> end of Mon 10-13, autumn/winter close 18:30.
        // Used at Thu 10-09 10:00: 09-29 10:00-17:30 = 7 h 30 (summer close), 09-30 07:50-17:30 = 9 h 40,
        // 10-09 07:50-10:00 = 2 h 10 -> 19 h 20.
        // Left: 10-09 10:00-18:30 = 8 h 30, 10-10, 10-11, 10-13 = 3 x 10 h 40 -> 40 h 30.
        t4.State.Should().Be(TargetState.Running);
        t4.Due.Should().Be(Sh(2025, 10, 13, 18, 30));
        t4.Elapsed.Should().Be(Hm(19, 20));
        t4.Remaining.Should().Be(Hm(40, 30));
        t4.PercentUsed.Should().BeApproximately(100.0 * 1160 / 3590, 1e-9);
        t4.WarningLevel.Should().Be(0);

        // The general-complaint target does not apply to an important complaint.
        Eval(C, ticket, Sh(2025, 10, 9, 10, 0), "T4-general-resolve").State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T4_SeriousComplaintResolvedOneMinuteAfterClose_LateByOneMinuteButNothingOnTheOfficeClock()
    {
        var ticket = NewTicket("complaint", "major", null,
            E("received", Sh(2025, 9, 29, 10, 0)), E("resolved", Sh(2025, 10, 13, 18, 31)));

        var t4 = Eval(C, ticket, Sh(2025, 10, 14, 9, 0), "T4-serious-resolve");

        // Due Mon 10-13 18:30; resolved 18:31: 1 min late on the wall, 0 on the office clock (closed after 18:30).
        t4.State.Should().Be(TargetState.MetLate);
        t4.LateBy.Should().Be(Min(1));
        t4.LateOnClock.Should().Be(Duration.Zero);
        t4.LateDays.Should().Be(1);
    }

    // ---------------------------------------------------------------- T5

    [Theory]
    [InlineData("elevator")]
    [InlineData("power")]
    [InlineData("water")]
    public void T5_UtilityFault_HandledWithin30Minutes(string category)
    {
        var met = NewTicket("repair", "general", category,
            E("received", Sh(2026, 3, 10, 10, 0)), E("resolved", Sh(2026, 3, 10, 10, 25)));
        var late = NewTicket("repair", "general", category,
            E("received", Sh(2026, 3, 10, 10, 0)), E("resolved", Sh(2026, 3, 10, 10, 40)));

        // 10:00 + 30 min -> 10:30: resolved 10:25 is met; 10:40 is 10 min late.
        var t5 = Eval(C, met, Sh(2026, 3, 10, 11, 0), "T5-utility");
        t5.State.Should().Be(TargetState.Met);
        t5.Due.Should().Be(Sh(2026, 3, 10, 10, 30));
        var t5Late = Eval(C, late, Sh(2026, 3, 10, 11, 0), "T5-utility");
        t5Late.State.Should().Be(TargetState.MetLate);
        t5Late.LateBy.Should().Be(Min(10));
        Eval(C, met, Sh(2026, 3, 10, 11, 0), "T5-lighting-general").State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T5_PublicLightingGeneralFault_EightWallClockHours_Breached()
    {
        var ticket = NewTicket("repair", "general", "public-lighting", E("received", Sh(2026, 3, 10, 10, 0)));
        var results = C.Evaluate(ticket, Sh(2026, 3, 10, 19, 0)).ToDictionary(r => r.Target.Id);

        // 10:00 + 8 h -> 18:00 (wall clock, not office hours); at 19:00 breached by 1 h.
        results["T5-lighting-general"].State.Should().Be(TargetState.Breached);
        results["T5-lighting-general"].Due.Should().Be(Sh(2026, 3, 10, 18, 0));
        results["T5-lighting-general"].LateBy.Should().Be(Duration.FromHours(1));
        results["T5-lighting-complex"].State.Should().Be(TargetState.NotApplicable);
        results["T5-utility"].State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T5_PublicLightingComplexFault_48Hours_HalfwayAfterOneDay()
    {
        var ticket = NewTicket("repair", "complex", "public-lighting", E("received", Sh(2026, 3, 10, 10, 0)));
        var results = C.Evaluate(ticket, Sh(2026, 3, 11, 10, 0)).ToDictionary(r => r.Target.Id);

        // Tue 10:00 + 48 h -> Thu 03-12 10:00; at Wed 10:00: 24 h used, 24 h left, 50 % -> level 1.
        var t5 = results["T5-lighting-complex"];
        t5.State.Should().Be(TargetState.Running);
        t5.Due.Should().Be(Sh(2026, 3, 12, 10, 0));
        t5.Elapsed.Should().Be(Duration.FromHours(24));
        t5.Remaining.Should().Be(Duration.FromHours(24));
        t5.WarningLevel.Should().Be(1);
        results["T5-lighting-general"].State.Should().Be(TargetState.NotApplicable);
        results["T4-urgent-onsite"].State.Should().Be(TargetState.NotApplicable);
    }

    // ---------------------------------------------------------------- T6

    [Fact]
    public void T6_Solution_ThreeWorkingDaysOverSpringFestival2026_DueWednesdayFebruary25At1830()
    {
        var ticket = NewTicket("complaint", "general", null, E("received", Sh(2026, 2, 13, 15, 0)));
        var results = C.Evaluate(ticket, Sh(2026, 2, 24, 8, 50)).ToDictionary(r => r.Target.Id);

        // Working days after Fri 02-13: Sat 02-14 make-up (1), 02-15..23 off, Tue 02-24 (2), Wed 02-25 (3)
        // -> end of Wed 02-25, winter close 18:30.
        // Used at Tue 02-24 08:50: Fri 15:00-18:30 = 3 h 30, Sat 07:50-18:30 = 10 h 40, Tue 07:50-08:50 = 1 h -> 15 h 10.
        // Left: Tue 08:50-18:30 = 9 h 40 + Wed 10 h 40 -> 20 h 20.
        var solution = results["T6-solution"];
        solution.State.Should().Be(TargetState.Running);
        solution.Due.Should().Be(Sh(2026, 2, 25, 18, 30));
        solution.Elapsed.Should().Be(Hm(15, 10));
        solution.Remaining.Should().Be(Hm(20, 20));

        // The 24 h reply is wall clock: Fri 15:00 -> Sat 02-14 15:00, long breached.
        results["T6-reply"].State.Should().Be(TargetState.Breached);
        results["T6-reply"].Due.Should().Be(Sh(2026, 2, 14, 15, 0));
    }

    [Theory]
    // New Year 2026: after Wed 2025-12-31: 01-01..03 off, Sun 01-04 make-up (1), Mon 01-05 (2), Tue 01-06 (3) -> winter close 18:30.
    [InlineData(2025, 12, 31, 2026, 1, 6, 18, 30)]
    // Mid-Autumn 2026, summer hours: after Fri 09-18: Sun 09-20 make-up (1), Mon 09-21 (2), Tue 09-22 (3) -> summer close 17:30.
    [InlineData(2026, 9, 18, 2026, 9, 22, 17, 30)]
    // National Day 2026: after Tue 09-29: Wed 09-30 (1), 10-01..07 off, Thu 10-08 (2), Fri 10-09 (3) -> winter close 18:30.
    [InlineData(2026, 9, 29, 2026, 10, 9, 18, 30)]
    public void T6_Solution_ThreeWorkingDaysOverOfficialHolidays(int year, int month, int day, int dueYear, int dueMonth, int dueDay, int dueHour, int dueMinute)
    {
        var ticket = NewTicket("complaint", "general", null, E("received", Sh(year, month, day, 10, 0)));

        var t6 = Eval(C, ticket, Sh(year, month, day, 10, 0), "T6-solution");

        t6.Due.Should().Be(Sh(dueYear, dueMonth, dueDay, dueHour, dueMinute));
    }

    [Fact]
    public void T4_SeriousComplaint_FiveWorkingDaysOverMidAutumnAndNationalDay2026_DueThursdayOctober8At1830()
    {
        var ticket = NewTicket("complaint", "group", null, E("received", Sh(2026, 9, 23, 10, 0)));

        var t4 = Eval(C, ticket, Sh(2026, 9, 23, 10, 0), "T4-serious-resolve");

        // After Wed 09-23: Thu 09-24 (1), 09-25..27 off, Mon 09-28 (2), Tue 09-29 (3), Wed 09-30 (4),
        // 10-01..07 off, Thu 10-08 (5) -> 18:30 (October is autumn/winter).
        t4.Due.Should().Be(Sh(2026, 10, 8, 18, 30));
    }

    [Fact]
    public void T6_SuggestionRepliedAndSolved_MetOnBothClocks()
    {
        var ticket = NewTicket("suggestion", "general", null,
            E("received", Sh(2026, 3, 9, 10, 0)),
            E("replied", Sh(2026, 3, 10, 9, 0)),
            E("solution-given", Sh(2026, 3, 12, 18, 0)));
        var results = C.Evaluate(ticket, Sh(2026, 3, 13, 9, 0)).ToDictionary(r => r.Target.Id);

        // Reply: Mon 10:00 + 24 h -> Tue 10:00; replied Tue 09:00 -> met, 23 h used, 1 h left.
        results["T6-reply"].State.Should().Be(TargetState.Met);
        results["T6-reply"].Due.Should().Be(Sh(2026, 3, 10, 10, 0));
        results["T6-reply"].Elapsed.Should().Be(Duration.FromHours(23));
        results["T6-reply"].Remaining.Should().Be(Duration.FromHours(1));

        // Solution: 3 working days after Mon 03-09: Tue, Wed, Thu -> Thu 03-12 18:30; given 18:00 -> met.
        results["T6-solution"].State.Should().Be(TargetState.Met);
        results["T6-solution"].Due.Should().Be(Sh(2026, 3, 12, 18, 30));

        // T7 (first contact) is not configured for suggestions; T4 complaint targets do not apply.
        results["T7-promise"].State.Should().Be(TargetState.NotApplicable);
        results["T4-complaint-onsite"].State.Should().Be(TargetState.NotApplicable);
    }

    [Fact]
    public void T6_HotlineReply_Within48WallClockHours()
    {
        var ticket = NewTicket("hotline", "general", null,
            E("received", Sh(2026, 3, 9, 10, 0)), E("replied", Sh(2026, 3, 11, 9, 0)));

        var t6 = Eval(C, ticket, Sh(2026, 3, 11, 12, 0), "T6-hotline-reply");

        // Mon 10:00 + 48 h -> Wed 10:00; replied Wed 09:00 -> met, 47 h used.
        t6.State.Should().Be(TargetState.Met);
        t6.Due.Should().Be(Sh(2026, 3, 11, 10, 0));
        t6.Elapsed.Should().Be(Duration.FromHours(47));
    }

    // ---------------------------------------------------------------- T7

    [Fact]
    public void T7_PromisedTimeEarlierThanOneWeek_DueAtThePromise()
    {
        var ticket = NewTicket("complaint", "general", null, E("received", Sh(2026, 3, 9, 10, 0)))
            .WithField("promised", Sh(2026, 3, 11, 17, 0));

        var t7 = Eval(C, ticket, Sh(2026, 3, 10, 10, 0), "T7-promise");

        // Promise Wed 03-11 17:00 vs one week Mon 03-16 10:00 -> the promise (candidate 0).
        t7.Due.Should().Be(Sh(2026, 3, 11, 17, 0));
        t7.ChosenCandidate.Should().Be(0);
        C.Explain(ticket, Sh(2026, 3, 10, 10, 0))["T7-promise"]
            .Should().Contain("promised 2026-03-11 17:00:00 is earlier than one week 2026-03-16 10:00:00");
    }

    [Fact]
    public void T7_PromisedTimeLaterThanOneWeek_CappedAtOneWeek()
    {
        var ticket = NewTicket("repair", "general", null, E("received", Sh(2026, 3, 9, 10, 0)))
            .WithField("promised", Sh(2026, 3, 20, 9, 0));

        var t7 = Eval(C, ticket, Sh(2026, 3, 10, 10, 0), "T7-promise");

        // Promise Fri 03-20 09:00 is past the one-week cap Mon 03-16 10:00 -> the cap (candidate 1).
        t7.Due.Should().Be(Sh(2026, 3, 16, 10, 0));
        t7.ChosenCandidate.Should().Be(1);
        C.Explain(ticket, Sh(2026, 3, 10, 10, 0))["T7-promise"]
            .Should().Contain("one week 2026-03-16 10:00:00 is earlier than promised 2026-03-20 09:00:00");
    }

    [Fact]
    public void T7_NoPromiseRecorded_DueOneWeekAfterReceipt()
    {
        var ticket = NewTicket("consultation", "general", null, E("received", Sh(2026, 3, 9, 10, 0)));

        var t7 = Eval(C, ticket, Sh(2026, 3, 12, 10, 0), "T7-promise");

        // Mon 10:00 + 7 x 24 h -> Mon 03-16 10:00; at Thu 10:00, 3 days used, 4 days left.
        t7.Due.Should().Be(Sh(2026, 3, 16, 10, 0));
        t7.Elapsed.Should().Be(Duration.FromDays(3));
        t7.Remaining.Should().Be(Duration.FromDays(4));
        C.Explain(ticket, Sh(2026, 3, 12, 10, 0))["T7-promise"]
            .Should().Contain("one week 2026-03-16 10:00:00 is earlier than promised (not set)");
    }

    [Fact]
    public void T7_ResolvedAfterThePromisedTime_MetLateEvenThoughWithinTheWeek()
    {
        var ticket = NewTicket("help", "general", null,
                E("received", Sh(2026, 3, 9, 10, 0)), E("resolved", Sh(2026, 3, 12, 9, 0)))
            .WithField("promised", Sh(2026, 3, 11, 17, 0));

        var t7 = Eval(C, ticket, Sh(2026, 3, 12, 12, 0), "T7-promise");

        // Promise Wed 17:00, resolved Thu 09:00: 16 h late -> 1 started day.
        t7.State.Should().Be(TargetState.MetLate);
        t7.LateBy.Should().Be(Duration.FromHours(16));
        t7.LateDays.Should().Be(1);
    }

    // ---------------------------------------------------------------- T15

    [Theory]
    // 4 min: no step yet (40 %).
    [InlineData(34, 0, null, TargetState.Running)]
    // 6 min: step 1 (after 5 min) -> floor staff; 60 % -> warning level 1.
    [InlineData(36, 1, "floor-staff", TargetState.Running)]
    // 10 min exactly: step 2 reached, but due 06:40 is not yet passed.
    [InlineData(40, 2, "duty-manager", TargetState.Running)]
    // 11 min: step 2 -> duty manager; past due 06:40.
    [InlineData(41, 2, "duty-manager", TargetState.Breached)]
    public void T15_WakeUpCallUnanswered_EscalationLadderByMinutes(int minute, int level, string? notify, TargetState state)
    {
        var ticket = NewTicket("wake-up", "general", null, E("wake-up-call", Sh(2026, 3, 9, 6, 30)));

        var t15 = Eval(C, ticket, Sh(2026, 3, 9, 6, minute), "T15-wake-up");

        t15.State.Should().Be(state);
        t15.Due.Should().Be(Sh(2026, 3, 9, 6, 40));
        t15.EscalationLevel.Should().Be(level);
        if (notify is null)
        {
            t15.EscalationStep.Should().BeNull();
        }
        else
        {
            t15.EscalationStep!.Notify.Should().Equal(notify);
        }
    }

    [Fact]
    public void T15_WakeUpCallAnsweredAfterSevenMinutes_MetAndEscalationStaysAtFloorStaff()
    {
        var ticket = NewTicket("wake-up", "general", null,
            E("wake-up-call", Sh(2026, 3, 9, 6, 30)), E("answered", Sh(2026, 3, 9, 6, 37)));

        var t15 = Eval(C, ticket, Sh(2026, 3, 9, 6, 50), "T15-wake-up");

        // Answered 06:37 (due 06:40): 7 min used; the 10-min step was never reached.
        t15.State.Should().Be(TargetState.Met);
        t15.Elapsed.Should().Be(Min(7));
        t15.EscalationLevel.Should().Be(1);
        t15.EscalationStep!.Notify.Should().Equal("floor-staff");
        t15.WarningLevel.Should().Be(1);
    }
}
