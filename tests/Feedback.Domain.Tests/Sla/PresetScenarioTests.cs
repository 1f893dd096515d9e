using Feedback.Sla;
using NodaTime;

namespace Feedback.Tests.Sla;

/// <summary>
/// Scenario tests of the shipped presets, one or more per rule of shared/RULES.md (T1-T15, W1-W3).
/// Every expected instant and duration is worked out by hand in the comment above the assertion;
/// none is computed with the library. Times are Asia/Shanghai local (see <c>TestCalendars.Sh</c>).
/// The preset-specific tests are in PresetScenarioTests.B.cs, .C.cs and .D.cs.
/// </summary>
public partial class PresetScenarioTests
{
    /// <summary>An event of a ticket.</summary>
    private static TicketEvent E(string name, Instant at) => new(name, at);

    /// <summary>A ticket with the given events (no fields; add them with <see cref="Ticket.WithField"/>).</summary>
    private static Ticket NewTicket(string kind, string severity, string? category, params TicketEvent[] events) =>
        new($"{kind}-{severity}-{category ?? "none"}", kind, severity, events, category);

    /// <summary>The evaluation of one target of <paramref name="policy"/> at <paramref name="at"/>.</summary>
    private static TargetEvaluation Eval(SlaPolicy policy, Ticket ticket, Instant at, string targetId) =>
        policy.Evaluate(ticket, at).Single(r => r.Target.Id == targetId);

    /// <summary>Hours and minutes as a duration.</summary>
    private static Duration Hm(int hours, int minutes) => Duration.FromHours(hours) + Duration.FromMinutes(minutes);

    /// <summary>Minutes as a duration.</summary>
    private static Duration Min(int minutes) => Duration.FromMinutes(minutes);
}
