using System.Collections.Immutable;
using Ardalis.Result;
using NodaTime;

namespace Feedback.Calendars;

/// <summary>
/// Collects the working periods of an ordinary week, as strings such as <c>"08:30-11:30"</c> or as
/// <see cref="WorkingPeriod"/> values. Parse errors are kept and reported, with every other
/// problem, when the calendar is built.
/// </summary>
/// <remarks>Mutable and not thread-safe: configure on one thread, then build.</remarks>
public sealed class WeeklyHoursBuilder
{
    private readonly List<WorkingPeriod>[] _days = [.. Enumerable.Range(0, 7).Select(_ => new List<WorkingPeriod>())];
    private readonly List<ValidationError> _errors = [];
    private readonly string _path;

    internal WeeklyHoursBuilder(string path)
    {
        _path = path;
    }

    /// <summary>Adds periods to one weekday.</summary>
    /// <param name="weekday">Monday to Sunday.</param>
    /// <param name="periods">Periods such as <c>"08:30-11:30"</c>, <c>"20:00-09:00"</c> (overnight) or <c>"08:00-24:00"</c>.</param>
    /// <returns>This builder.</returns>
    public WeeklyHoursBuilder On(IsoDayOfWeek weekday, params IEnumerable<string> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (!IsWeekday(weekday))
        {
            _errors.Add(new ValidationError($"{_path}.{weekday}", $"'{weekday}' is not a weekday from Monday to Sunday."));
            return this;
        }

        var list = _days[(int)weekday - 1];
        foreach (var text in periods)
        {
            var parsed = WorkingPeriod.Parse(text);
            if (parsed.IsSuccess)
            {
                list.Add(parsed.Value);
            }
            else
            {
                _errors.Add(new ValidationError($"{_path}.{weekday}[{list.Count}]", parsed.ValidationErrors.First().ErrorMessage));
            }
        }

        return this;
    }

    /// <summary>Adds periods to one weekday.</summary>
    /// <param name="weekday">Monday to Sunday.</param>
    /// <param name="periods">The periods.</param>
    /// <returns>This builder.</returns>
    public WeeklyHoursBuilder On(IsoDayOfWeek weekday, params IEnumerable<WorkingPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (!IsWeekday(weekday))
        {
            _errors.Add(new ValidationError($"{_path}.{weekday}", $"'{weekday}' is not a weekday from Monday to Sunday."));
            return this;
        }

        _days[(int)weekday - 1].AddRange(periods);
        return this;
    }

    /// <summary>Adds the same periods to Monday through Friday.</summary>
    /// <param name="periods">Periods such as <c>"08:30-11:30"</c>.</param>
    /// <returns>This builder.</returns>
    public WeeklyHoursBuilder Weekdays(params string[] periods)
    {
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            On(day, periods);
        }

        return this;
    }

    /// <summary>Adds the same periods to every day of the week.</summary>
    /// <param name="periods">Periods such as <c>"00:00-24:00"</c>.</param>
    /// <returns>This builder.</returns>
    public WeeklyHoursBuilder EveryDay(params string[] periods)
    {
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            On(day, periods);
        }

        return this;
    }

    internal IEnumerable<ValidationError> Errors
    {
        get
        {
            foreach (var error in _errors)
            {
                yield return error;
            }

            for (int i = 0; i < 7; i++)
            {
                foreach (var error in CalendarValidation.Overlaps($"{_path}.{(IsoDayOfWeek)(i + 1)}", _days[i]))
                {
                    yield return error;
                }
            }
        }
    }

    internal ImmutableArray<ImmutableArray<WorkingPeriod>> Freeze() =>
        [.. _days.Select(d => d.OrderBy(p => p.Start).ToImmutableArray())];

    private static bool IsWeekday(IsoDayOfWeek weekday) => weekday is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday;
}
