using Feedback.FollowUps;
using Feedback.Penalties;
using Feedback.Routing;
using Feedback.Sla;

namespace Feedback.Policies;

/// <summary>
/// A company's whole rulebook from one document: SLA targets and calendars, and optionally routing
/// tables, a duty roster, a penalty schedule and follow-up rules. Load with <see cref="PolicyDocument.LoadRulebook"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Sla">The SLA policy.</param>
/// <param name="Routing">The routing tables (R1-R4), or <c>null</c>.</param>
/// <param name="Roster">The duty roster (W2), or <c>null</c>.</param>
/// <param name="Penalties">The penalty schedule (P1-P4), or <c>null</c>.</param>
/// <param name="FollowUps">The follow-up rules (F1-F8, S1-S2), or <c>null</c>.</param>
public sealed record Rulebook(SlaPolicy Sla, RoutingPolicy? Routing, DutyRoster? Roster, PenaltySchedule? Penalties, FollowUpPolicy? FollowUps);
