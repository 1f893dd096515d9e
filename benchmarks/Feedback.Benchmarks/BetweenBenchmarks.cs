using BenchmarkDotNet.Attributes;
using Feedback.Calendars;
using NodaTime;

namespace Feedback.Benchmarks;

/// <summary>
/// <see cref="WorkingCalendar.Between"/> against the day-by-day <see cref="NaiveCalendar.Between"/>:
/// one invocation measures, for each of <see cref="BenchmarkData.StartCount"/> start instants, the
/// working time from the start to the end that <c>Add(start, Span)</c> gives, so the answer is
/// always the span and the naive walk covers the same dates as in <see cref="AddBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BetweenBenchmarks
{
    private WorkingCalendar _calendar = null!;
    private NaiveCalendar _naive = null!;
    private Instant[] _from = [];
    private Instant[] _to = [];

    [ParamsAllValues]
    public WorkSpan Span { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.Calendar;
        _naive = new NaiveCalendar(_calendar);
        _from = BenchmarkData.Starts(_calendar);
        _to = BenchmarkData.CheckedAddResults(_calendar, _naive, _from, BenchmarkData.ToDuration(Span));

        // Throws unless the engine and the naive reference agree on every input measured here.
        BenchmarkData.CheckBetween(_calendar, _naive, _from, _to);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkData.StartCount)]
    public long Engine()
    {
        var calendar = _calendar;
        var from = _from;
        var to = _to;
        long sum = 0;
        for (int i = 0; i < from.Length && i < to.Length; i++)
        {
            sum += calendar.Between(from[i], to[i]).Value.ToInt64Nanoseconds();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkData.StartCount)]
    public long Naive()
    {
        var naive = _naive;
        var from = _from;
        var to = _to;
        long sum = 0;
        for (int i = 0; i < from.Length && i < to.Length; i++)
        {
            sum += naive.Between(from[i], to[i]).ToInt64Nanoseconds();
        }

        return sum;
    }
}
