using System.Collections.Immutable;
using NodaTime;

namespace Feedback.Sla;

/// <summary>Something that happened to a ticket, such as <c>call-ended</c> or <c>paused</c>, and when.</summary>
/// <remarks>Immutable and thread-safe; equality is by name (ordinal) and instant.</remarks>
/// <param name="Name">The event name, one of the standard SLA event names (<c>Feedback.Sla.SlaEvents.Standard</c>) or declared by the policy.</param>
/// <param name="At">When it happened.</param>
public readonly record struct TicketEvent(string Name, Instant At);

/// <summary>
/// A ticket (complaint, repair, help request, consultation, follow-up, supervision order; K1-K4) as the
/// SLA engine sees it: what it is, and the timeline of what happened to it.
/// </summary>
/// <remarks>
/// Events are kept ordered by instant (stable for equal instants). Fields are instants known about the
/// ticket that are not events, such as the completion time agreed with the customer or an
/// appointment. Immutable and thread-safe.
/// </remarks>
public sealed class Ticket
{
    /// <summary>Creates a ticket.</summary>
    /// <param name="id">The host's id for the ticket.</param>
    /// <param name="kind">For example <c>complaint</c>, <c>repair</c>, <c>help</c>.</param>
    /// <param name="severity">For example <c>general</c>, <c>important</c>, <c>major</c>, <c>group</c>, <c>common</c> (K2).</param>
    /// <param name="events">What happened, in any order.</param>
    /// <param name="category">The category (K3, K4), or <c>null</c>.</param>
    /// <param name="project">The project, which can choose the time zone and city tier, or <c>null</c>.</param>
    /// <param name="fields">Named instants such as <c>agreed-completion</c> or <c>appointment</c>, or <c>null</c>.</param>
    public Ticket(string id, string kind, string severity, IEnumerable<TicketEvent> events, string? category = null, string? project = null,
        IReadOnlyDictionary<string, Instant>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(severity);
        ArgumentNullException.ThrowIfNull(events);
        Id = id;
        Kind = kind;
        Severity = severity;
        Category = category;
        Project = project;
        Events = [.. events.OrderBy(e => e.At)];
        Fields = fields is null ? ImmutableDictionary<string, Instant>.Empty : fields.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The host's id for the ticket.</summary>
    public string Id { get; }

    /// <summary>The kind of ticket.</summary>
    public string Kind { get; }

    /// <summary>The severity.</summary>
    public string Severity { get; }

    /// <summary>The category, or <c>null</c>.</summary>
    public string? Category { get; }

    /// <summary>The project, or <c>null</c>.</summary>
    public string? Project { get; }

    /// <summary>The events ordered by instant.</summary>
    public ImmutableArray<TicketEvent> Events { get; }

    /// <summary>Named instants that are not events.</summary>
    public ImmutableDictionary<string, Instant> Fields { get; }

    /// <summary>A copy with one more event (for example a pause recorded late); the original is unchanged.</summary>
    /// <param name="name">The event name.</param>
    /// <param name="at">When it happened.</param>
    public Ticket WithEvent(string name, Instant at) =>
        new(Id, Kind, Severity, Events.Add(new TicketEvent(name, at)), Category, Project, Fields);

    /// <summary>A copy with a field set (for example a changed agreed completion time); the original is unchanged.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">Its instant.</param>
    public Ticket WithField(string name, Instant value) =>
        new(Id, Kind, Severity, Events, Category, Project, Fields.SetItem(name, value));

    /// <summary>A copy with another severity (the matching targets may change; pause time is kept).</summary>
    /// <param name="severity">The new severity.</param>
    public Ticket WithSeverity(string severity) => new(Id, Kind, severity, Events, Category, Project, Fields);
}
