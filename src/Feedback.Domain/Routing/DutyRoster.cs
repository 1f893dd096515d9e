using System.Collections.Immutable;
using Feedback.Calendars;
using NodaTime;

namespace Feedback.Routing;

/// <summary>A team of a duty roster and the calendar of its shifts.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Name">The team, for example <c>monitoring-centre</c>.</param>
/// <param name="Schedule">When the team is on duty (a working calendar: weekdays, seasons, holidays).</param>
public sealed record DutyTeam(string Name, WorkingCalendar Schedule);

/// <summary>
/// Which team is on duty at an instant (W2: the day office with seasonal hours, the evening desk
/// 17:30-20:00 Mon-Sat, the monitoring centre 20:00-09:00, technicians until 22:00).
/// </summary>
/// <remarks>Teams are listed in the order an urgent request goes to them; the fallback team takes
/// what falls outside every shift. Immutable and thread-safe.</remarks>
public sealed class DutyRoster
{
    internal DutyRoster(ImmutableArray<DutyTeam> teams, string fallback)
    {
        Teams = teams;
        Fallback = fallback;
    }

    /// <summary>The teams, in the order requests go to them.</summary>
    public ImmutableArray<DutyTeam> Teams { get; }

    /// <summary>The team that takes requests when no shift covers the instant.</summary>
    public string Fallback { get; }

    /// <summary>Every team on duty at <paramref name="at"/>, in order.</summary>
    /// <param name="at">The instant.</param>
    public ImmutableArray<string> OnDuty(Instant at) => [.. Teams.Where(t => t.Schedule.IsWorking(at)).Select(t => t.Name)];

    /// <summary>The team an urgent request at <paramref name="at"/> goes to: the first on duty, or <see cref="Fallback"/>.</summary>
    /// <param name="at">The instant.</param>
    public string Responder(Instant at)
    {
        foreach (var team in Teams)
        {
            if (team.Schedule.IsWorking(at))
            {
                return team.Name;
            }
        }

        return Fallback;
    }
}
