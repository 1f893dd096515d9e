using Feedback.Calendars;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Feedback.Tests.Calendars;

public class ZoneMathProperties
{
    private static readonly string[] Zones =
        ["Europe/London", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "America/Santiago", "Asia/Shanghai", "Pacific/Apia", "Europe/Moscow", "UTC"];

    private static readonly Arbitrary<(string Zone, LocalDateTime Local)> Cases = Arb.From(
        from zone in Gen.Elements(Zones)
        from day in Gen.Choose(0, 365 * 30)
        from minute in Gen.Choose(0, (24 * 60) - 1)
        select (zone, new LocalDate(2000, 1, 1).PlusDays(day).AtMidnight().PlusMinutes(minute)));

    private static readonly Arbitrary<(string Zone, LocalDateTime Local)> NearTransitions = Arb.From(
        from zone in Gen.Elements(Zones)
        from index in Gen.Choose(0, 200)
        from offsetMinutes in Gen.Choose(-150, 150)
        select (zone, Transition(zone, index, offsetMinutes)));

    private static LocalDateTime Transition(string zoneId, int index, int offsetMinutes)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var intervals = zone.GetZoneIntervals(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 1, 0, 0)).ToArray();
        var interval = intervals[index % intervals.Length];
        var at = interval.HasStart ? interval.Start : Instant.FromUtc(2000, 1, 1, 0, 0);
        return at.InZone(zone).LocalDateTime.PlusMinutes(offsetMinutes);
    }

    [Property(MaxTest = 1000)]
    public Property AtLeniently_AnyLocalTime_MatchesNodaTimesLenientResolver() =>
        Prop.ForAll(Cases, c => Same(c.Zone, c.Local));

    [Property(MaxTest = 1000)]
    public Property AtLeniently_LocalTimesAroundTransitions_MatchNodaTimesLenientResolver() =>
        Prop.ForAll(NearTransitions, c => Same(c.Zone, c.Local));

    private static bool Same(string zoneId, LocalDateTime local)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        return ZoneMath.AtLeniently(zone, local) == zone.AtLeniently(local).ToInstant();
    }
}
