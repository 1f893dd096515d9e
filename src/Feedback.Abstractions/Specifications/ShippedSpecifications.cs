using System.Globalization;
using System.Linq.Expressions;
using Feedback.Ports;
using NodaTime;

namespace Feedback.Specifications;

/// <summary>Open tickets whose first-responsible department is <see cref="Department"/>.</summary>
/// <param name="department">The department.</param>
public sealed class OpenTicketsOfDepartment(string department) : Specification<TicketRecord>
{
    /// <summary>The department.</summary>
    public string Department { get; } = department;

    /// <inheritdoc/>
    public override Expression<Func<TicketRecord, bool>> Criteria => r => r.IsOpen && r.Department == Department;

    /// <inheritdoc/>
    public override string Name => $"open tickets of department {Department}";
}

/// <summary>Open tickets with a due instant before <see cref="At"/>.</summary>
/// <param name="at">The instant.</param>
public sealed class OverdueTicketsAt(Instant at) : Specification<TicketRecord>
{
    /// <summary>The instant.</summary>
    public Instant At { get; } = at;

    /// <inheritdoc/>
    public override Expression<Func<TicketRecord, bool>> Criteria => r => r.IsOpen && r.NextDue != null && r.NextDue.Value < At;

    /// <inheritdoc/>
    public override string Name => $"tickets overdue at {At}";
}

/// <summary>Tickets of a kind (open or closed).</summary>
/// <param name="kind">The kind.</param>
public sealed class TicketsOfKind(string kind) : Specification<TicketRecord>
{
    /// <summary>The kind.</summary>
    public string Kind { get; } = kind;

    /// <inheritdoc/>
    public override Expression<Func<TicketRecord, bool>> Criteria => r => r.Ticket.Kind == Kind;

    /// <inheritdoc/>
    public override string Name => $"tickets of kind {Kind}";
}

/// <summary>Follow-ups not done whose window closes in [<see cref="From"/>, <see cref="To"/>): "due this week".</summary>
/// <param name="from">Start (inclusive).</param>
/// <param name="to">End (exclusive).</param>
public sealed class FollowUpsDueBetween(Instant from, Instant to) : Specification<FollowUpEntry>
{
    /// <summary>Start (inclusive).</summary>
    public Instant From { get; } = from;

    /// <summary>End (exclusive).</summary>
    public Instant To { get; } = to;

    /// <inheritdoc/>
    public override Expression<Func<FollowUpEntry, bool>> Criteria => e => e.DoneAt == null && e.Closes >= From && e.Closes < To;

    /// <inheritdoc/>
    public override string Name => $"follow-ups due between {From} and {To}";
}

/// <summary>A person's ledger lines of a month.</summary>
/// <param name="personId">The person.</param>
/// <param name="month">The month.</param>
public sealed class LedgerOfPersonInMonth(string personId, YearMonth month) : Specification<LedgerLine>
{
    /// <summary>The person.</summary>
    public string PersonId { get; } = personId;

    /// <summary>The month.</summary>
    public YearMonth Month { get; } = month;

    /// <inheritdoc/>
    public override Expression<Func<LedgerLine, bool>> Criteria => l => l.PersonId == PersonId && l.Month == Month;

    /// <inheritdoc/>
    public override string Name => string.Create(CultureInfo.InvariantCulture, $"ledger of {PersonId} in {Month}");
}
