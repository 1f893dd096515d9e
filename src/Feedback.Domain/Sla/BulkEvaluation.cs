using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Feedback.Sla;

/// <summary>
/// Tickets prepared for bulk evaluation against one policy, as compact flat arrays: the instants and the
/// policy's ids of every ticket's events (names resolved once), which targets apply to each ticket
/// (worked out once per distinct kind, severity and category) and each ticket's zone. Evaluating the
/// batch again (every night, at every policy change, at many instants) then reads only these arrays,
/// in order: no look-ups, no pointer chasing and no allocation per ticket. Instants are held as 64-bit
/// nanoseconds and evaluated in 64-bit arithmetic; a ticket with an instant more than about 126 years from
/// 1970 (before 1843 or after 2096) or a reopen is evaluated on NodaTime values, with
/// the same results.
/// </summary>
/// <remarks>Immutable and thread-safe once created. Memory: 12 bytes per event and 21 per ticket, plus one
/// flag per target for each distinct kind, severity and category, on top of the tickets themselves (kept
/// for their fields and for explanations).</remarks>
public sealed class TicketBatch
{
    private readonly Ticket[] _tickets;
    private readonly long[] _times;
    private readonly bool[] _general;
    private readonly int[] _ids;
    private readonly int[] _offsets;
    private readonly int[] _profiles;
    private readonly bool[] _applies;
    private readonly int[] _zones;

    private TicketBatch(SlaPolicy policy, Ticket[] tickets, long[] times, bool[] general, int[] ids, int[] offsets, int[] profiles, bool[] applies, int[] zones)
    {
        Policy = policy;
        _tickets = tickets;
        _times = times;
        _general = general;
        _ids = ids;
        _offsets = offsets;
        _profiles = profiles;
        _applies = applies;
        _zones = zones;
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
            if (array[i] is null)
            {
                throw new ArgumentException($"tickets[{i}] is null.", nameof(tickets));
            }

            offsets[i + 1] = checked(offsets[i] + array[i].Events.Length);
        }

        var ids = new int[offsets[^1]];
        var times = new long[offsets[^1]];
        var general = new bool[array.Length];
        var profiles = new int[array.Length];
        var zones = new int[array.Length];
        var applies = new List<bool>();
        var known = new Dictionary<(string Kind, string Severity, string? Category), int>();
        int width = policy.Targets.Length;
        for (int i = 0; i < array.Length; i++)
        {
            var ticket = array[i];
            var events = ticket.Events.AsSpan();
            policy.ResolveIds(events, ids.AsSpan(offsets[i], events.Length));
            for (int k = 0; k < events.Length; k++)
            {
                // Outside the 64-bit window the ticket is evaluated from its own events.
                general[i] |= !SlaPolicy.TryNanos(events[k].At, out times[offsets[i] + k]);
            }

            var key = (ticket.Kind, ticket.Severity, ticket.Category);
            if (!known.TryGetValue(key, out int profile))
            {
                profile = known.Count;
                known.Add(key, profile);
                foreach (var target in policy.Targets)
                {
                    applies.Add(target.AppliesTo(ticket));
                }
            }

            profiles[i] = profile * width;
            zones[i] = policy.ZoneIndex(ticket);
        }

        return new TicketBatch(policy, array, times, general, ids, offsets, profiles, [.. applies], zones);
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
    /// <remarks>
    /// Read each chunk's results before evaluating the next. A chunk of a few thousand tickets (4,096 tickets
    /// of a 4-target policy fill 3.4 MB) keeps its results in the processor's caches until they are read; a
    /// chunk whose results far exceed the caches (tens of MB) sends every result out to memory and back: in the
    /// benchmarks, 65,536-ticket chunks took 1.01-1.10 times as long as 4,096-ticket ones. Chunks of 4,096
    /// tickets or more are split across cores.
    /// </remarks>
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

        EvaluateInParallel(first, count, at, results, maxDegreeOfParallelism);
    }

    // A method of its own: the lambda's captured state is then allocated only when it runs in parallel.
    private void EvaluateInParallel(int first, int count, Instant at, TargetEvaluation[] results, int maxDegreeOfParallelism)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.ForEach(Partitioner.Create(first, first + count, 2048), options, range => EvaluateRange(first, range.Item1, range.Item2, at, results));
    }

    private void EvaluateRange(int origin, int from, int to, Instant at, TargetEvaluation[] results)
    {
        int width = Policy.Targets.Length;
        var applies = _applies.AsSpan();
        bool inWindow = SlaPolicy.TryNanos(at, out long nanos);
        for (int i = from; i < to; i++)
        {
            int offset = _offsets[i];
            var slot = results.AsSpan((i - origin) * width, width);
            if (inWindow && !_general[i])
            {
                var times = _times.AsSpan(offset, _offsets[i + 1] - offset);
                int count = SlaPolicy.CountUpTo(times, nanos);
                if (Policy.TryRunNanos(_tickets[i], times[..count], _ids.AsSpan(offset, count), applies.Slice(_profiles[i], width), _zones[i], nanos, slot))
                {
                    continue;
                }
            }

            EvaluateGeneral(i, at, slot);
        }
    }

    /// <summary>A ticket the 64-bit evaluation does not handle, evaluated on NodaTime values from its own events.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EvaluateGeneral(int i, Instant at, Span<TargetEvaluation> slot)
    {
        var ticket = _tickets[i];
        var events = ticket.Events.AsSpan();
        int count = SlaPolicy.CountUpTo(events, at);
        int width = Policy.Targets.Length;
        Policy.RunInstants(ticket, events[..count], _ids.AsSpan(_offsets[i], count), _applies.AsSpan(_profiles[i], width), _zones[i], at, slot, null, null);
    }
}
