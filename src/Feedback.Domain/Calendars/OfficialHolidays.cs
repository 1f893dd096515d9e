using System.Globalization;
using Ardalis.Result;

namespace Feedback.Calendars;

/// <summary>
/// Official holiday schedules shipped with the library, and the way to extend them.
/// </summary>
/// <remarks>
/// <para><see cref="MainlandChina"/>: days off and make-up working days of mainland China for
/// 2007-2026, facts of the State Council's yearly notices, compiled from the NateScarlet/holiday-cn
/// data set (MIT License, Copyright (c) 2019 NateScarlet). Dates are mainland dates in Asia/Shanghai.</para>
/// <para>To add a year before the library ships it, read the notice into the same JSON format with
/// <see cref="HolidayScheduleJson.Parse"/> and <see cref="Combine"/> it with the shipped schedule;
/// to use another region, supply your own schedule, for example through an
/// <see cref="IHolidayDataSource"/>.</para>
/// <para>Thread-safe; the shipped data is parsed once, on first use.</para>
/// </remarks>
public static class OfficialHolidays
{
    private static readonly Lazy<HolidaySchedule> China = new(LoadChina, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Mainland China, 2007-2026 (region code <c>"CN"</c>).</summary>
    public static HolidaySchedule MainlandChina => China.Value;

    /// <summary>A data source serving the shipped schedules (<c>"CN"</c>), for hosts that want the port.</summary>
    public static IHolidayDataSource Shipped { get; } = new ShippedSource();

    /// <summary>
    /// Combines two schedules of one region: every year <paramref name="later"/> covers is taken
    /// from it (its notice replaces whatever <paramref name="earlier"/> said about dates of that
    /// year), the other years from <paramref name="earlier"/>.
    /// </summary>
    /// <param name="earlier">The base schedule, for example <see cref="MainlandChina"/>.</param>
    /// <param name="later">The schedule with the newer years.</param>
    /// <returns>The combined schedule, or an invalid result when the regions differ.</returns>
    public static Result<HolidaySchedule> Combine(HolidaySchedule earlier, HolidaySchedule later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (!string.Equals(earlier.Region, later.Region, StringComparison.OrdinalIgnoreCase))
        {
            return Result<HolidaySchedule>.Invalid(new ValidationError("region", $"Cannot combine schedules of regions '{earlier.Region}' and '{later.Region}'."));
        }

        // A notice may list days of the neighbouring year (make-up days in late December), so
        // replace by the dates the later schedule lists as well as by its years.
        var laterYears = later.Years.ToHashSet();
        var laterDates = later.Days.Select(d => d.Date).ToHashSet();
        var days = earlier.Days
            .Where(d => !laterYears.Contains(d.Date.Year) && !laterDates.Contains(d.Date))
            .Concat(later.Days);
        string? source = (earlier.Source, later.Source) switch
        {
            (null, var s) => s,
            (var s, null) => s,
            var (a, b) => string.Create(CultureInfo.InvariantCulture, $"{a}; {b}"),
        };
        return Result<HolidaySchedule>.Success(new HolidaySchedule(earlier.Region, earlier.Years.Union(later.Years), days, source));
    }

    private static HolidaySchedule LoadChina()
    {
        using var stream = typeof(OfficialHolidays).Assembly.GetManifestResourceStream("Feedback.Calendars.Data.cn-holidays.json")
            ?? throw new InvalidOperationException("The embedded resource Feedback.Calendars.Data.cn-holidays.json is missing from Feedback.Domain.");
        using var reader = new StreamReader(stream);
        var parsed = HolidayScheduleJson.Parse(reader.ReadToEnd());
        if (!parsed.IsSuccess)
        {
            throw new InvalidOperationException("The shipped holiday data is invalid: " + string.Join("; ", parsed.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}")));
        }

        var data = parsed.Value;
        return new HolidaySchedule(data.Region, data.Years, data.Days, "State Council notices, via NateScarlet/holiday-cn (MIT License, Copyright (c) 2019 NateScarlet)");
    }

    private sealed class ShippedSource : IHolidayDataSource
    {
        public ValueTask<HolidaySchedule?> FindAsync(string region, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(string.Equals(region, "CN", StringComparison.OrdinalIgnoreCase) ? MainlandChina : null);
        }
    }
}
