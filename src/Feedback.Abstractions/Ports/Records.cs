using System.Collections.Immutable;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Ports;

/// <summary>A ticket as stored: the ticket with its event history, what queries need, and its version.</summary>
/// <remarks>Immutable and thread-safe. <see cref="Version"/> is set by the store: 0 before the first save.</remarks>
public sealed record TicketRecord
{
    /// <summary>The ticket and its event history.</summary>
    public required Ticket Ticket { get; init; }

    /// <summary>The first-responsible department (from routing), or <c>null</c>.</summary>
    public string? Department { get; init; }

    /// <summary>Whether the ticket is still open.</summary>
    public bool IsOpen { get; init; } = true;

    /// <summary>The earliest due instant of its running targets, kept by the host after each evaluation, or <c>null</c>.</summary>
    public Instant? NextDue { get; init; }

    /// <summary>The optimistic-concurrency version: 0 for a record never saved; each save adds one.</summary>
    public long Version { get; init; }

    /// <summary>The ticket's id.</summary>
    public string Id => Ticket.Id;
}

/// <summary>A follow-up task and, once done, its outcome.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FollowUpEntry
{
    /// <summary>The item followed up.</summary>
    public required string ItemId { get; init; }

    /// <summary>The item's kind.</summary>
    public required string Kind { get; init; }

    /// <summary>When the follow-up window opens.</summary>
    public required Instant Opens { get; init; }

    /// <summary>When it closes.</summary>
    public required Instant Closes { get; init; }

    /// <summary>The method used, once done; <c>null</c> while pending.</summary>
    public string? Method { get; init; }

    /// <summary>When it was done, or <c>null</c>.</summary>
    public Instant? DoneAt { get; init; }

    /// <summary>Whether the customer was satisfied, once done.</summary>
    public bool? Satisfied { get; init; }

    /// <summary>Evidence attached (signature, phone mark).</summary>
    public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>The optimistic-concurrency version (0 before the first save).</summary>
    public long Version { get; init; }

    /// <summary>Whether the follow-up has been done.</summary>
    public bool IsDone => DoneAt is not null;
}

/// <summary>One line of a penalty ledger as stored; <see cref="Id"/> makes appends idempotent.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LedgerLine
{
    /// <summary>A stable id, for example ticket/rule/instant: appending a line twice stores it once.</summary>
    public required string Id { get; init; }

    /// <summary>The person, or <c>null</c> when the role named nobody.</summary>
    public string? PersonId { get; init; }

    /// <summary>The ledger's month.</summary>
    public required YearMonth Month { get; init; }

    /// <summary>The ticket.</summary>
    public required string TicketId { get; init; }

    /// <summary>The penalty rule.</summary>
    public required string RuleId { get; init; }

    /// <summary>The amount, or <c>null</c> for bonus percentages, bands and sanctions.</summary>
    public decimal? Amount { get; init; }

    /// <summary>The currency of <see cref="Amount"/>.</summary>
    public required string Currency { get; init; }

    /// <summary>The computation shown.</summary>
    public required string Computation { get; init; }
}

/// <summary>A message to send: who, how, which template with which parameters, and the key that makes it exactly-once.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Notification
{
    /// <summary>Identical for every planning of the same reminder: a store keeps one per key.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The ticket it concerns.</summary>
    public required string TicketId { get; init; }

    /// <summary>The recipient's role (resolve it through the directory), for example <c>accountable</c>.</summary>
    public required string RecipientRole { get; init; }

    /// <summary>The recipient, when already resolved, or <c>null</c>.</summary>
    public string? RecipientPerson { get; init; }

    /// <summary>sms, wechat, email, in-app.</summary>
    public required string Channel { get; init; }

    /// <summary>The host's template, for example <c>daily-reminder</c>.</summary>
    public required string TemplateKey { get; init; }

    /// <summary>Template parameters.</summary>
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When it is due to be sent.</summary>
    public required Instant DueAt { get; init; }

    /// <summary>When it was sent, or <c>null</c> while pending.</summary>
    public Instant? SentAt { get; init; }
}
