using BenchmarkDotNet.Attributes;
using Feedback.Calendars;
using NodaTime;

namespace Feedback.Benchmarks;

/// <summary>
/// <see cref="WorkingCalendar.Add"/> against the day-by-day <see cref="NaiveCalendar.Add"/>: one
/// invocation adds the same working time to each of <see cref="BenchmarkData.StartCount"/> start
/// instants, so the reported time is per operation.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AddBenchmarks
{
    private WorkingCalendar _calendar = null!;
    private NaiveCalendar _naive = null!;
    private Instant[] _starts = [];
    private Duration _duration;

    [ParamsAllValues]
    public WorkSpan Span { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkData.Calendar;
        _naive = new NaiveCalendar(_calendar);
        _starts = BenchmarkData.Starts(_calendar);
        _duration = BenchmarkData.ToDuration(Span);

        // Throws unless the engine and the naive reference agree on every input measured here.
        BenchmarkData.CheckedAddResults(_calendar, _naive, _starts, _duration);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkData.StartCount)]
    public long Engine()
    {
        var calendar = _calendar;
        var starts = _starts;
        var duration = _duration;
        long sum = 0;
        for (int i = 0; i < starts.Length; i++)
        {
            sum += calendar.Add(starts[i], duration).Value.ToUnixTimeTicks();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkData.StartCount)]
    public long Naive()
    {
        var naive = _naive;
        var starts = _starts;
        var duration = _duration;
        long sum = 0;
        for (int i = 0; i < starts.Length; i++)
        {
            sum += naive.Add(starts[i], duration)!.Value.ToUnixTimeTicks();
        }

        return sum;
    }
}
