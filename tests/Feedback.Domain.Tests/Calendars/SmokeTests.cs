using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Calendars;

public class SmokeTests
{
    [Fact]
    public void Add_FridayLateAfternoon_ContinuesAfterWeekend()
    {
        // 2026-03-06 is a Friday. 16:00 + 1h: 30 min Friday, 30 min Monday from 08:30.
        GmHotline.Add(Sh(2026, 3, 6, 16, 0), Duration.FromHours(1)).Value.Should().Be(Sh(2026, 3, 9, 9, 0));
    }
}
