using Feedback.Ports;

namespace Feedback.Storage.Tests;

/// <summary>The four store ports of one adapter instance (both shipped adapters implement them explicitly).</summary>
/// <param name="Tickets">The ticket store.</param>
/// <param name="FollowUps">The follow-up store.</param>
/// <param name="Ledger">The ledger store.</param>
/// <param name="Outbox">The notification outbox.</param>
public sealed record StorePorts(ITicketStore Tickets, IFollowUpStore FollowUps, ILedgerStore Ledger, INotificationOutbox Outbox)
{
    /// <summary>The ports of an adapter that implements all four.</summary>
    /// <param name="store">The adapter.</param>
    public static StorePorts Of<T>(T store)
        where T : ITicketStore, IFollowUpStore, ILedgerStore, INotificationOutbox => new(store, store, store, store);
}
