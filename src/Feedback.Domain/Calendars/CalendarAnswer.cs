using System.Globalization;
using Ardalis.Result;
using NodaTime;

namespace Feedback.Calendars;

/// <summary>
/// The answer of a <see cref="WorkingCalendar"/> computation: a value and a <see cref="CalendarStatus"/>.
/// A struct so that the hot path allocates nothing (only a failure builds its message);
/// <see cref="ToResult"/> turns it into an Ardalis <see cref="Result{T}"/>.
/// </summary>
/// <typeparam name="T">The value type: <see cref="Instant"/> or <see cref="Duration"/>.</typeparam>
/// <remarks>Immutable and thread-safe. The default value is a failure that came from no calendar.</remarks>
public readonly struct CalendarAnswer<T>
    where T : struct
{
    private readonly T _value;
    private readonly WorkingCalendar? _calendar;
    private readonly string? _error;

    private CalendarAnswer(T value, CalendarStatus status, WorkingCalendar calendar, string? error)
    {
        _value = value;
        Status = status;
        _calendar = calendar;
        _error = error;
    }

    internal static CalendarAnswer<T> Success(T value, CalendarStatus status, WorkingCalendar calendar) =>
        new(value, status, calendar, null);

    internal static CalendarAnswer<T> Failure(CalendarStatus status, WorkingCalendar calendar, string error) =>
        new(default, status, calendar, error);

    /// <summary>How the computation went.</summary>
    public CalendarStatus Status { get; }

    /// <summary>Whether a value was computed (possibly <see cref="IsExtrapolated"/>).</summary>
    public bool IsSuccess => _calendar is not null && _error is null;

    /// <summary>Whether the value relied on the weekly pattern for dates outside the calendar's holiday data.</summary>
    public bool IsExtrapolated => IsSuccess && Status == CalendarStatus.OutsideHolidayData;

    /// <summary>The computed value.</summary>
    /// <exception cref="InvalidOperationException">The computation failed; check <see cref="IsSuccess"/> first or use <see cref="ToResult"/>.</exception>
    public T Value => IsSuccess ? _value : throw new InvalidOperationException(Message);

    /// <summary>The value, or <paramref name="fallback"/> when the computation failed.</summary>
    public T GetValueOrDefault(T fallback) => IsSuccess ? _value : fallback;

    /// <summary>Whether a value was computed, and the value (the default of <typeparamref name="T"/> on failure).</summary>
    public bool TryGetValue(out T value)
    {
        value = _value;
        return IsSuccess;
    }

    /// <summary>A sentence describing the outcome: for a failure, the operation, the argument with its value, and why.</summary>
    public string Message
    {
        get
        {
            if (_calendar is null)
            {
                return "This CalendarAnswer is a default value; it did not come from a calendar.";
            }

            if (_error is not null)
            {
                return _error;
            }

            return Status == CalendarStatus.OutsideHolidayData
                ? string.Create(CultureInfo.InvariantCulture, $"{_value} on calendar '{_calendar.Id}': dates outside the holiday data ({_calendar.HolidayDataDescription}) followed the weekly pattern only; load the official notice for those years.")
                : string.Create(CultureInfo.InvariantCulture, $"{_value} on calendar '{_calendar.Id}'.");
        }
    }

    /// <summary>
    /// Converts to an Ardalis <see cref="Result{T}"/>: a success (with <see cref="Result{T}.SuccessMessage"/>
    /// saying so when <see cref="IsExtrapolated"/>), or an error whose message names the operation,
    /// the argument and its value.
    /// </summary>
    public Result<T> ToResult()
    {
        if (!IsSuccess)
        {
            return Result<T>.Error(Message);
        }

        return IsExtrapolated ? Result<T>.Success(_value, Message) : Result<T>.Success(_value);
    }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
