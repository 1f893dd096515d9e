using NodaTime;

namespace Feedback.Sla;

/// <summary>
/// Durations as whole nanoseconds for arithmetic that must not overflow: a NodaTime duration holds about
/// ±45,000 years, a 64-bit count of nanoseconds only ±292 (a due instant taken from a field set to
/// 9999-12-31 is thousands of years away).
/// </summary>
internal static class Nanoseconds
{
    /// <summary>The exact number of nanoseconds in <paramref name="duration"/>.</summary>
    public static Int128 Of(Duration duration) => ((Int128)duration.Days * NodaConstants.NanosecondsPerDay) + duration.NanosecondOfDay;

    /// <summary><paramref name="part"/> as a percentage of a positive <paramref name="whole"/>, as the 64-bit evaluation computes it where both fit.</summary>
    public static double Percent(Duration part, Duration whole) => 100.0 * (double)Of(part) / (double)Of(whole);

    /// <summary>How many started <paramref name="unit"/>s <paramref name="duration"/> spans (its ceiling division by a positive unit); 0 for zero or less.</summary>
    public static Int128 StartedUnits(Duration duration, Duration unit)
    {
        var total = Of(duration);
        return total <= 0 ? 0 : (total + Of(unit) - 1) / Of(unit);
    }
}
