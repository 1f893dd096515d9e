using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Feedback.Calendars;

/// <summary>What a specific kind of day does instead of following its weekday's hours.</summary>
public enum DayRuleKind
{
    /// <summary>No working time at all: a holiday.</summary>
    Off = 0,

    /// <summary>Works the hours of another weekday: a make-up working day (调休) follows, say, Monday's hours.</summary>
    WorkAs = 1,

    /// <summary>Works exactly the listed periods: a half-day holiday, a shortened day, an extra shift.</summary>
    Hours = 2,
}

/// <summary>
/// The rule for one specific date, overriding the weekly hours: a day off, a day that works
/// another weekday's hours, or a day with its own periods (a half day).
/// </summary>
/// <remarks>Immutable and thread-safe. The default value is <see cref="Off"/>.
/// Equality compares the kind, the weekday and the periods in order.</remarks>
public readonly struct DayRule : IEquatable<DayRule>
{
    private readonly ImmutableArray<WorkingPeriod> _periods;

    private DayRule(DayRuleKind kind, IsoDayOfWeek weekday, ImmutableArray<WorkingPeriod> periods)
    {
        Kind = kind;
        Weekday = weekday;
        _periods = periods;
    }

    /// <summary>A day with no working time.</summary>
    public static DayRule Off => default;

    /// <summary>The kind of rule.</summary>
    public DayRuleKind Kind { get; }

    /// <summary>For <see cref="DayRuleKind.WorkAs"/>, the weekday whose hours apply; otherwise <see cref="IsoDayOfWeek.None"/>.</summary>
    public IsoDayOfWeek Weekday { get; }

    /// <summary>For <see cref="DayRuleKind.Hours"/>, the periods worked; otherwise empty.</summary>
    public ImmutableArray<WorkingPeriod> Periods => _periods.IsDefault ? [] : _periods;

    /// <summary>A day that works the hours <paramref name="weekday"/> has on that date (season included).</summary>
    /// <param name="weekday">The weekday to copy; must not be <see cref="IsoDayOfWeek.None"/>.</param>
    public static DayRule WorkAs(IsoDayOfWeek weekday)
    {
        if (weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(weekday), weekday, "A weekday from Monday to Sunday is required.");
        }

        return new DayRule(DayRuleKind.WorkAs, weekday, []);
    }

    /// <summary>A day that works exactly <paramref name="periods"/> (for example a half-day holiday).</summary>
    /// <param name="periods">The periods; overlaps are reported when the calendar is built.</param>
    public static DayRule Hours(params IEnumerable<WorkingPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        return new DayRule(DayRuleKind.Hours, IsoDayOfWeek.None, [.. periods]);
    }

    /// <inheritdoc/>
    public bool Equals(DayRule other) =>
        Kind == other.Kind && Weekday == other.Weekday && Periods.SequenceEqual(other.Periods);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DayRule other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(Weekday);
        foreach (var p in Periods)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(DayRule left, DayRule right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(DayRule left, DayRule right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DayRuleKind.WorkAs => string.Create(CultureInfo.InvariantCulture, $"work as {Weekday}"),
        DayRuleKind.Hours => "hours " + string.Join(", ", Periods),
        _ => "off",
    };
}
