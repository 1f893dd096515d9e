using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Ardalis.Result;
using Feedback.Calendars;
using Feedback.Routing;
using Feedback.Sla;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Policies;

/// <summary>Options for loading policy documents.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PolicyLoadOptions
{
    /// <summary>The default options: the shipped holiday schedules and the TZDB zones.</summary>
    public static PolicyLoadOptions Default { get; } = new();

    /// <summary>Holiday schedules a calendar's <c>"holidays"</c> may name, by region code. Default: <c>CN</c>.</summary>
    public IReadOnlyDictionary<string, HolidaySchedule> Holidays { get; init; } =
        new Dictionary<string, HolidaySchedule>(StringComparer.OrdinalIgnoreCase) { ["CN"] = OfficialHolidays.MainlandChina };

    /// <summary>Where zone ids are looked up. Default: <see cref="DateTimeZoneProviders.Tzdb"/>.</summary>
    public IDateTimeZoneProvider Zones { get; init; } = DateTimeZoneProviders.Tzdb;
}

/// <summary>
/// Loads SLA policies from JSON documents (schema: <c>schemas/feedback-policy.schema.json</c>): calendars,
/// projects, targets, thresholds and escalation, validated all at once.
/// </summary>
/// <remarks>
/// Every problem is reported as a <see cref="ValidationError"/> whose identifier is the JSON path
/// (<c>$.targets[3].within</c>) and whose message quotes the bad value: unknown properties (typos),
/// unknown event names, negative durations, unknown calendars, overlapping periods, thresholds
/// above 100 %, a chained target that refers to one defined after it. Parsing is culture-invariant.
/// Thread-safe.
/// </remarks>
public static partial class PolicyDocument
{
    /// <summary>Loads and compiles a policy.</summary>
    /// <param name="json">The document.</param>
    /// <param name="options">Holiday data and zones, or <c>null</c> for <see cref="PolicyLoadOptions.Default"/>.</param>
    /// <returns>The compiled policy, or an invalid result listing every problem by JSON path.</returns>
    public static Result<SlaPolicy> Load(string json, PolicyLoadOptions? options = null) =>
        LoadRulebook(json, options).Map(rulebook => rulebook.Sla);

    /// <summary>Loads and compiles a whole rulebook: the SLA policy and the optional routing, roster and penalties sections.</summary>
    /// <param name="json">The document.</param>
    /// <param name="options">Holiday data and zones, or <c>null</c> for <see cref="PolicyLoadOptions.Default"/>.</param>
    /// <returns>The rulebook, or an invalid result listing every problem by JSON path.</returns>
    public static Result<Rulebook> LoadRulebook(string json, PolicyLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Result<Rulebook>.Invalid(new ValidationError("$", $"Not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            return new Reader(options ?? PolicyLoadOptions.Default).Read(document.RootElement);
        }
    }

    /// <summary>The longest duration a policy may state: ten years.</summary>
    public static readonly Duration MaxDuration = Duration.FromDays(3650);

    private sealed partial class Reader(PolicyLoadOptions options)
    {
        private static readonly string[] PolicyProperties = ["$schema", "id", "name", "description", "zone", "events", "reopenEvent", "thresholds", "escalation", "calendars", "projects", "targets", "routing", "roster", "penalties", "followUps"];
        private static readonly string[] CalendarProperties = ["description", "week", "seasons", "holidays", "makeUpDaysWorkAs", "dates", "horizon"];
        private static readonly string[] TargetProperties =
            ["id", "rule", "description", "when", "start", "stop", "pause", "resume", "cancel", "reset", "clock", "within", "workingDays", "endOfDay", "landing", "due", "thresholds", "escalation", "cycle", "restartOnReopen"];

        private readonly List<ValidationError> _errors = [];
        private readonly HashSet<string> _events = new(SlaEvents.Standard, StringComparer.Ordinal);

        public Result<Rulebook> Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Result<Rulebook>.Invalid(new ValidationError("$", $"Expected a policy object, found {root.ValueKind}."));
            }

            Unknown(root, "$", PolicyProperties);
            string id = RequiredString(root, "$", "id") ?? "";
            string? name = OptionalString(root, "$", "name");
            var zone = Zone(root, "$", "zone") ?? DateTimeZone.Utc;

            if (Has(root, "events", out var declared))
            {
                foreach (var (item, path) in Items(declared, "$.events"))
                {
                    if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                    {
                        _events.Add(item.GetString()!);
                    }
                    else
                    {
                        Error(path, $"'{item.GetRawText()}' is not an event name.");
                    }
                }
            }

            string? reopen = OptionalString(root, "$", "reopenEvent");
            if (reopen is not null)
            {
                Event(reopen, "$.reopenEvent");
            }

            var thresholds = Thresholds(root, "$", [50, 75, 90]);
            var escalation = Escalation(root, "$", []);
            var calendars = Calendars(root, zone);
            var projects = Projects(root);
            var targets = Targets(root, calendars, thresholds, escalation);
            var routing = Has(root, "routing", out var routingElement) ? Routing(routingElement, "$.routing") : null;
            var penalties = Has(root, "penalties", out var penaltiesElement) ? Penalties(penaltiesElement, "$.penalties", targets) : null;
            var rosterSteps = Has(root, "roster", out var rosterElement) ? Roster(rosterElement, "$.roster", calendars) : null;
            var followUpSteps = Has(root, "followUps", out var followUpElement) ? FollowUps(followUpElement, "$.followUps", calendars) : null;

            if (_errors.Count > 0)
            {
                return Result<Rulebook>.Invalid(_errors);
            }

            // Compile every calendar in the default zone and in each project zone, once.
            var compiled = new Dictionary<(string, string), WorkingCalendar>();
            foreach (var zoneToUse in projects.Values.Select(p => p.Zone).Append(zone).DistinctBy(z => z.Id))
            {
                foreach (var (calendarName, configure) in calendars)
                {
                    var built = configure(zoneToUse).Build();
                    if (!built.IsSuccess)
                    {
                        foreach (var error in built.ValidationErrors)
                        {
                            Error($"$.calendars.{calendarName}.{error.Identifier}", error.ErrorMessage);
                        }

                        continue;
                    }

                    compiled[(calendarName, zoneToUse.Id)] = built.Value;
                }
            }

            if (_errors.Count > 0)
            {
                return Result<Rulebook>.Invalid(_errors.DistinctBy(e => (e.Identifier, e.ErrorMessage)).ToList());
            }

            var byName = calendars.Keys.ToImmutableDictionary(n => n, n => compiled[(n, zone.Id)], StringComparer.Ordinal);
            var sla = new SlaPolicy(
                id, name, targets, [.. _events.Order(StringComparer.Ordinal)], reopen, zone, projects, byName,
                (calendarName, z) => compiled[(calendarName, z.Id)]);
            var roster = rosterSteps is { } r ? new DutyRoster([.. r.Teams.Select(t => new DutyTeam(t.Team, byName[t.Calendar]))], r.Fallback) : null;
            var followUps = followUpSteps?.Invoke(zone, name => byName[name]);
            return Result<Rulebook>.Success(new Rulebook(sla, routing, roster, penalties, followUps));
        }

        private Dictionary<string, Func<DateTimeZone, WorkingCalendarBuilder>> Calendars(JsonElement root, DateTimeZone zone)
        {
            var result = new Dictionary<string, Func<DateTimeZone, WorkingCalendarBuilder>>(StringComparer.Ordinal);
            if (!Has(root, "calendars", out var calendars))
            {
                return result;
            }

            if (calendars.ValueKind != JsonValueKind.Object)
            {
                Error("$.calendars", $"Expected an object of named calendars, found {calendars.GetRawText()}.");
                return result;
            }

            foreach (var property in calendars.EnumerateObject())
            {
                string path = $"$.calendars.{property.Name}";
                var element = property.Value;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Error(path, $"Expected a calendar object, found {element.GetRawText()}.");
                    continue;
                }

                Unknown(element, path, CalendarProperties);
                var configure = CalendarSteps(element, path);
                string calendarName = property.Name;
                result[calendarName] = z =>
                {
                    var builder = new WorkingCalendarBuilder(calendarName, z);
                    foreach (var step in configure)
                    {
                        step(builder);
                    }

                    return builder;
                };

                // Validate now, in the default zone, so problems carry their JSON path.
                var check = result[calendarName](zone).Build();
                foreach (var error in check.ValidationErrors)
                {
                    Error($"{path}.{error.Identifier}", error.ErrorMessage);
                }
            }

            return result;
        }

        private List<Action<WorkingCalendarBuilder>> CalendarSteps(JsonElement calendar, string path)
        {
            var steps = new List<Action<WorkingCalendarBuilder>>();
            if (Has(calendar, "week", out var week))
            {
                var days = Week(week, $"{path}.week");
                steps.Add(b =>
                {
                    foreach (var (day, periods) in days)
                    {
                        b.On(day, periods);
                    }
                });
            }

            if (Has(calendar, "seasons", out var seasons))
            {
                foreach (var (season, seasonPath) in Items(seasons, $"{path}.seasons"))
                {
                    Unknown(season, seasonPath, ["name", "from", "to", "week"]);
                    string seasonName = RequiredString(season, seasonPath, "name") ?? "";
                    var from = AnnualDateOf(season, seasonPath, "from");
                    var to = AnnualDateOf(season, seasonPath, "to");
                    var days = Has(season, "week", out var seasonWeek) ? Week(seasonWeek, $"{seasonPath}.week") : [];
                    if (from is { } f && to is { } t)
                    {
                        steps.Add(b => b.WithSeason(seasonName, f, t, w =>
                        {
                            foreach (var (day, periods) in days)
                            {
                                w.On(day, periods);
                            }
                        }));
                    }
                }
            }

            if (OptionalString(calendar, path, "holidays") is { } region)
            {
                if (!options.Holidays.TryGetValue(region, out var schedule))
                {
                    Error($"{path}.holidays", $"No holiday schedule for region '{region}'; known: {string.Join(", ", options.Holidays.Keys.Order(StringComparer.Ordinal))}.");
                }
                else
                {
                    var workAs = IsoDayOfWeek.Monday;
                    if (OptionalString(calendar, path, "makeUpDaysWorkAs") is { } dayName)
                    {
                        workAs = Weekday(dayName, $"{path}.makeUpDaysWorkAs") ?? IsoDayOfWeek.Monday;
                    }

                    steps.Add(b => b.WithHolidays(schedule, workAs));
                }
            }

            if (Has(calendar, "dates", out var dates))
            {
                if (dates.ValueKind != JsonValueKind.Object)
                {
                    Error($"{path}.dates", $"Expected an object of dates, found {dates.GetRawText()}.");
                }
                else
                {
                    foreach (var date in dates.EnumerateObject())
                    {
                        string datePath = $"{path}.dates.{date.Name}";
                        var parsed = LocalDatePattern.Iso.Parse(date.Name);
                        if (!parsed.Success)
                        {
                            Error(datePath, $"'{date.Name}' is not a date of the form 2026-03-08.");
                            continue;
                        }

                        var rule = DayRuleOf(date.Value, datePath);
                        if (rule is { } r)
                        {
                            steps.Add(b => b.On(parsed.Value, r));
                        }
                    }
                }
            }

            if (Has(calendar, "horizon", out var horizon))
            {
                Unknown(horizon, $"{path}.horizon", ["start", "end"]);
                var start = DateOf(horizon, $"{path}.horizon", "start");
                var end = DateOf(horizon, $"{path}.horizon", "end");
                if (start is { } s && end is { } e)
                {
                    steps.Add(b => b.WithHorizon(s, e));
                }
            }

            return steps;
        }

        private List<(IsoDayOfWeek Day, string[] Periods)> Week(JsonElement week, string path)
        {
            var result = new List<(IsoDayOfWeek, string[])>();
            if (week.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"Expected an object of weekdays (\"Monday\", ..., \"Weekdays\", \"EveryDay\"), found {week.GetRawText()}.");
                return result;
            }

            foreach (var day in week.EnumerateObject())
            {
                string dayPath = $"{path}.{day.Name}";
                var periods = Strings(day.Value, dayPath);
                IsoDayOfWeek[] days = day.Name switch
                {
                    "Weekdays" => [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
                    "EveryDay" => [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday],
                    _ => Weekday(day.Name, dayPath) is { } d ? [d] : [],
                };
                foreach (var d in days)
                {
                    result.Add((d, periods));
                }
            }

            return result;
        }

        private DayRule? DayRuleOf(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                string text = value.GetString()!;
                if (text == "off")
                {
                    return DayRule.Off;
                }

                return Weekday(text, path) is { } day ? DayRule.WorkAs(day) : null;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                var periods = new List<WorkingPeriod>();
                foreach (var (item, itemPath) in Items(value, path))
                {
                    var parsed = WorkingPeriod.Parse(item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText());
                    if (parsed.IsSuccess)
                    {
                        periods.Add(parsed.Value);
                    }
                    else
                    {
                        Error(itemPath, parsed.ValidationErrors.First().ErrorMessage);
                    }
                }

                return DayRule.Hours(periods);
            }

            Error(path, $"Expected \"off\", a weekday whose hours the date works, or a list of periods; found {value.GetRawText()}.");
            return null;
        }

        private ImmutableDictionary<string, ProjectSettings> Projects(JsonElement root)
        {
            var result = ImmutableDictionary.CreateBuilder<string, ProjectSettings>(StringComparer.Ordinal);
            if (!Has(root, "projects", out var projects))
            {
                return result.ToImmutable();
            }

            if (projects.ValueKind != JsonValueKind.Object)
            {
                Error("$.projects", $"Expected an object of named projects, found {projects.GetRawText()}.");
                return result.ToImmutable();
            }

            foreach (var project in projects.EnumerateObject())
            {
                string path = $"$.projects.{project.Name}";
                Unknown(project.Value, path, ["zone", "cityTier"]);
                var zone = Zone(project.Value, path, "zone");
                string? tier = OptionalString(project.Value, path, "cityTier");
                if (zone is not null)
                {
                    result[project.Name] = new ProjectSettings(zone, tier);
                }
            }

            return result.ToImmutable();
        }

        private ImmutableArray<SlaTarget> Targets(JsonElement root, Dictionary<string, Func<DateTimeZone, WorkingCalendarBuilder>> calendars,
            ImmutableArray<double> thresholds, ImmutableArray<EscalationStep> escalation)
        {
            var targets = new List<SlaTarget>();
            if (!Has(root, "targets", out var list))
            {
                Error("$.targets", "A policy needs a list of targets.");
                return [];
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (element, path) in Items(list, "$.targets"))
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Error(path, $"Expected a target object, found {element.GetRawText()}.");
                    continue;
                }

                Unknown(element, path, TargetProperties);
                var target = Target(element, path, calendars, thresholds, escalation, ids);
                if (target is not null)
                {
                    targets.Add(target);
                }

                if (RequiredString(element, path, "id", report: false) is { } id && !ids.Add(id))
                {
                    Error($"{path}.id", $"Target id '{id}' is used twice.");
                }
            }

            return [.. targets];
        }

        private SlaTarget? Target(JsonElement e, string path, Dictionary<string, Func<DateTimeZone, WorkingCalendarBuilder>> calendars,
            ImmutableArray<double> defaultThresholds, ImmutableArray<EscalationStep> defaultEscalation, HashSet<string> earlier)
        {
            int errorsBefore = _errors.Count;
            string id = RequiredString(e, path, "id") ?? "";
            var when = Has(e, "when", out var w) ? w : default;
            if (when.ValueKind == JsonValueKind.Object)
            {
                Unknown(when, $"{path}.when", ["kinds", "severities", "categories"]);
            }
            else if (when.ValueKind != JsonValueKind.Undefined)
            {
                Error($"{path}.when", $"Expected an object of conditions (kinds, severities, categories), found {when.GetRawText()}.");
            }

            FrozenSet<string> Set(string name) =>
                when.ValueKind == JsonValueKind.Object && Has(when, name, out var values)
                    ? Strings(values, $"{path}.when.{name}").ToFrozenSet(StringComparer.Ordinal)
                    : FrozenSet<string>.Empty;

            // Start: an event (or list), a field, or a previous target.
            var startKind = StartKind.Event;
            ImmutableArray<string> startEvents = [];
            string? startField = null;
            string? startTarget = null;
            var chainUse = ChainUse.Actual;
            if (!Has(e, "start", out var start))
            {
                Error($"{path}.start", "A target needs a start: an event name, a list of event names, {\"field\": ...} or {\"after\": target, \"use\": ...}.");
            }
            else if (start.ValueKind == JsonValueKind.Object)
            {
                Unknown(start, $"{path}.start", ["field", "after", "use"]);
                if (OptionalString(start, $"{path}.start", "field") is { } field)
                {
                    startKind = StartKind.Field;
                    startField = field;
                }
                else if (OptionalString(start, $"{path}.start", "after") is { } after)
                {
                    startKind = StartKind.Target;
                    startTarget = after;
                    if (!earlier.Contains(after))
                    {
                        Error($"{path}.start.after", $"Target '{after}' is not defined before this one; a chained target must follow the step it starts after.");
                    }

                    chainUse = Enum(start, $"{path}.start", "use", ChainUse.Actual, ("actual", ChainUse.Actual), ("due", ChainUse.Due), ("actualOrDue", ChainUse.ActualOrDue));
                }
                else
                {
                    Error($"{path}.start", "Expected {\"field\": name} or {\"after\": target}.");
                }
            }
            else
            {
                startEvents = EventList(start, $"{path}.start");
            }

            var stopEvents = Has(e, "stop", out var stop) ? EventList(stop, $"{path}.stop") : [];
            string? pause = EventOrNull(e, path, "pause");
            string? resume = EventOrNull(e, path, "resume");
            if ((pause is null) != (resume is null))
            {
                Error($"{path}.{(pause is null ? "pause" : "resume")}", "Pause and resume events go together: give both or neither.");
            }

            // Clock and budget.
            string clockName = OptionalString(e, path, "clock") ?? "wall";
            var clock = clockName == "wall" ? ClockKind.Wall : ClockKind.Business;
            if (clock == ClockKind.Business && !calendars.ContainsKey(clockName))
            {
                Error($"{path}.clock", $"Unknown calendar '{clockName}'; known: wall{string.Concat(calendars.Keys.Order(StringComparer.Ordinal).Select(k => ", " + k))}.");
            }

            var within = DurationOf(e, path, "within");
            if (within is { } wd && wd < Duration.Zero)
            {
                Error($"{path}.within", $"Duration {Text(e, "within")} is negative; a budget must be zero or more.");
            }

            int? workingDays = null;
            if (Has(e, "workingDays", out var daysElement))
            {
                if (daysElement.ValueKind == JsonValueKind.Number && Int(daysElement, out int n) && n >= 0)
                {
                    workingDays = n;
                }
                else
                {
                    Error($"{path}.workingDays", $"'{daysElement.GetRawText()}' is not a whole number of working days, 0 or more.");
                }

                if (clock == ClockKind.Wall)
                {
                    Error($"{path}.workingDays", "Working days need a calendar: set \"clock\" to a calendar name.");
                }
            }

            bool endOfDay = Has(e, "endOfDay", out var eod) && eod.ValueKind == JsonValueKind.True;
            var landing = Enum(e, path, "landing", GapLanding.AtEdge, ("atEdge", GapLanding.AtEdge), ("acrossGap", GapLanding.AcrossGap));
            var cycle = Enum(e, path, "cycle", CycleChoice.Last, ("last", CycleChoice.Last), ("first", CycleChoice.First), ("worst", CycleChoice.Worst));

            // Due: budget (default), field, earliestOf, daily.
            var due = DueKind.Budget;
            string? dueField = null;
            var dueOffset = Duration.Zero;
            var candidates = ImmutableArray.CreateBuilder<DueCandidate>();
            var dailyAt = LocalTime.Midnight;
            string? satisfiedBy = null;
            if (Has(e, "due", out var dueElement))
            {
                string duePath = $"{path}.due";
                Unknown(dueElement, duePath, ["field", "offset", "earliestOf", "dailyAt", "satisfiedBy"]);
                if (OptionalString(dueElement, duePath, "field") is { } f)
                {
                    due = DueKind.Field;
                    dueField = f;
                    dueOffset = DurationOf(dueElement, duePath, "offset") ?? Duration.Zero;
                }
                else if (Has(dueElement, "earliestOf", out var list))
                {
                    due = DueKind.EarliestOf;
                    foreach (var (c, cPath) in Items(list, $"{duePath}.earliestOf"))
                    {
                        Unknown(c, cPath, ["field", "offset", "budget", "target", "label"]);
                        string? label = OptionalString(c, cPath, "label");
                        if (OptionalString(c, cPath, "field") is { } cf)
                        {
                            candidates.Add(new DueCandidate(label ?? cf, cf, DurationOf(c, cPath, "offset") ?? Duration.Zero, null, false));
                        }
                        else if (Has(c, "budget", out var bud) && bud.ValueKind == JsonValueKind.True)
                        {
                            candidates.Add(new DueCandidate(label ?? "budget", null, Duration.Zero, null, true));
                        }
                        else if (OptionalString(c, cPath, "target") is { } ct)
                        {
                            if (!earlier.Contains(ct))
                            {
                                Error($"{cPath}.target", $"Target '{ct}' is not defined before this one.");
                            }

                            candidates.Add(new DueCandidate(label ?? ct, null, Duration.Zero, ct, false));
                        }
                        else
                        {
                            Error(cPath, "A candidate is {\"field\": name, \"offset\"?}, {\"budget\": true} or {\"target\": id}.");
                        }
                    }

                    if (candidates.Count == 0)
                    {
                        Error($"{duePath}.earliestOf", "Give at least one candidate.");
                    }
                }
                else if (Has(dueElement, "dailyAt", out _))
                {
                    due = DueKind.Daily;
                    dailyAt = TimeOf(dueElement, duePath, "dailyAt") ?? LocalTime.Midnight;
                    satisfiedBy = EventOrNull(dueElement, duePath, "satisfiedBy");
                    if (satisfiedBy is null)
                    {
                        Error($"{duePath}.satisfiedBy", "A daily obligation needs the event that satisfies it, for example \"progress-updated\".");
                    }
                }
                else
                {
                    Error(duePath, "Expected {\"field\": ...}, {\"earliestOf\": [...]} or {\"dailyAt\": \"18:00\", \"satisfiedBy\": ...}.");
                }
            }

            bool needsBudget = due == DueKind.Budget || candidates.Any(c => c.IsBudget);
            if (needsBudget && !Has(e, "within", out _) && !Has(e, "workingDays", out _))
            {
                Error($"{path}.within", "A target due after its budget needs \"within\" (an ISO-8601 duration such as \"PT30M\") or \"workingDays\".");
            }

            if (within is not null && workingDays is not null)
            {
                Error($"{path}.workingDays", "Give \"within\" or \"workingDays\", not both.");
            }

            var thresholds = Thresholds(e, path, defaultThresholds);
            var escalation = Escalation(e, path, defaultEscalation);
            string? cancel = EventOrNull(e, path, "cancel");
            string? reset = EventOrNull(e, path, "reset");
            if (_errors.Count > errorsBefore)
            {
                return null;
            }

            var target = new SlaTarget
            {
                Id = id,
                Rule = OptionalString(e, path, "rule"),
                Description = OptionalString(e, path, "description"),
                Kinds = Set("kinds"),
                Severities = Set("severities"),
                Categories = Set("categories"),
                StartKind = startKind,
                StartEvents = startEvents,
                StartField = startField,
                StartTarget = startTarget,
                ChainUse = chainUse,
                StopEvents = stopEvents,
                PauseEvent = pause,
                ResumeEvent = resume,
                CancelEvent = cancel,
                ResetEvent = reset,
                Clock = clock,
                CalendarName = clock == ClockKind.Business ? clockName : null,
                Due = due,
                Budget = within,
                WorkingDays = workingDays,
                EndOfDay = endOfDay,
                Landing = landing,
                DueField = dueField,
                DueOffset = dueOffset,
                Candidates = candidates.ToImmutable(),
                DailyAt = dailyAt,
                SatisfiedBy = satisfiedBy,
                Thresholds = thresholds,
                Escalation = escalation,
                Cycle = cycle,
                RestartOnReopen = Has(e, "restartOnReopen", out var restart) && restart.ValueKind == JsonValueKind.True,
            };
            return target;
        }

        private ImmutableArray<double> Thresholds(JsonElement e, string path, ImmutableArray<double> fallback)
        {
            if (!Has(e, "thresholds", out var list))
            {
                return fallback;
            }

            var values = new List<double>();
            foreach (var (item, itemPath) in Items(list, $"{path}.thresholds"))
            {
                if (item.ValueKind != JsonValueKind.Number || !Dbl(item, out double value) || value <= 0 || value > 100)
                {
                    Error(itemPath, $"Threshold {item.GetRawText()} is not a percentage above 0 and at most 100.");
                    continue;
                }

                if (values.Count > 0 && value <= values[^1])
                {
                    Error(itemPath, string.Create(CultureInfo.InvariantCulture, $"Threshold {value} is not above the one before it ({values[^1]}); list them ascending."));
                }

                values.Add(value);
            }

            return [.. values];
        }

        private ImmutableArray<EscalationStep> Escalation(JsonElement e, string path, ImmutableArray<EscalationStep> fallback)
        {
            if (!Has(e, "escalation", out var list))
            {
                return fallback;
            }

            var steps = ImmutableArray.CreateBuilder<EscalationStep>();
            foreach (var (item, itemPath) in Items(list, $"{path}.escalation"))
            {
                Unknown(item, itemPath, ["atPercent", "after", "notify"]);
                double? atPercent = null;
                if (Has(item, "atPercent", out var p))
                {
                    if (p.ValueKind == JsonValueKind.Number && Dbl(p, out double v) && v > 0 && v <= 1000)
                    {
                        atPercent = v;
                    }
                    else
                    {
                        Error($"{itemPath}.atPercent", $"'{p.GetRawText()}' is not a percentage above 0 (up to 1000 for escalation past the due time).");
                    }
                }

                var after = DurationOf(item, itemPath, "after");
                if (after is { } a && a < Duration.Zero)
                {
                    Error($"{itemPath}.after", $"Duration {Text(item, "after")} is negative.");
                }

                if (atPercent is null && after is null && !Has(item, "atPercent", out _) && !Has(item, "after", out _))
                {
                    Error(itemPath, "An escalation step needs \"atPercent\" or \"after\".");
                }

                var notify = Has(item, "notify", out var n) ? Strings(n, $"{itemPath}.notify") : [];
                if (notify.Length == 0)
                {
                    Error($"{itemPath}.notify", "An escalation step must notify at least one role.");
                }

                steps.Add(new EscalationStep(atPercent, after, [.. notify]));
            }

            return steps.ToImmutable();
        }

        private ImmutableArray<string> EventList(JsonElement value, string path)
        {
            var names = value.ValueKind == JsonValueKind.Array ? Strings(value, path) : value.ValueKind == JsonValueKind.String ? [value.GetString()!] : null;
            if (names is null)
            {
                Error(path, $"Expected an event name or a list of event names, found {value.GetRawText()}.");
                return [];
            }

            for (int i = 0; i < names.Length; i++)
            {
                Event(names[i], value.ValueKind == JsonValueKind.Array ? $"{path}[{i}]" : path);
            }

            return [.. names];
        }

        private string? EventOrNull(JsonElement e, string path, string name)
        {
            string? value = OptionalString(e, path, name);
            if (value is not null)
            {
                Event(value, $"{path}.{name}");
            }

            return value;
        }

        private void Event(string name, string path)
        {
            if (!_events.Contains(name))
            {
                Error(path, $"Unknown event '{name}'; use a standard event name or declare it in \"events\".");
            }
        }

        private DateTimeZone? Zone(JsonElement e, string path, string name)
        {
            string? id = RequiredString(e, path, name);
            if (id is null)
            {
                return null;
            }

            var zone = options.Zones.GetZoneOrNull(id);
            if (zone is null)
            {
                Error($"{path}.{name}", $"Unknown time zone '{id}'; use an IANA id such as \"Asia/Shanghai\".");
            }

            return zone;
        }

        private IsoDayOfWeek? Weekday(string text, string path)
        {
            // Exact names only: Enum.TryParse would read "Monday,Tuesday" as a flags value.
            for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
            {
                if (string.Equals(text, day.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    return day;
                }
            }

            Error(path, $"'{text}' is not a weekday (Monday ... Sunday).");
            return null;
        }

        private Duration? DurationOf(JsonElement e, string path, string name)
        {
            if (!Has(e, name, out var value))
            {
                return null;
            }

            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var parsed = text is null ? null : ParseDuration(text);
            if (parsed is null)
            {
                Error($"{path}.{name}", $"'{(text ?? value.GetRawText())}' is not an ISO-8601 duration such as \"PT30M\", \"PT4H\", \"P3D\" or \"-PT5M\" (no months or years).");
            }
            else if (parsed.Value > MaxDuration || parsed.Value < -MaxDuration)
            {
                Error($"{path}.{name}", $"Duration '{text}' is longer than {MaxDuration.Days} days; SLA durations are limited to ten years.");
                return null;
            }

            return parsed;
        }

        internal static Duration? ParseDuration(string text)
        {
            bool negative = text.StartsWith('-');
            var parsed = PeriodPattern.NormalizingIso.Parse(negative ? text[1..] : text);
            // A leading minus applies to the whole duration; a sign inside it as well ("-PT-5M") is ambiguous.
            if (!parsed.Success || parsed.Value.Years != 0 || parsed.Value.Months != 0
                || (negative && (parsed.Value.Weeks < 0 || parsed.Value.Days < 0 || parsed.Value.Hours < 0 || parsed.Value.Minutes < 0
                    || parsed.Value.Seconds < 0 || parsed.Value.Milliseconds < 0 || parsed.Value.Ticks < 0 || parsed.Value.Nanoseconds < 0)))
            {
                return null;
            }

            Duration duration;
            try
            {
                duration = parsed.Value.ToDuration();
            }
            catch (OverflowException)
            {
                // Longer than a Duration holds: report it as too long, like any duration over the limit.
                duration = Duration.MaxValue;
            }

            return negative ? -duration : duration;
        }

        private LocalTime? TimeOf(JsonElement e, string path, string name)
        {
            string? text = OptionalString(e, path, name);
            var parsed = text is null ? null : LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
            if (parsed is null || !parsed.Success)
            {
                Error($"{path}.{name}", $"'{text}' is not a time of day such as \"18:00\".");
                return null;
            }

            return parsed.Value;
        }

        private LocalDate? DateOf(JsonElement e, string path, string name)
        {
            string? text = RequiredString(e, path, name);
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                Error($"{path}.{name}", $"'{text}' is not a date of the form 2026-03-08.");
                return null;
            }

            return parsed.Value;
        }

        private AnnualDate? AnnualDateOf(JsonElement e, string path, string name)
        {
            string? text = RequiredString(e, path, name);
            if (text is null)
            {
                return null;
            }

            var parsed = AnnualDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                Error($"{path}.{name}", $"'{text}' is not a month and day of the form 05-01.");
                return null;
            }

            return parsed.Value;
        }

        private T Enum<T>(JsonElement e, string path, string name, T fallback, params (string Text, T Value)[] values)
        {
            string? text = OptionalString(e, path, name);
            if (text is null)
            {
                return fallback;
            }

            foreach (var (t, v) in values)
            {
                if (t == text)
                {
                    return v;
                }
            }

            Error($"{path}.{name}", $"'{text}' is not one of: {string.Join(", ", values.Select(v => v.Text))}.");
            return fallback;
        }

        private string[] Strings(JsonElement value, string path)
        {
            var result = new List<string>();
            foreach (var (item, itemPath) in Items(value, path))
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    result.Add(item.GetString()!);
                }
                else
                {
                    Error(itemPath, $"Expected a string, found {item.GetRawText()}.");
                }
            }

            return [.. result];
        }

        private IEnumerable<(JsonElement Item, string Path)> Items(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(path, $"Expected a list, found {value.GetRawText()}.");
                yield break;
            }

            int i = 0;
            foreach (var item in value.EnumerateArray())
            {
                yield return (item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"));
            }
        }

        private string? RequiredString(JsonElement e, string path, string name, bool report = true)
        {
            if (e.ValueKind == JsonValueKind.Object && Has(e, name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }

            if (report)
            {
                Error($"{path}.{name}", $"A non-empty string is required{(e.ValueKind == JsonValueKind.Object && Has(e, name, out var bad) ? $", found {bad.GetRawText()}" : "")}.");
            }

            return null;
        }

        private string? OptionalString(JsonElement e, string path, string name)
        {
            if (e.ValueKind != JsonValueKind.Object || !Has(e, name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            Error($"{path}.{name}", $"Expected a string, found {value.GetRawText()}.");
            return null;
        }

        private static string Text(JsonElement e, string name) => Has(e, name, out var v) ? v.GetRawText() : "";

        private void Unknown(JsonElement e, string path, string[] known)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in e.EnumerateObject())
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    Error($"{path}.{property.Name}", $"Unknown property '{property.Name}'; expected one of: {string.Join(", ", known)}.");
                }
            }
        }

        private void Error(string path, string message) => _errors.Add(new ValidationError(path, message));

        // JsonElement's accessors throw on the wrong value kind; these answer false instead, so a
        // wrongly typed value becomes a validation error, never an exception.
        private static bool Has(JsonElement e, string name, out JsonElement value)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out value))
            {
                return true;
            }

            value = default;
            return false;
        }

        private static bool Int(JsonElement e, out int value)
        {
            value = 0;
            return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
        }

        private static bool Dec(JsonElement e, out decimal value)
        {
            value = 0;
            return e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out value);
        }

        private static bool Dbl(JsonElement e, out double value)
        {
            value = 0;
            return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value);
        }
    }
}
