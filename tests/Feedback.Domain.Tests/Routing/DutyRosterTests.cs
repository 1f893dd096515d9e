using Feedback.Policies;
using Feedback.Routing;
using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Routing;

/// <summary>
/// W2 (C, 24-hour duty) through the shipped duty roster of preset C: the day office with seasonal hours
/// (spring/summer 07:50-17:30, autumn/winter 07:50-18:30, Mon-Fri, CN holidays off), the evening desk
/// Mon-Sat 17:30-20:00, the monitoring centre 20:00-09:00 and the technicians 07:50-22:00.
/// </summary>
public class DutyRosterTests
{
    private static readonly DutyRoster _roster = PolicyPresets.ServiceStandardRulebook.Roster!;

    [Fact]
    public void W2_Roster_ListsTheTeamsInRequestOrder_FallbackMonitoringCentre()
    {
        _roster.Teams.Select(t => t.Name).Should().Equal("day-office", "evening-desk", "monitoring-centre", "technicians");
        _roster.Fallback.Should().Be("monitoring-centre");
    }

    [Fact]
    public void W2_SummerWeekday1800_DayOfficeClosedAt1730_EveningDeskResponds()
    {
        // 2026-07-15 is a Wednesday in spring/summer: office 07:50-17:30.
        var at = Sh(2026, 7, 15, 18, 0);
        _roster.OnDuty(at).Should().Equal("evening-desk", "technicians");
        _roster.Responder(at).Should().Be("evening-desk");
    }

    [Fact]
    public void W2_WinterWeekday1800_DayOfficeStillOpenUntil1830_DayOfficeResponds()
    {
        // 2026-12-16 is a Wednesday in autumn/winter: office 07:50-18:30, overlapping the evening desk from 17:30.
        var at = Sh(2026, 12, 16, 18, 0);
        _roster.OnDuty(at).Should().Equal("day-office", "evening-desk", "technicians");
        _roster.Responder(at).Should().Be("day-office");
    }

    [Fact]
    public void W2_SummerWeekday1729_DayOfficeResponds_1730_EveningDesk()
    {
        _roster.Responder(Sh(2026, 7, 15, 17, 29)).Should().Be("day-office");
        _roster.Responder(Sh(2026, 7, 15, 17, 30)).Should().Be("evening-desk");
    }

    [Fact]
    public void W2_WinterWeekday1829_DayOffice_1830_EveningDesk()
    {
        _roster.Responder(Sh(2026, 12, 16, 18, 29)).Should().Be("day-office");
        _roster.Responder(Sh(2026, 12, 16, 18, 30)).Should().Be("evening-desk");
    }

    [Fact]
    public void W2_SeasonBoundary_March31WinterHours_April1SummerHours()
    {
        // 2026-03-31 (Tue) is the last autumn/winter day; 2026-04-01 (Wed) the first spring/summer day.
        _roster.OnDuty(Sh(2026, 3, 31, 18, 0)).Should().Equal("day-office", "evening-desk", "technicians");
        _roster.OnDuty(Sh(2026, 4, 1, 18, 0)).Should().Equal("evening-desk", "technicians");
    }

    [Fact]
    public void W2_Saturday1800_EveningDeskOnDuty()
    {
        // 2026-07-11 is a Saturday: no office, evening desk Mon-Sat.
        _roster.OnDuty(Sh(2026, 7, 11, 18, 0)).Should().Equal("evening-desk", "technicians");
        _roster.Responder(Sh(2026, 7, 11, 18, 0)).Should().Be("evening-desk");
    }

    [Fact]
    public void W2_Sunday1800_NoEveningDesk_TechniciansRespond()
    {
        // 2026-07-12 is a Sunday: the evening desk is Mon-Sat only, the monitoring centre starts at 20:00.
        _roster.OnDuty(Sh(2026, 7, 12, 18, 0)).Should().Equal("technicians");
        _roster.Responder(Sh(2026, 7, 12, 18, 0)).Should().Be("technicians");
    }

    [Fact]
    public void W2_UrgentRequestSunday2115_GoesToTheMonitoringCentre_TechniciansStillOnDuty()
    {
        var at = Sh(2026, 7, 12, 21, 15);
        _roster.Responder(at).Should().Be("monitoring-centre");
        _roster.OnDuty(at).Should().Equal("monitoring-centre", "technicians");
    }

    [Fact]
    public void W2_Technicians_UntilExactly2200()
    {
        _roster.OnDuty(Sh(2026, 7, 15, 21, 59)).Should().Equal("monitoring-centre", "technicians");
        _roster.OnDuty(Sh(2026, 7, 15, 22, 0)).Should().Equal("monitoring-centre");
    }

    [Fact]
    public void W2_MonitoringCentre_OvernightFrom2000To0900NextMorning()
    {
        // Wednesday 19:59 -> evening desk; 20:00 -> monitoring centre; Thursday 03:00 -> monitoring centre alone.
        _roster.Responder(Sh(2026, 7, 15, 19, 59)).Should().Be("evening-desk");
        _roster.Responder(Sh(2026, 7, 15, 20, 0)).Should().Be("monitoring-centre");
        _roster.OnDuty(Sh(2026, 7, 16, 3, 0)).Should().Equal("monitoring-centre");
        _roster.Responder(Sh(2026, 7, 16, 3, 0)).Should().Be("monitoring-centre");
    }

    [Fact]
    public void W2_WeekdayMorning_OfficeOpensAt0750WhileTheNightShiftRunsTo0900()
    {
        // Thursday 2026-07-16: 07:49 night shift only; 07:50 office and technicians join; 09:00 the monitoring centre leaves.
        _roster.OnDuty(Sh(2026, 7, 16, 7, 49)).Should().Equal("monitoring-centre");
        _roster.OnDuty(Sh(2026, 7, 16, 7, 50)).Should().Equal("day-office", "monitoring-centre", "technicians");
        _roster.Responder(Sh(2026, 7, 16, 7, 50)).Should().Be("day-office");
        _roster.OnDuty(Sh(2026, 7, 16, 9, 0)).Should().Equal("day-office", "technicians");
    }

    [Fact]
    public void W2_SundayMorning0800_SaturdayNightShiftStillOn()
    {
        // The Saturday 20:00-09:00 shift runs into Sunday morning.
        _roster.OnDuty(Sh(2026, 7, 12, 8, 0)).Should().Equal("monitoring-centre", "technicians");
        _roster.Responder(Sh(2026, 7, 12, 8, 0)).Should().Be("monitoring-centre");
    }

    [Fact]
    public void W2W4_NationalDayDaytime_OfficeClosed_TechniciansRespond()
    {
        // 2025-10-01 is a Wednesday and an official holiday (National Day): the office follows the CN schedule.
        var at = Sh(2025, 10, 1, 10, 0);
        _roster.OnDuty(at).Should().Equal("technicians");
        _roster.Responder(at).Should().Be("technicians");
    }

    [Fact]
    public void W2W4_MakeUpWorkingSunday_OfficeWorksSummerMondayHours()
    {
        // 2025-09-28 is a Sunday declared a working day (make-up day for National Day), spring/summer hours.
        _roster.OnDuty(Sh(2025, 9, 28, 10, 0)).Should().Equal("day-office", "technicians");
        _roster.Responder(Sh(2025, 9, 28, 17, 29)).Should().Be("day-office");
    }

    [Fact]
    public void W2_EveryInstantOfAWeek_SomeTeamIsOnDuty_SoTheFallbackIsNeverNeeded()
    {
        // Technicians 07:50-22:00 and the monitoring centre 20:00-09:00 cover every minute of every day.
        var start = Sh(2026, 7, 13, 0, 0);
        var uncovered = Enumerable.Range(0, 7 * 24 * 4)
            .Select(i => start + Duration.FromMinutes(15 * i))
            .Where(at => _roster.OnDuty(at).IsEmpty)
            .ToList();
        uncovered.Should().BeEmpty();
    }
}

/// <summary>Roster sections that name unknown calendars or a fallback outside the roster are rejected at load (W2).</summary>
public class DutyRosterValidationTests
{
    private static string Document(string roster) =>
        """
        { "id": "r", "zone": "Asia/Shanghai", "targets": [],
          "calendars": {
            "day": { "week": { "Weekdays": ["08:00-17:00"] } },
            "night": { "week": { "EveryDay": ["17:00-08:00"] } }
          },
          "roster":
        """ + roster + " }";

    private static string[] Errors(string json)
    {
        var result = PolicyDocument.LoadRulebook(json);
        result.IsSuccess.Should().BeFalse();
        return [.. result.ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage)];
    }

    [Fact]
    public void W2_ValidRoster_Loads_AndAnswersByItsCalendars()
    {
        var result = PolicyDocument.LoadRulebook(Document("""{ "teams": [ { "team": "office", "calendar": "day" }, { "team": "watch", "calendar": "night" } ], "fallback": "watch" }"""));
        result.ValidationErrors.Should().BeEmpty();
        var roster = result.Value.Roster!;
        roster.Responder(Sh(2026, 7, 15, 10, 0)).Should().Be("office");
        roster.Responder(Sh(2026, 7, 15, 23, 0)).Should().Be("watch");
        roster.Teams[0].Schedule.Id.Should().Be("day");
    }

    [Fact]
    public void W2_TeamWithAnUnknownCalendar_IsRejectedNamingTheCalendar()
    {
        Errors(Document("""{ "teams": [ { "team": "office", "calendar": "day" }, { "team": "watch", "calendar": "nigth" } ], "fallback": "watch" }""")).Should().Equal(
            "$.roster.teams[1].calendar: Unknown calendar 'nigth'; define the team's shifts under \"calendars\".");
    }

    [Fact]
    public void W2_FallbackThatIsNotATeam_IsRejected()
    {
        Errors(Document("""{ "teams": [ { "team": "office", "calendar": "day" } ], "fallback": "security" }""")).Should().Equal(
            "$.roster.fallback: Fallback team 'security' is not one of the roster's teams.");
    }

    [Fact]
    public void W2_RosterWithoutTeamsOrFallback_IsRejected()
    {
        Errors(Document("""{ "teams": [] }""")).Should().Equal(
            "$.roster.teams: A roster needs at least one team: {\"team\": name, \"calendar\": calendar name}.",
            "$.roster.fallback: A non-empty string is required.");
    }

    [Fact]
    public void W2_UnknownPropertyOfATeam_IsRejectedAsATypo()
    {
        Errors(Document("""{ "teams": [ { "team": "office", "calender": "day" } ], "fallback": "office" }""")).Should().Equal(
            "$.roster.teams[0].calender: Unknown property 'calender'; expected one of: team, calendar.",
            "$.roster.teams[0].calendar: A non-empty string is required.",
            "$.roster.teams: A roster needs at least one team: {\"team\": name, \"calendar\": calendar name}.");
    }
}
