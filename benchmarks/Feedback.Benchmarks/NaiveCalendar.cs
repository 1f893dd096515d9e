using Feedback.Calendars;
using NodaTime;

namespace Feedback.Benchmarks;

/// <summary>
/// The naive reference: business-time arithmetic by walking local dates one by one, as peer
/// libraries effectively do. Each date's periods come from the public
/// <see cref="WorkingCalendar.HoursOn(LocalDate)"/> (holidays, make-up days and seasons already
/// applied) and are mapped to instants with <see cref="DateTimeZone.AtLeniently(LocalDateTime)"/>.
/// </summary>
/// <remarks>
/// Good enough as a baseline, not as a library: it assumes a date's periods neither overlap nor
/// overlap the previous date's overnight period (the engine joins those), and lenient mapping is
/// only exact away from daylight-saving transitions (the benchmark zone, Asia/Shanghai, has none
/// since 1991). Horizon limits are respected so that answers match the engine's.
/// </remarks>
public sealed class NaiveCalendar(WorkingCalendar calendar)
{
    private readonly WorkingCalendar _calendar = calendar;
    private readonly DateTimeZone _zone = calendar.Zone;

    /// <summary>
    /// The earliest instant at or after <paramref name="start"/> by which <paramref name="workingTime"/>
    /// (positive) of working time has passed, or <c>null</c> when the horizon ends first.
    /// </summary>
    public Instant? Add(Instant start, Duration workingTime)
    {
        if (workingTime <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "The naive reference only counts forward.");
        }

        var remaining = workingTime;

        // Start a day early: the previous date's overnight period may still be running.
        for (var date = start.InZone(_zone).Date.PlusDays(-1); date < _calendar.HorizonEnd; date = date.PlusDays(1))
        {
            foreach (var period in _calendar.HoursOn(date))
            {
                var (open, close) = ToInstants(date, period);
                if (open < start)
                {
                    open = start;
                }

                if (close <= open)
                {
                    continue;
                }

                var length = close - open;
                if (remaining <= length)
                {
                    return open + remaining;
                }

                remaining -= length;
            }
        }

        return null;
    }

    /// <summary>The working time from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public Duration Between(Instant from, Instant to)
    {
        if (to < from)
        {
            return -Between(to, from);
        }

        var total = Duration.Zero;
        var last = to.InZone(_zone).Date;
        for (var date = from.InZone(_zone).Date.PlusDays(-1); date <= last; date = date.PlusDays(1))
        {
            foreach (var period in _calendar.HoursOn(date))
            {
                var (open, close) = ToInstants(date, period);
                if (open < from)
                {
                    open = from;
                }

                if (close > to)
                {
                    close = to;
                }

                if (open < close)
                {
                    total += close - open;
                }
            }
        }

        return total;
    }

    /// <summary>The period's opening and closing instants, clipped to the calendar's horizon.</summary>
    private (Instant Open, Instant Close) ToInstants(LocalDate date, WorkingPeriod period)
    {
        var open = _zone.AtLeniently(date + period.Start).ToInstant();
        var close = _zone.AtLeniently((period.CrossesMidnight ? date.PlusDays(1) : date) + period.End).ToInstant();
        if (open < _calendar.HorizonStartInstant)
        {
            open = _calendar.HorizonStartInstant;
        }

        if (close > _calendar.HorizonEndInstant)
        {
            close = _calendar.HorizonEndInstant;
        }

        return (open, close);
    }
}
