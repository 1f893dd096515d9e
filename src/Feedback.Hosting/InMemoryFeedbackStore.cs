using System.Collections.Immutable;
using Ardalis.Result;
using Feedback.Ports;
using Feedback.Specifications;
using NodaTime;

namespace Feedback.Storage;

/// <summary>
/// The in-memory storage adapter: every store port in one object, for tests and small hosts.
/// Writes are atomic and versioned exactly like a database adapter's; nothing survives the process.
/// </summary>
/// <remarks>Use it through the port interfaces (they are implemented explicitly). Thread-safe (one lock; records are immutable).</remarks>
public sealed class InMemoryFeedbackStore : ITicketStore, IFollowUpStore, ILedgerStore, INotificationOutbox
{
    private readonly Lock _gate = new();
    private ImmutableSortedDictionary<string, TicketRecord> _tickets = ImmutableSortedDictionary.Create<string, TicketRecord>(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, FollowUpEntry> _followUps = ImmutableSortedDictionary.Create<string, FollowUpEntry>(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, LedgerLine> _ledger = ImmutableSortedDictionary.Create<string, LedgerLine>(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, Notification> _outbox = ImmutableSortedDictionary.Create<string, Notification>(StringComparer.Ordinal);

    /// <inheritdoc/>
    ValueTask<TicketRecord?> ITicketStore.FindAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_tickets.GetValueOrDefault(id));
    }

    /// <inheritdoc/>
    ValueTask<Result<TicketRecord>> ITicketStore.SaveAsync(TicketRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long stored = _tickets.TryGetValue(record.Id, out var current) ? current.Version : 0;
            if (stored != record.Version)
            {
                return ValueTask.FromResult(Result<TicketRecord>.Conflict(StoreMessages.Conflict("ticket", record.Id, record.Version, stored)));
            }

            var saved = record with { Version = stored + 1 };
            _tickets = _tickets.SetItem(record.Id, saved);
            return ValueTask.FromResult(Result<TicketRecord>.Success(saved));
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<TicketRecord>> ITicketStore.QueryAsync(Specification<TicketRecord> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<TicketRecord>>([.. _tickets.Values.Where(specification.IsSatisfiedBy)]);
    }

    /// <inheritdoc/>
    ValueTask<FollowUpEntry?> IFollowUpStore.FindAsync(string itemId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_followUps.GetValueOrDefault(itemId));
    }

    /// <inheritdoc/>
    ValueTask<Result<FollowUpEntry>> IFollowUpStore.SaveAsync(FollowUpEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long stored = _followUps.TryGetValue(entry.ItemId, out var current) ? current.Version : 0;
            if (stored != entry.Version)
            {
                return ValueTask.FromResult(Result<FollowUpEntry>.Conflict(StoreMessages.Conflict("follow-up", entry.ItemId, entry.Version, stored)));
            }

            var saved = entry with { Version = stored + 1 };
            _followUps = _followUps.SetItem(entry.ItemId, saved);
            return ValueTask.FromResult(Result<FollowUpEntry>.Success(saved));
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<FollowUpEntry>> IFollowUpStore.QueryAsync(Specification<FollowUpEntry> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<FollowUpEntry>>([.. _followUps.Values.Where(specification.IsSatisfiedBy)]);
    }

    /// <inheritdoc/>
    ValueTask<Result<int>> ILedgerStore.AppendAsync(IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var next = _ledger;
            int added = 0;
            foreach (var line in lines)
            {
                if (!next.ContainsKey(line.Id))
                {
                    next = next.Add(line.Id, line);
                    added++;
                }
            }

            _ledger = next;
            return ValueTask.FromResult(Result<int>.Success(added));
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<LedgerLine>> ILedgerStore.QueryAsync(Specification<LedgerLine> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<LedgerLine>>([.. _ledger.Values.Where(specification.IsSatisfiedBy)]);
    }

    /// <inheritdoc/>
    ValueTask<Result<int>> INotificationOutbox.EnqueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var next = _outbox;
            int added = 0;
            foreach (var notification in notifications)
            {
                if (!next.ContainsKey(notification.IdempotencyKey))
                {
                    next = next.Add(notification.IdempotencyKey, notification with { SentAt = null });
                    added++;
                }
            }

            _outbox = next;
            return ValueTask.FromResult(Result<int>.Success(added));
        }
    }

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<Notification>> INotificationOutbox.PendingAsync(Instant now, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<Notification>>(
            [.. _outbox.Values.Where(n => n.SentAt is null && n.DueAt <= now).OrderBy(n => n.DueAt).ThenBy(n => n.IdempotencyKey, StringComparer.Ordinal).Take(Math.Max(max, 0))]);
    }

    /// <inheritdoc/>
    ValueTask<Result> INotificationOutbox.MarkSentAsync(string idempotencyKey, Instant sentAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_outbox.TryGetValue(idempotencyKey, out var notification))
            {
                return ValueTask.FromResult(Result.NotFound($"No notification with idempotency key '{idempotencyKey}' in the outbox."));
            }

            _outbox = _outbox.SetItem(idempotencyKey, notification with { SentAt = sentAt });
            return ValueTask.FromResult(Result.Success());
        }
    }

    /// <summary>Every notification in the outbox, sent or not, by key (for tests and diagnostics).</summary>
    public IReadOnlyList<Notification> Outbox => [.. _outbox.Values];
}

/// <summary>Messages shared by the storage adapters.</summary>
public static class StoreMessages
{
    /// <summary>The conflict message of an optimistic save.</summary>
    /// <param name="what">ticket, follow-up.</param>
    /// <param name="id">The id.</param>
    /// <param name="expected">The version the writer read.</param>
    /// <param name="stored">The version stored now.</param>
    public static string Conflict(string what, string id, long expected, long stored) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Conflict: {what} '{id}' was saved by someone else (you read version {expected}, the store has version {stored}); reload it and apply your change again.");
}
