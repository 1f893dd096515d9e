using NodaTime;

namespace Feedback.Calendars;

/// <summary>Local-to-instant conversion without the allocation of <see cref="DateTimeZone.MapLocal"/>.</summary>
internal static class ZoneMath
{
    /// <summary>
    /// The same answer as <c>zone.AtLeniently(local).ToInstant()</c> (NodaTime's lenient resolver): an
    /// ambiguous local time maps to its earlier occurrence, a skipped one is shifted forward by the
    /// length of the gap. Works on the zone's cached intervals, so it allocates nothing.
    /// </summary>
    public static Instant AtLeniently(DateTimeZone zone, LocalDateTime local)
    {
        var asUtc = local.InUtc().ToInstant();
        var guess = zone.GetZoneInterval(asUtc);

        // Zone transitions are far apart, so the local time lies in the guessed interval or a neighbour.
        var previous = guess.HasStart ? zone.GetZoneInterval(guess.Start - Duration.Epsilon) : null;
        var next = guess.HasEnd ? zone.GetZoneInterval(guess.End) : null;

        // The earliest interval that contains the instant with its own offset wins (earlier of an overlap).
        if (previous is not null && Maps(previous, asUtc, out var a))
        {
            return a;
        }

        if (Maps(guess, asUtc, out var b))
        {
            return b;
        }

        if (next is not null && Maps(next, asUtc, out var c))
        {
            return c;
        }

        // A gap: shift forward by the gap, i.e. use the offset in force before it.
        var before = next is not null && asUtc - Duration.FromNanoseconds(next.WallOffset.Nanoseconds) >= guess.End ? guess
            : previous is not null && asUtc - Duration.FromNanoseconds(guess.WallOffset.Nanoseconds) < guess.Start ? previous
            : guess;
        return asUtc - Duration.FromNanoseconds(before.WallOffset.Nanoseconds);
    }

    private static bool Maps(NodaTime.TimeZones.ZoneInterval interval, Instant asUtc, out Instant instant)
    {
        instant = asUtc - Duration.FromNanoseconds(interval.WallOffset.Nanoseconds);
        return (!interval.HasStart || instant >= interval.Start) && (!interval.HasEnd || instant < interval.End);
    }
}
