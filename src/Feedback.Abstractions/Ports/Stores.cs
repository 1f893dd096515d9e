using Ardalis.Result;
using Feedback.Specifications;
using NodaTime;

namespace Feedback.Ports;

/// <summary>
/// Storage of tickets and their event history, implemented by the host over its own database.
/// </summary>
/// <remarks>
/// Saves are optimistic: a save states the version it read; when the stored version differs the save
/// fails with <see cref="ResultStatus.Conflict"/> and stores nothing, so two writers never silently
/// overwrite each other. Implementations must be thread-safe.
/// </remarks>
public interface ITicketStore
{
    /// <summary>The ticket with this id, or <c>null</c>.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<TicketRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="record"/> if the stored version is <c>record.Version</c> (0: not stored yet).</summary>
    /// <param name="record">The record, with the version it was read at.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record with its new version, or a conflict naming both versions.</returns>
    ValueTask<Result<TicketRecord>> SaveAsync(TicketRecord record, CancellationToken cancellationToken = default);

    /// <summary>The records satisfying <paramref name="specification"/>, ordered by id.</summary>
    /// <param name="specification">The criterion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<TicketRecord>> QueryAsync(Specification<TicketRecord> specification, CancellationToken cancellationToken = default);
}

/// <summary>Storage of follow-up tasks and records (optimistic like <see cref="ITicketStore"/>).</summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface IFollowUpStore
{
    /// <summary>The entry for this item, or <c>null</c>.</summary>
    /// <param name="itemId">The item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<FollowUpEntry?> FindAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Saves the entry if the stored version is <c>entry.Version</c>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<Result<FollowUpEntry>> SaveAsync(FollowUpEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The entries satisfying <paramref name="specification"/>, ordered by item id.</summary>
    /// <param name="specification">The criterion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<FollowUpEntry>> QueryAsync(Specification<FollowUpEntry> specification, CancellationToken cancellationToken = default);
}

/// <summary>Storage of penalty ledger lines; appending is idempotent by <see cref="LedgerLine.Id"/>.</summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface ILedgerStore
{
    /// <summary>Appends the lines not stored yet, all or none.</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many lines were new.</returns>
    ValueTask<Result<int>> AppendAsync(IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken = default);

    /// <summary>The lines satisfying <paramref name="specification"/>, ordered by id.</summary>
    /// <param name="specification">The criterion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<LedgerLine>> QueryAsync(Specification<LedgerLine> specification, CancellationToken cancellationToken = default);
}

/// <summary>The notification outbox: what is to be sent, each idempotency key once.</summary>
/// <remarks>Implementations must be thread-safe.</remarks>
public interface INotificationOutbox
{
    /// <summary>Adds the notifications whose keys are not in the outbox yet, all or none.</summary>
    /// <param name="notifications">The notifications.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were new.</returns>
    ValueTask<Result<int>> EnqueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken = default);

    /// <summary>Notifications not sent yet and due at or before <paramref name="now"/>, oldest first.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="max">The most to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<Notification>> PendingAsync(Instant now, int max, CancellationToken cancellationToken = default);

    /// <summary>Marks a notification sent.</summary>
    /// <param name="idempotencyKey">Its key.</param>
    /// <param name="sentAt">When it was sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Success, or not found.</returns>
    ValueTask<Result> MarkSentAsync(string idempotencyKey, Instant sentAt, CancellationToken cancellationToken = default);
}

/// <summary>Port to the host's gateways (SMS, WeChat, e-mail, in-app).</summary>
/// <remarks>Implementations must be thread-safe and should themselves be idempotent by <see cref="Notification.IdempotencyKey"/>.</remarks>
public interface INotificationSender
{
    /// <summary>Sends one notification.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<Result> SendAsync(Notification notification, CancellationToken cancellationToken = default);
}
