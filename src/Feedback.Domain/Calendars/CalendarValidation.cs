using System.Globalization;
using Ardalis.Result;

namespace Feedback.Calendars;

/// <summary>Shared checks used while building calendars.</summary>
internal static class CalendarValidation
{
    /// <summary>Reports every pair of periods of one day that overlap (overnight periods extend past 24:00).</summary>
    public static IEnumerable<ValidationError> Overlaps(string path, IEnumerable<WorkingPeriod> periods)
    {
        var sorted = periods.OrderBy(p => p.StartNanos).ToArray();
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].StartNanos < sorted[i - 1].EndNanos)
            {
                yield return new ValidationError(path, string.Create(CultureInfo.InvariantCulture, $"Working periods {sorted[i - 1]} and {sorted[i]} overlap."));
            }
        }

        // An overnight period that runs into the same day's first period of the next day would also
        // overlap, but the next day may have other hours; the compiled calendar takes the union.
    }
}
