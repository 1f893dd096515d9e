using Feedback.Calendars;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Calendars;

/// <summary>Shared plumbing for the calendar properties: build the case's calendar, format answers, explain failures.</summary>
internal static class PropertyAssertions
{
    public static readonly GapLanding[] Landings = [GapLanding.AtEdge, GapLanding.AcrossGap];

    /// <summary>
    /// Builds the case's calendar and runs <paramref name="check"/> on it. A build may only fail because
    /// the generated rules leave no working time at all in the (short) horizon; that case checks nothing
    /// more here (the reference properties check it agrees with the reference).
    /// </summary>
    public static void WithCalendar(CalendarCase c, Action<WorkingCalendar> check)
    {
        var built = c.Spec.Build();
        if (!built.IsSuccess)
        {
            built.ValidationErrors.Should().ContainSingle("{0}", $"the only acceptable build failure is 'no working time at all' ({string.Join("; ", built.ValidationErrors.Select(e => e.Identifier + ": " + e.ErrorMessage))})\n  case: {c}")
                .Which.Identifier.Should().Be("week");
            return;
        }

        check(built.Value);
    }

    public static Instant? Get(CalendarAnswer<Instant> answer) => answer.IsSuccess ? answer.Value : null;

    public static Duration? Get(CalendarAnswer<Duration> answer) => answer.IsSuccess ? answer.Value : null;

    public static string Show(this CalendarCase c, Instant? instant) => instant is { } t ? c.Show(t) : "failure";

    /// <summary>A "because" text: the operation with its arguments and results, then the whole case.</summary>
    public static string Why(CalendarCase c, string detail) => $"{detail}\n  case: {c}\n ";

    /// <summary>Latest instant of the horizon not after <paramref name="t"/>.</summary>
    public static Instant ClampToHorizon(WorkingCalendar calendar, Instant t) =>
        t > calendar.HorizonEndInstant ? calendar.HorizonEndInstant : t < calendar.HorizonStartInstant ? calendar.HorizonStartInstant : t;

    public static Duration Abs(this Duration duration) => duration < Duration.Zero ? -duration : duration;

    /// <summary>
    /// Whether <paramref name="t"/>, although inside the horizon, has a local date before
    /// <see cref="WorkingCalendar.HorizonStart"/>: possible just after a fall-back that crosses local
    /// midnight (America/St_Johns until 2010: 00:01 back to 23:01 of the previous day).
    /// </summary>
    public static bool DatedBeforeTheHorizon(WorkingCalendar calendar, Instant t) =>
        t.InZone(calendar.Zone).Date < calendar.HorizonStart;

    /// <summary>A closing edge: not working, but the nanosecond before is.</summary>
    public static bool IsClosingEdge(WorkingCalendar calendar, Instant t) =>
        !calendar.IsWorking(t) && calendar.IsWorking(t - Duration.Epsilon);

    /// <summary>An opening edge: working, but the nanosecond before is not.</summary>
    public static bool IsOpeningEdge(WorkingCalendar calendar, Instant t) =>
        calendar.IsWorking(t) && !calendar.IsWorking(t - Duration.Epsilon);
}
