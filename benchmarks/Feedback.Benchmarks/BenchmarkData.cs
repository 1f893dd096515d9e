using Feedback.Calendars;
using NodaTime;

namespace Feedback.Benchmarks;

/// <summary>How much working time a benchmark counts (see benchmarks/README.md for why these values).</summary>
public enum WorkSpan
{
    /// <summary>One minute.</summary>
    OneMinute,

    /// <summary>Eight hours.</summary>
    EightHours,

    /// <summary>30 working days of a 6-hour W1 office day: 180 hours.</summary>
    ThirtyWorkingDays,

    /// <summary>250 working days of a 6-hour W1 office day: 1,500 hours.</summary>
    OneWorkingYear,
}

/// <summary>The benchmark calendar, inputs and checks shared by every benchmark class.</summary>
internal static class BenchmarkData
{
    /// <summary>How many start instants each benchmark cycles through; one invocation does them all.</summary>
    public const int StartCount = 1024;

    /// <summary>
    /// An office calendar with lunch breaks, seasonal hours and China's official holidays. The two
    /// seasons cover the whole year without overlapping, so the default W1 week is never used.
    /// </summary>
    public static WorkingCalendar Calendar { get; } = BuildCalendar();

    public static Duration ToDuration(WorkSpan span) => span switch
    {
        WorkSpan.OneMinute => Duration.FromMinutes(1),
        WorkSpan.EightHours => Duration.FromHours(8),
        WorkSpan.ThirtyWorkingDays => Duration.FromHours(30 * 6),
        WorkSpan.OneWorkingYear => Duration.FromHours(250 * 6),
        _ => throw new ArgumentOutOfRangeException(nameof(span), span, "Unknown span."),
    };

    /// <summary>
    /// <see cref="StartCount"/> start instants, uniformly random to the nanosecond over local
    /// 2015-01-01 to 2027-01-01 (so most fall outside working time), from a fixed seed.
    /// </summary>
    public static Instant[] Starts(WorkingCalendar calendar)
    {
        var zone = calendar.Zone;
        var from = zone.AtStartOfDay(new LocalDate(2015, 1, 1)).ToInstant();
        var to = zone.AtStartOfDay(new LocalDate(2027, 1, 1)).ToInstant();
        long range = (to - from).ToInt64Nanoseconds();
        var random = new Random(42);
        var starts = new Instant[StartCount];
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = from.PlusNanoseconds(random.NextInt64(range));
        }

        return starts;
    }

    /// <summary>The engine's answers for <c>Add(start, duration)</c>, checked against <see cref="NaiveCalendar"/>.</summary>
    /// <exception cref="InvalidOperationException">The engine failed or the two disagree on an input.</exception>
    public static Instant[] CheckedAddResults(WorkingCalendar calendar, NaiveCalendar naive, Instant[] starts, Duration duration)
    {
        var results = new Instant[starts.Length];
        for (int i = 0; i < starts.Length; i++)
        {
            var engine = calendar.Add(starts[i], duration);
            if (!engine.IsSuccess)
            {
                throw new InvalidOperationException($"Engine Add({starts[i]}, {duration}) failed: {engine.Message}");
            }

            var reference = naive.Add(starts[i], duration);
            if (reference != engine.Value)
            {
                throw new InvalidOperationException($"Add({starts[i]}, {duration}): engine {engine.Value}, naive {reference?.ToString() ?? "none"}.");
            }

            results[i] = engine.Value;
        }

        return results;
    }

    /// <summary>Checks that the engine and <see cref="NaiveCalendar"/> agree on <c>Between(from[i], to[i])</c>, both ways round.</summary>
    /// <exception cref="InvalidOperationException">The engine failed or the two disagree on an input.</exception>
    public static void CheckBetween(WorkingCalendar calendar, NaiveCalendar naive, Instant[] from, Instant[] to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            var forward = calendar.Between(from[i], to[i]);
            var backward = calendar.Between(to[i], from[i]);
            if (!forward.IsSuccess || !backward.IsSuccess)
            {
                throw new InvalidOperationException($"Engine Between({from[i]}, {to[i]}) failed: {forward.Message} / {backward.Message}");
            }

            var reference = naive.Between(from[i], to[i]);
            var referenceBackward = naive.Between(to[i], from[i]);
            if (reference != forward.Value || referenceBackward != backward.Value)
            {
                throw new InvalidOperationException(
                    $"Between({from[i]}, {to[i]}): engine {forward.Value} / {backward.Value}, naive {reference} / {referenceBackward}.");
            }
        }
    }

    private static WorkingCalendar BuildCalendar()
    {
        var built = new WorkingCalendarBuilder("bench", DateTimeZoneProviders.Tzdb["Asia/Shanghai"])
            .Weekdays("08:30-11:30", "13:30-16:30")
            .WithSeason("summer", new AnnualDate(5, 1), new AnnualDate(9, 30), w => w.Weekdays("07:50-11:30", "13:00-17:30"))
            .WithSeason("winter", new AnnualDate(10, 1), new AnnualDate(4, 30), w => w.Weekdays("07:50-11:30", "13:00-18:30"))
            .WithHolidays(OfficialHolidays.MainlandChina)
            .WithHorizon(new LocalDate(2015, 1, 1), new LocalDate(2031, 1, 1))
            .Build();
        if (!built.IsSuccess)
        {
            throw new InvalidOperationException("The benchmark calendar is invalid: " + string.Join("; ", built.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}")));
        }

        return built.Value;
    }
}
