using FluentAssertions;
using NodaTime;
using static Feedback.Tests.Calendars.TestCalendars;

namespace Feedback.Tests.Calendars;

public partial class WorkingCalendarTests
{
    [Fact]
    public void Between_AcrossTheLunchBreak_IsNotZero()
    {
        GmHotline.Between(Sh(2026, 3, 9, 11, 0), Sh(2026, 3, 9, 14, 0)).Value.Should().Be(Duration.FromHours(1));
    }

    [Fact]
    public void Between_ClipsThePartialFirstAndLastIntervals()
    {
        GmHotline.Between(Sh(2026, 3, 9, 9, 0), Sh(2026, 3, 9, 14, 0)).Value.Should().Be(Duration.FromHours(3));
    }

    [Fact]
    public void Between_ReversedArguments_IsNegative()
    {
        GmHotline.Between(Sh(2026, 3, 9, 14, 0), Sh(2026, 3, 9, 11, 0)).Value.Should().Be(Duration.FromHours(-1));
    }

    [Fact]
    public void Between_InsideOneGap_IsZero()
    {
        GmHotline.Between(Sh(2026, 3, 7, 9, 0), Sh(2026, 3, 8, 15, 0)).Value.Should().Be(Duration.Zero);
    }

    [Fact]
    public void Between_AcrossNationalDay2025_CountsOnlyWorkingTime()
    {
        GmHotline.Between(Sh(2025, 9, 30, 16, 0), Sh(2025, 10, 9, 9, 0)).Value.Should().Be(Duration.FromHours(1));
    }

    [Fact]
    public void Between_AWholeOrdinaryWeek_IsThirtyHours()
    {
        GmHotline.Between(Sh(2026, 3, 9, 0, 0), Sh(2026, 3, 16, 0, 0)).Value.Should().Be(Duration.FromHours(30));
    }

    [Fact]
    public void Between_KeepsSubSecondPrecision()
    {
        var from = Sh(2026, 3, 9, 11, 29, 59).PlusNanoseconds(250);
        GmHotline.Between(from, Sh(2026, 3, 9, 13, 30, 1)).Value.Should().Be(Duration.FromSeconds(2) - Duration.FromNanoseconds(250));
    }
}
