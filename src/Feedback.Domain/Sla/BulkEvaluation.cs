using System.Collections.Concurrent;
using NodaTime;

namespace Feedback.Sla;

/// <summary>
/// Tickets prepared for bulk evaluation against one policy: the event names of every ticket are
/// resolved to the policy's ids once, in one flat array, so that evaluating the batch again (every
/// night, at every policy change, at many instants) does no look-ups and no allocation per ticket.
/// </summary>
/// <remarks>Immutable and thread-safe once created.</remarks>
public sealed class TicketBatch
{
    private readonly Ticket[] _tickets;
    private readonly int[] _ids;
    private readonly int[] _offsets;

    private TicketBatch(SlaPolicy policy, Ticket[] tickets, int[] ids, int[] offsets)
    {
        Policy = policy;
        _tickets = tickets;
        _ids = ids;
        _offsets = offsets;
    }

    /// <summary>The policy the event ids were resolved for.</summary>
    public SlaPolicy Policy { get; }

    /// <summary>How many tickets.</summary>
    public int Count => _tickets.Length;

    /// <summary>The tickets, in batch order.</summary>
    public IReadOnlyList<Ticket> Tickets => _tickets;

    /// <summary>Prepares <paramref name="tickets"/> for <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="tickets">The tickets; the batch keeps their order.</param>
    public static TicketBatch Create(SlaPolicy policy, IEnumerable<Ticket> tickets)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(tickets);
        var array = tickets.ToArray();
        var offsets = new int[array.Length + 1];
        for (int i = 0; i < array.Length; i++)
        {
            offsets[i + 1] = offsets[i] + array[i].Events.Length;
        }

        var ids = new int[offsets[^1]];
        for (int i = 0; i < array.Length; i++)
        {
            policy.ResolveIds(array[i].Events.AsSpan(), ids.AsSpan(offsets[i], array[i].Events.Length));
        }

        return new TicketBatch(policy, array, ids, offsets);
    }

    /// <summary>
    /// Evaluates every ticket at <paramref name="at"/> into <paramref name="results"/>: ticket i's
    /// evaluation of target j goes to <c>results[i * Targets.Length + j]</c>, whatever the parallelism,
    /// so the output order is deterministic. Large batches run in parallel across cores; nothing is
    /// allocated per ticket.
    /// </summary>
    /// <param name="at">The evaluation instant.</param>
    /// <param name="results">At least <c>Count * Policy.Targets.Length</c> long.</param>
    public void Evaluate(Instant at, TargetEvaluation[] results) => Evaluate(at, results, 0, Count);

    /// <summary>
    /// Evaluates tickets <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1
    /// into <paramref name="results"/> (ticket <c>first + i</c>, target j at <c>results[i * Targets.Length + j]</c>),
    /// so that a portfolio larger than memory allows for results is evaluated chunk by chunk through one
    /// reusable buffer.
    /// </summary>
    /// <param name="at">The evaluation instant.</param>
    /// <param name="results">At least <c>count * Policy.Targets.Length</c> long.</param>
    /// <param name="first">The first ticket of the chunk.</param>
    /// <param name="count">How many tickets.</param>
    /// <param name="maxDegreeOfParallelism">The most threads; 1 evaluates on the calling thread; default: all cores.</param>
    public void Evaluate(Instant at, TargetEvaluation[] results, int first, int count, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + (long)count, Count, nameof(count));
        int width = Policy.Targets.Length;
        if (results.Length < (long)count * width)
        {
            throw new ArgumentException($"The results buffer holds {results.Length} evaluations; {count} tickets x {width} targets need {(long)count * width}.", nameof(results));
        }

        if (maxDegreeOfParallelism == 1 || count < 4096)
        {
            EvaluateRange(first, first, first + count, at, results);
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.ForEach(Partitioner.Create(first, first + count, 2048), options, range => EvaluateRange(first, range.Item1, range.Item2, at, results));
    }

    private void EvaluateRange(int origin, int from, int to, Instant at, TargetEvaluation[] results)
    {
        int width = Policy.Targets.Length;
        for (int i = from; i < to; i++)
        {
            var ticket = _tickets[i];
            var events = ticket.Events.AsSpan();
            int count = SlaPolicy.CountUpTo(events, at);
            Policy.RunResolved(ticket, events[..count], _ids.AsSpan(_offsets[i], count), at, results.AsSpan((i - origin) * width, width), null, null);
        }
    }
}
