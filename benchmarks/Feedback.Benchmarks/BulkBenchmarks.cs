using BenchmarkDotNet.Attributes;
using Feedback.Policies;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Benchmarks;

/// <summary>A portfolio policy and synthetic tickets for the bulk benchmarks.</summary>
internal static class BulkData
{
    public const int Targets = 4;

    /// <summary>
    /// Tickets per chunk: 4,096 tickets' results (3.4 MB) stay in the caches while they are read, which a
    /// 65,536-ticket chunk (54.5 MB) does not (see <see cref="BulkChunkBenchmarks"/>).
    /// </summary>
    public const int Chunk = 4_096;

    /// <summary>The chunk the first bulk measurements used, for comparison.</summary>
    public const int LargeChunk = 65_536;

    /// <summary>
    /// Four targets on every ticket: feedback within 4 office hours and resolution within 8 (both
    /// pausable), a solution by the end of the 3rd working day, a reply within 24 wall-clock hours.
    /// The office calendar has lunch breaks, seasonal hours and China's holidays 2015-2026.
    /// </summary>
    public static SlaPolicy Policy { get; } = PolicyDocument.Load("""
        { "id": "bulk", "zone": "Asia/Shanghai",
          "calendars": { "office": {
            "seasons": [
              { "name": "summer", "from": "05-01", "to": "09-30", "week": { "Weekdays": ["07:50-11:30", "13:00-17:30"] } },
              { "name": "winter", "from": "10-01", "to": "04-30", "week": { "Weekdays": ["07:50-11:30", "13:00-18:30"] } } ],
            "holidays": "CN", "horizon": { "start": "2015-01-01", "end": "2031-01-01" } } },
          "targets": [
            { "id": "feedback-4h", "rule": "T4", "start": "received", "stop": "feedback-given", "clock": "office", "within": "PT4H", "pause": "paused", "resume": "resumed" },
            { "id": "resolve-8h", "rule": "T4", "start": "received", "stop": "resolved", "clock": "office", "within": "PT8H", "pause": "paused", "resume": "resumed" },
            { "id": "solution-3wd", "rule": "T6", "start": "received", "stop": "solution-given", "clock": "office", "workingDays": 3, "endOfDay": true },
            { "id": "reply-24h", "rule": "T6", "start": "received", "stop": "replied", "within": "PT24H" } ] }
        """).Value;

    /// <summary>The evaluation instant: mid-2026, so most tickets are closed and some are open or late.</summary>
    public static Instant At { get; } = Instant.FromUtc(2026, 7, 1, 0, 0);

    /// <summary>Tickets received uniformly over 2015-2026 (fixed seed); most answered within hours or days, some paused.</summary>
    public static Ticket[] Tickets(int count)
    {
        var random = new Random(42);
        var from = Instant.FromUtc(2015, 1, 1, 0, 0);
        long range = (Instant.FromUtc(2026, 12, 1, 0, 0) - from).ToInt64Nanoseconds();
        var tickets = new Ticket[count];
        for (int i = 0; i < count; i++)
        {
            var received = from.PlusNanoseconds(random.NextInt64(range));
            var events = new List<TicketEvent>(6) { new("received", received) };
            if (random.Next(10) < 3)
            {
                var paused = received + Duration.FromMinutes(random.Next(10, 600));
                events.Add(new("paused", paused));
                events.Add(new("resumed", paused + Duration.FromMinutes(random.Next(10, 3000))));
            }

            Maybe(events, random, "feedback-given", received, 8, 60 * 30);
            Maybe(events, random, "resolved", received, 7, 60 * 72);
            Maybe(events, random, "solution-given", received, 8, 60 * 24 * 6);
            Maybe(events, random, "replied", received, 9, 60 * 40);
            tickets[i] = new Ticket(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"T{i}"), "complaint", "general", events);
        }

        return tickets;
    }

    private static void Maybe(List<TicketEvent> events, Random random, string name, Instant after, int inTen, int maxMinutes)
    {
        if (random.Next(10) < inTen)
        {
            events.Add(new(name, after + Duration.FromMinutes(random.Next(1, maxMinutes))));
        }
    }
}

/// <summary>Scale curve: the bulk engine over 10 k, 1 M and 10 M tickets, on all cores and on one.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BulkScaleBenchmarks
{
    private TicketBatch _batch = null!;
    private TargetEvaluation[] _buffer = [];

    [Params(10_000, 1_000_000, 10_000_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        _batch = TicketBatch.Create(BulkData.Policy, BulkData.Tickets(Tickets));
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(System.FormattableString.Invariant($"// memory per ticket (ticket objects + batch arrays): {(after - before) / (double)Tickets:0} bytes"));
        _buffer = new TargetEvaluation[Math.Min(Tickets, BulkData.Chunk) * BulkData.Targets];
    }

    [Benchmark(Baseline = true, Description = "bulk, all cores")]
    public TargetState AllCores() => Run(-1);

    [Benchmark(Description = "bulk, one core")]
    public TargetState OneCore() => Run(1);

    private TargetState Run(int threads)
    {
        for (int first = 0; first < _batch.Count; first += BulkData.Chunk)
        {
            _batch.Evaluate(BulkData.At, _buffer, first, Math.Min(BulkData.Chunk, _batch.Count - first), threads);
        }

        return _buffer[0].State;
    }
}

/// <summary>
/// Chunk size: 1 M tickets evaluated in chunks of 4,096 tickets (results 3.4 MB, they stay in the caches)
/// and of 65,536 (54.5 MB, every result goes out to memory), on one core and on all cores; each chunk's
/// results are read once (breaches counted), as a host would.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BulkChunkBenchmarks
{
    private TicketBatch _batch = null!;
    private TargetEvaluation[] _buffer = [];

    [Params(1_000_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _batch = TicketBatch.Create(BulkData.Policy, BulkData.Tickets(Tickets));
        _buffer = new TargetEvaluation[BulkData.LargeChunk * BulkData.Targets];
    }

    [Benchmark(Baseline = true, Description = "one core, 4,096-ticket chunks")]
    public int OneCoreSmall() => Run(BulkData.Chunk, 1);

    [Benchmark(Description = "one core, 65,536-ticket chunks")]
    public int OneCoreLarge() => Run(BulkData.LargeChunk, 1);

    [Benchmark(Description = "all cores, 4,096-ticket chunks")]
    public int AllCoresSmall() => Run(BulkData.Chunk, -1);

    [Benchmark(Description = "all cores, 65,536-ticket chunks")]
    public int AllCoresLarge() => Run(BulkData.LargeChunk, -1);

    private int Run(int chunk, int threads)
    {
        int breached = 0;
        for (int first = 0; first < _batch.Count; first += chunk)
        {
            int count = Math.Min(chunk, _batch.Count - first);
            _batch.Evaluate(BulkData.At, _buffer, first, count, threads);
            foreach (var result in _buffer.AsSpan(0, count * BulkData.Targets))
            {
                breached += result.State == TargetState.Breached ? 1 : 0;
            }
        }

        return breached;
    }
}

/// <summary>
/// The bulk engine against evaluating the same tickets one by one through the ordinary API, and
/// against the naive calendar reference (day-by-day stepping) computing the two business-hour due
/// instants and elapsed times of each ticket, all on one core, in the same run.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BulkBaselineBenchmarks
{
    private Ticket[] _tickets = [];
    private TicketBatch _batch = null!;
    private TicketBatch _inCreationOrder = null!;
    private TargetEvaluation[] _buffer = [];
    private NaiveCalendar _naive = null!;
    private (int Count, int[] Ids, bool[] Applies)[] _resolved = [];

    [Params(10_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tickets = BulkData.Tickets(Tickets);
        _batch = TicketBatch.Create(BulkData.Policy, _tickets);
        _inCreationOrder = TicketBatch.Create(BulkData.Policy, _tickets.OrderBy(t => t.Events[0].At));
        _buffer = new TargetEvaluation[Tickets * BulkData.Targets];
        _naive = new NaiveCalendar(BulkData.Policy.Calendars["office"]);
        _resolved = [.. _tickets.Select(ticket =>
        {
            var events = ticket.Events.AsSpan();
            int count = SlaPolicy.CountUpTo(events, BulkData.At);
            var ids = new int[count];
            BulkData.Policy.ResolveIds(events[..count], ids);
            return (count, ids, BulkData.Policy.Targets.Select(t => t.AppliesTo(ticket)).ToArray());
        })];
    }

    [Benchmark(Baseline = true, Description = "bulk, one core")]
    public TargetState Bulk()
    {
        _batch.Evaluate(BulkData.At, _buffer, 0, Tickets, maxDegreeOfParallelism: 1);
        return _buffer[^1].State;
    }

    /// <summary>The same tickets as a host reading them from its database would often pass them: in creation order.</summary>
    [Benchmark(Description = "bulk, one core, in creation order")]
    public TargetState BulkInCreationOrder()
    {
        _inCreationOrder.Evaluate(BulkData.At, _buffer, 0, Tickets, maxDegreeOfParallelism: 1);
        return _buffer[^1].State;
    }

    /// <summary>
    /// The batch's work on NodaTime values instead of 64-bit nanoseconds: the general evaluation, which every
    /// ticket took before the 64-bit one and which tickets outside its window (before 1843, after 2096) still take.
    /// </summary>
    [Benchmark(Description = "bulk, one core, on NodaTime values")]
    public TargetState OnNodaTimeValues()
    {
        for (int i = 0; i < _tickets.Length; i++)
        {
            var (count, ids, applies) = _resolved[i];
            BulkData.Policy.RunInstants(_tickets[i], _tickets[i].Events.AsSpan(0, count), ids, applies, 0, BulkData.At,
                _buffer.AsSpan(i * BulkData.Targets, BulkData.Targets), null, null);
        }

        return _buffer[^1].State;
    }

    [Benchmark(Description = "one by one, ordinary API")]
    public int OneByOne()
    {
        int breached = 0;
        foreach (var ticket in _tickets)
        {
            foreach (var result in BulkData.Policy.Evaluate(ticket, BulkData.At))
            {
                breached += result.State == TargetState.Breached ? 1 : 0;
            }
        }

        return breached;
    }

    [Benchmark(Description = "naive calendar, 2 of 4 targets")]
    public long Naive()
    {
        // Only the calendar work of the two business-hour targets (due and elapsed), without pauses:
        // a lower bound for what a day-stepping engine pays for the same portfolio.
        long sum = 0;
        foreach (var ticket in _tickets)
        {
            var received = ticket.Events[0].At;
            foreach (var hours in (ReadOnlySpan<int>)[4, 8])
            {
                var due = _naive.Add(received, Duration.FromHours(hours));
                sum += due?.ToUnixTimeTicks() ?? 0;
                var end = due is { } d && d < BulkData.At ? d : BulkData.At;
                sum += _naive.Between(received, end).BclCompatibleTicks;
            }
        }

        return sum;
    }
}
