using System.Collections.Immutable;
using System.Globalization;
using Ardalis.Result;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Calendars;

/// <summary>
/// Describes a working calendar (W1-W4): weekly periods, seasonal variants, official holidays and
/// make-up working days, date-specific rules and the horizon; <see cref="Build"/> validates all of
/// it at once and compiles an immutable <see cref="WorkingCalendar"/>.
/// </summary>
/// <remarks>
/// <para>Which rule decides a date, first match wins: a rule given with <see cref="On(LocalDate, DayRule)"/>;
/// then the official schedule (a day off has no hours; a make-up working day works the hours of
/// the weekday chosen in <see cref="WithHolidays"/>); then the first season containing the date;
/// then the default week.</para>
/// <para>Mutable and not thread-safe: configure on one thread, then build. The built calendar is
/// immutable and thread-safe.</para>
/// </remarks>
public sealed class WorkingCalendarBuilder
{
    /// <summary>Default first day of the horizon.</summary>
    public static readonly LocalDate DefaultHorizonStart = new(2000, 1, 1);

    /// <summary>Default end of the horizon (exclusive): 51 years after <see cref="DefaultHorizonStart"/>.</summary>
    public static readonly LocalDate DefaultHorizonEnd = new(2051, 1, 1);

    /// <summary>The longest horizon a calendar may have, in years.</summary>
    public const int MaxHorizonYears = 200;

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private readonly string _id;
    private readonly DateTimeZone? _zone;
    private readonly WeeklyHoursBuilder _week = new("week");
    private readonly List<(string Name, AnnualDate From, AnnualDate To, WeeklyHoursBuilder Week)> _seasons = [];
    private readonly List<(LocalDate Date, DayRule Rule)> _dates = [];
    private readonly List<ValidationError> _errors = [];
    private HolidaySchedule? _holidays;
    private IsoDayOfWeek _makeUpDaysWorkAs = IsoDayOfWeek.Monday;
    private LocalDate _horizonStart = DefaultHorizonStart;
    private LocalDate _horizonEnd = DefaultHorizonEnd;

    /// <summary>Starts describing a calendar.</summary>
    /// <param name="id">A name for messages and explanations, for example <c>"gm-hotline"</c>.</param>
    /// <param name="zone">The zone whose local times the periods are in.</param>
    public WorkingCalendarBuilder(string id, DateTimeZone zone)
    {
        _id = id ?? string.Empty;
        _zone = zone;
    }

    /// <summary>Adds periods to a weekday of the default week.</summary>
    /// <param name="weekday">Monday to Sunday.</param>
    /// <param name="periods">Periods such as <c>"08:30-11:30"</c>, <c>"20:00-09:00"</c> or <c>"08:00-24:00"</c>.</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder On(IsoDayOfWeek weekday, params IEnumerable<string> periods)
    {
        _week.On(weekday, periods);
        return this;
    }

    /// <summary>Adds periods to a weekday of the default week.</summary>
    /// <param name="weekday">Monday to Sunday.</param>
    /// <param name="periods">The periods.</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder On(IsoDayOfWeek weekday, params IEnumerable<WorkingPeriod> periods)
    {
        _week.On(weekday, periods);
        return this;
    }

    /// <summary>Adds the same periods to Monday through Friday of the default week.</summary>
    /// <param name="periods">Periods such as <c>"08:30-11:30", "13:30-16:30"</c> (W1).</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder Weekdays(params string[] periods)
    {
        _week.Weekdays(periods);
        return this;
    }

    /// <summary>Adds the same periods to every day of the default week.</summary>
    /// <param name="periods">Periods such as <c>"00:00-24:00"</c>.</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder EveryDay(params string[] periods)
    {
        _week.EveryDay(periods);
        return this;
    }

    /// <summary>
    /// Adds a season: between <paramref name="from"/> and <paramref name="to"/> (inclusive, every
    /// year; wraps over the new year when <paramref name="to"/> is earlier) the season's week replaces
    /// the default week. Seasons may not overlap.
    /// </summary>
    /// <param name="name">A unique name, for example <c>"summer"</c>.</param>
    /// <param name="from">First day, for example <c>new AnnualDate(5, 1)</c>.</param>
    /// <param name="to">Last day, for example <c>new AnnualDate(9, 30)</c>.</param>
    /// <param name="week">Configures the season's week.</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder WithSeason(string name, AnnualDate from, AnnualDate to, Action<WeeklyHoursBuilder> week)
    {
        ArgumentNullException.ThrowIfNull(week);
        var builder = new WeeklyHoursBuilder($"seasons[{name}]");
        week(builder);
        _seasons.Add((name ?? string.Empty, from, to, builder));
        return this;
    }

    /// <summary>Sets the rule for one date (a day off, a make-up day, a half day); it wins over every other rule.</summary>
    /// <param name="date">The local date.</param>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder On(LocalDate date, DayRule rule)
    {
        _dates.Add((date, rule));
        return this;
    }

    /// <summary>
    /// Applies an official schedule: its days off have no working time, its make-up working days work
    /// the hours of <paramref name="makeUpDaysWorkAs"/>. Dates outside the horizon are ignored, except the
    /// day before it, whose overnight periods reach into the horizon;
    /// answers about dates outside the schedule's years are marked <see cref="CalendarStatus.OutsideHolidayData"/>.
    /// </summary>
    /// <param name="schedule">The schedule, for example <see cref="OfficialHolidays.MainlandChina"/>.</param>
    /// <param name="makeUpDaysWorkAs">Whose hours a make-up working day follows (default Monday).</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder WithHolidays(HolidaySchedule schedule, IsoDayOfWeek makeUpDaysWorkAs = IsoDayOfWeek.Monday)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _holidays = schedule;
        _makeUpDaysWorkAs = makeUpDaysWorkAs;
        return this;
    }

    /// <summary>
    /// Sets the horizon: the dates the calendar answers for, <paramref name="start"/> inclusive to
    /// <paramref name="end"/> exclusive, at most <see cref="MaxHorizonYears"/> years, within years
    /// 1800-2200. Default 2000-01-01 to 2051-01-01. Each year costs about 25 bytes per working period.
    /// </summary>
    /// <param name="start">First date.</param>
    /// <param name="end">Date after the last one.</param>
    /// <returns>This builder.</returns>
    public WorkingCalendarBuilder WithHorizon(LocalDate start, LocalDate end)
    {
        _horizonStart = start;
        _horizonEnd = end;
        return this;
    }

    /// <summary>Validates everything and compiles the calendar.</summary>
    /// <returns>The calendar, or an invalid result listing every problem with its field path and value.</returns>
    public Result<WorkingCalendar> Build()
    {
        var errors = new List<ValidationError>(_errors);
        if (string.IsNullOrWhiteSpace(_id))
        {
            errors.Add(new ValidationError("id", "A calendar needs a non-empty id."));
        }

        if (_zone is null)
        {
            errors.Add(new ValidationError("zone", "A calendar needs a time zone."));
        }

        ValidateHorizon(errors);
        errors.AddRange(_week.Errors);
        ValidateSeasons(errors);
        var dates = ValidateDates(errors);
        var holidays = ValidateHolidays(errors);

        if (errors.Count > 0)
        {
            return Result<WorkingCalendar>.Invalid(errors);
        }

        var seasons = _seasons.Select(s => new Season(s.Name, s.From, s.To, s.Week.Freeze())).ToImmutableArray();
        var rules = new CalendarRules(_week.Freeze(), seasons, dates, holidays, _makeUpDaysWorkAs);
        var calendar = WorkingCalendar.Compile(_id, _zone!, _horizonStart, _horizonEnd, rules, _holidays);
        if (calendar is null)
        {
            return Result<WorkingCalendar>.Invalid(new ValidationError("week", string.Create(CultureInfo.InvariantCulture,
                $"Calendar '{_id}' has no working time at all between {DatePattern.Format(_horizonStart)} and {DatePattern.Format(_horizonEnd)}: every weekday, season and date rule is empty or a day off.")));
        }

        return Result<WorkingCalendar>.Success(calendar);
    }

    private void ValidateHorizon(List<ValidationError> errors)
    {
        string text = $"{DatePattern.Format(_horizonStart)}..{DatePattern.Format(_horizonEnd)}";
        if (_horizonEnd <= _horizonStart)
        {
            errors.Add(new ValidationError("horizon", $"The horizon {text} is empty: its end must be after its start."));
        }
        else if (_horizonStart.Year < 1800 || _horizonEnd.Year > 2200)
        {
            errors.Add(new ValidationError("horizon", $"The horizon {text} must lie within the years 1800 to 2200."));
        }
        else if (_horizonStart.PlusYears(MaxHorizonYears) < _horizonEnd)
        {
            errors.Add(new ValidationError("horizon", string.Create(CultureInfo.InvariantCulture, $"The horizon {text} is longer than {MaxHorizonYears} years.")));
        }
    }

    private void ValidateSeasons(List<ValidationError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var season in _seasons)
        {
            if (string.IsNullOrWhiteSpace(season.Name))
            {
                errors.Add(new ValidationError("seasons", "A season needs a non-empty name."));
            }
            else if (!names.Add(season.Name))
            {
                errors.Add(new ValidationError($"seasons[{season.Name}]", $"Season name '{season.Name}' is used twice."));
            }

            errors.AddRange(season.Week.Errors);
        }

        // Seasons must not overlap: walk a leap year day by day.
        for (int i = 0; i < _seasons.Count; i++)
        {
            for (int j = i + 1; j < _seasons.Count; j++)
            {
                var a = new Season(_seasons[i].Name, _seasons[i].From, _seasons[i].To, []);
                var b = new Season(_seasons[j].Name, _seasons[j].From, _seasons[j].To, []);
                for (var day = new LocalDate(2000, 1, 1); day.Year == 2000; day = day.PlusDays(1))
                {
                    if (a.Contains(day) && b.Contains(day))
                    {
                        errors.Add(new ValidationError($"seasons[{b.Name}]", string.Create(CultureInfo.InvariantCulture,
                            $"Season '{b.Name}' ({b.From}..{b.To}) overlaps season '{a.Name}' ({a.From}..{a.To}) on {day.Month:00}-{day.Day:00}.")));
                        break;
                    }
                }
            }
        }
    }

    private ImmutableDictionary<LocalDate, DayRule> ValidateDates(List<ValidationError> errors)
    {
        var rules = ImmutableDictionary.CreateBuilder<LocalDate, DayRule>();
        foreach (var (date, rule) in _dates)
        {
            string path = $"dates[{DatePattern.Format(date)}]";
            if (!rules.TryAdd(date, rule))
            {
                errors.Add(new ValidationError(path, $"Date {DatePattern.Format(date)} has two rules: '{rules[date]}' and '{rule}'."));
                continue;
            }

            if (date < _horizonStart || date >= _horizonEnd)
            {
                errors.Add(new ValidationError(path, $"Date {DatePattern.Format(date)} lies outside the horizon {DatePattern.Format(_horizonStart)}..{DatePattern.Format(_horizonEnd)}; widen the horizon or drop the rule."));
            }

            if (rule.Kind == DayRuleKind.WorkAs && rule.Weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                errors.Add(new ValidationError(path, $"'{rule.Weekday}' is not a weekday from Monday to Sunday."));
            }

            errors.AddRange(CalendarValidation.Overlaps(path, rule.Periods));
        }

        return rules.ToImmutable();
    }

    private ImmutableDictionary<LocalDate, bool> ValidateHolidays(List<ValidationError> errors)
    {
        var days = ImmutableDictionary.CreateBuilder<LocalDate, bool>();
        if (_holidays is null)
        {
            return days.ToImmutable();
        }

        if (_makeUpDaysWorkAs is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            errors.Add(new ValidationError("holidays.makeUpDaysWorkAs", $"'{_makeUpDaysWorkAs}' is not a weekday from Monday to Sunday."));
        }

        var years = _holidays.Years;
        if (years.Count == 0)
        {
            errors.Add(new ValidationError("holidays.years", $"Holiday schedule '{_holidays.Region}' names no years it covers."));
        }

        for (int i = 1; i < years.Count; i++)
        {
            if (years[i] != years[i - 1] + 1)
            {
                errors.Add(new ValidationError("holidays.years", string.Create(CultureInfo.InvariantCulture,
                    $"Holiday schedule '{_holidays.Region}' skips from {years[i - 1]} to {years[i]}; the years it covers must be consecutive.")));
            }
        }

        foreach (var day in _holidays.Days)
        {
            if (days.TryGetValue(day.Date, out bool existing))
            {
                if (existing != day.IsOffDay)
                {
                    errors.Add(new ValidationError($"holidays.days[{DatePattern.Format(day.Date)}]",
                        $"Holiday schedule '{_holidays.Region}' lists {DatePattern.Format(day.Date)} both as a day off and as a working day."));
                }

                continue;
            }

            days.Add(day.Date, day.IsOffDay);
        }

        return days.ToImmutable();
    }
}
