using Ardalis.Result;
using Feedback.Ports;
using Feedback.Reminders;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Hosting;

/// <summary>What one reminder run did.</summary>
/// <param name="Planned">Notifications planned for the window.</param>
/// <param name="Enqueued">New ones (the rest were already in the outbox).</param>
/// <param name="Sent">Sent successfully.</param>
/// <param name="Failed">Send failures (left pending for the next run).</param>
public sealed record ReminderRunReport(int Planned, int Enqueued, int Sent, int Failed);

/// <summary>
/// Plans reminders for a window, puts them in the outbox (each idempotency key once), and sends what
/// is pending. Run it with the end of the previous run as <c>from</c>: after downtime the window is
/// simply longer, and nothing is sent twice.
/// </summary>
/// <param name="planner">The planner.</param>
/// <param name="outbox">The outbox.</param>
/// <param name="sender">The host's gateway.</param>
public sealed class ReminderRunner(ReminderPlanner planner, INotificationOutbox outbox, INotificationSender sender)
{
    /// <summary>Plans [<paramref name="from"/>, <paramref name="now"/>), enqueues, then sends what is due.</summary>
    /// <param name="tickets">Open and recently closed tickets.</param>
    /// <param name="from">End of the previous run.</param>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async ValueTask<Result<ReminderRunReport>> RunAsync(IEnumerable<Ticket> tickets, Instant from, Instant now, CancellationToken cancellationToken = default)
    {
        var planned = planner.Plan(tickets, from, now);
        var enqueued = await outbox.EnqueueAsync(planned, cancellationToken).ConfigureAwait(false);
        if (!enqueued.IsSuccess)
        {
            return Result<ReminderRunReport>.Error(string.Join("; ", enqueued.Errors));
        }

        int sent = 0;
        int failed = 0;
        foreach (var notification in await outbox.PendingAsync(now, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            var result = await sender.SendAsync(notification, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                await outbox.MarkSentAsync(notification.IdempotencyKey, now, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            else
            {
                failed++;
            }
        }

        return Result<ReminderRunReport>.Success(new ReminderRunReport(planned.Length, enqueued.Value, sent, failed));
    }
}
