using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Cli;

/// <summary>Instant parsing and ISO-8601 formatting shared by the commands.</summary>
internal static class TimeText
{
    /// <summary>Parses an ISO-8601 instant with <c>Z</c> or an offset.</summary>
    public static bool TryParseInstant(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var asInstant = InstantPattern.ExtendedIso.Parse(text);
        if (asInstant.Success)
        {
            instant = asInstant.Value;
            return true;
        }

        var asOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (asOffset.Success)
        {
            instant = asOffset.Value.ToInstant();
            return true;
        }

        return false;
    }

    private static readonly OffsetDateTimePattern WithOffset =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<Z+HH:mm>");

    /// <summary>An instant as ISO-8601 with the offset of <paramref name="zone"/> (<c>+08:00</c>, or <c>Z</c> for UTC).</summary>
    public static string Format(Instant instant, DateTimeZone zone) => WithOffset.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>A duration as ISO-8601 (<c>P1DT2H30M</c>, <c>-PT5M</c>, <c>PT0S</c>); days are 24 hours.</summary>
    public static string Format(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return "PT0S";
        }

        var builder = new StringBuilder();
        if (duration < Duration.Zero)
        {
            builder.Append('-');
            duration = -duration;
        }

        builder.Append('P');
        int days = duration.Days;
        if (days > 0)
        {
            builder.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        var rest = duration - Duration.FromDays(days);
        if (rest > Duration.Zero)
        {
            builder.Append('T');
            if (rest.Hours > 0)
            {
                builder.Append(rest.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (rest.Minutes > 0)
            {
                builder.Append(rest.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            double seconds = rest.Seconds + (rest.SubsecondNanoseconds / 1e9);
            if (seconds > 0)
            {
                builder.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return builder.ToString();
    }
}
