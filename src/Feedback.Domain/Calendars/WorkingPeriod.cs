using System.Globalization;
using Ardalis.Result;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Calendars;

/// <summary>
/// A span of local time-of-day during which work is done, such as 08:30-11:30 (W1).
/// When <see cref="End"/> is not after <see cref="Start"/> the period runs past midnight into the
/// next day: 20:00-09:00 is an overnight duty (W2), 08:00-00:00 closes at 24:00, and
/// 00:00-00:00 is a whole day.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equality is by <see cref="Start"/> and <see cref="End"/>.
/// The default value is 00:00-00:00, a whole day.
/// </remarks>
public readonly record struct WorkingPeriod
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss.FFFFFFFFF");
    private static readonly LocalTimePattern ShortPattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Creates a period from <paramref name="start"/> to <paramref name="end"/> (next day when <paramref name="end"/> ≤ <paramref name="start"/>).</summary>
    /// <param name="start">The local time work starts.</param>
    /// <param name="end">The local time work stops; <see cref="LocalTime.Midnight"/> means 24:00.</param>
    public WorkingPeriod(LocalTime start, LocalTime end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The local time work starts.</summary>
    public LocalTime Start { get; }

    /// <summary>The local time work stops (exclusive); on the next day when <see cref="CrossesMidnight"/>.</summary>
    public LocalTime End { get; }

    /// <summary>Whether the period ends on the day after it starts (including a period ending at 24:00).</summary>
    public bool CrossesMidnight => End <= Start;

    /// <summary>The nominal length of the period, ignoring any daylight-saving change on the day.</summary>
    public Duration Length
    {
        get
        {
            long ns = End.NanosecondOfDay - Start.NanosecondOfDay;
            return Duration.FromNanoseconds(ns > 0 ? ns : ns + NodaConstants.NanosecondsPerDay);
        }
    }

    /// <summary>Offset of <see cref="Start"/> from the start of its day.</summary>
    internal long StartNanos => Start.NanosecondOfDay;

    /// <summary>Offset of <see cref="End"/> from the start of the day the period starts on (may exceed one day).</summary>
    internal long EndNanos => CrossesMidnight ? End.NanosecondOfDay + NodaConstants.NanosecondsPerDay : End.NanosecondOfDay;

    /// <summary>
    /// Parses <c>"HH:mm-HH:mm"</c> (seconds and fractions allowed: <c>"08:30:15.5-11:30"</c>), with
    /// <c>24:00</c> accepted as an end. Parsing is culture-invariant.
    /// </summary>
    /// <param name="text">The text to parse, for example <c>"13:30-16:30"</c> or <c>"20:00-09:00"</c>.</param>
    /// <returns>The period, or an invalid result naming the text.</returns>
    public static Result<WorkingPeriod> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<WorkingPeriod>.Invalid(new ValidationError("period", "A working period is empty; expected \"HH:mm-HH:mm\", for example \"08:30-11:30\"."));
        }

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == text.Length - 1)
        {
            return Result<WorkingPeriod>.Invalid(new ValidationError("period", $"\"{text}\" is not a working period; expected \"HH:mm-HH:mm\", for example \"08:30-11:30\"."));
        }

        var start = ParseTime(text[..dash].Trim(), allow24: false);
        var end = ParseTime(text[(dash + 1)..].Trim(), allow24: true);
        if (start is null || end is null)
        {
            return Result<WorkingPeriod>.Invalid(new ValidationError("period", $"\"{text}\" is not a working period; each side must be a time such as \"08:30\" or \"17:30:00\" (24:00 allowed as an end)."));
        }

        return Result<WorkingPeriod>.Success(new WorkingPeriod(start.Value, end.Value));
    }

    private static LocalTime? ParseTime(string text, bool allow24)
    {
        if (allow24 && (text == "24:00" || text == "24:00:00"))
        {
            return LocalTime.Midnight;
        }

        var parsed = Pattern.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        parsed = ShortPattern.Parse(text);
        return parsed.Success ? parsed.Value : null;
    }

    /// <summary>Formats as <c>"HH:mm-HH:mm"</c> (seconds only when present; 24:00 for a midnight end).</summary>
    public override string ToString()
    {
        return string.Create(CultureInfo.InvariantCulture, $"{Format(Start, false)}-{Format(End, true)}");
    }

    private static string Format(LocalTime time, bool isEnd)
    {
        if (isEnd && time == LocalTime.Midnight)
        {
            return "24:00";
        }

        return time.NanosecondOfSecond == 0 && time.Second == 0 ? ShortPattern.Format(time) : Pattern.Format(time);
    }
}
