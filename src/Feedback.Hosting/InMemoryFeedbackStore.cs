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
        return ValueTask.FromResult(SaveVersioned(ref _tickets, "ticket", record.Id, record.Version, v => record with { Version = v }, r => r.Version));
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
        return ValueTask.FromResult(SaveVersioned(ref _followUps, "follow-up", entry.ItemId, entry.Version, v => entry with { Version = v }, e => e.Version));
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

            // The first mark wins, as in every adapter.
            _outbox = _outbox.SetItem(idempotencyKey, notification with { SentAt = notification.SentAt ?? sentAt });
            return ValueTask.FromResult(Result.Success());
        }
    }

    // An optimistic save: the stored version must be the one the writer read; one atomic swap under the lock.
    private Result<T> SaveVersioned<T>(ref ImmutableSortedDictionary<string, T> map, string what, string id, long expected, Func<long, T> withVersion, Func<T, long> versionOf)
    {
        lock (_gate)
        {
            long stored = map.TryGetValue(id, out var current) ? versionOf(current) : 0;
            if (stored != expected)
            {
                return StoreResults.Conflict<T>(what, id, expected, stored);
            }

            var saved = withVersion(stored + 1);
            map = map.SetItem(id, saved);
            return Result<T>.Success(saved);
        }
    }

    /// <summary>Every notification in the outbox, sent or not, by key (for tests and diagnostics).</summary>
    public IReadOnlyList<Notification> Outbox => [.. _outbox.Values];
}
