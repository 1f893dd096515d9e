using Feedback.Ports;

namespace Feedback.Storage.Tests;

/// <summary>The store contract against <see cref="InMemoryFeedbackStore"/>.</summary>
public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override StorePorts CreateStore() => StorePorts.Of(new InMemoryFeedbackStore());

    /// <summary>One process, one object: every writer shares it.</summary>
    protected override StorePorts OpenAnotherWriter() => Store;

    /// <summary>
    /// Nothing to simulate: an in-memory save builds the new immutable map off to the side and
    /// publishes it with one reference assignment under the lock, so a writer that dies before that
    /// assignment has changed nothing anyone can see, and one that dies after it has committed.
    /// There is no state in between to crash in.
    /// </summary>
    protected override Task SimulateCrashDuringSaveAsync(TicketRecord record) => Task.CompletedTask;
}
