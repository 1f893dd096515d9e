using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Feedback.Policies;
using FluentAssertions;

namespace Feedback.Tests.Policies;

/// <summary>
/// schemas/feedback-policy.schema.json against the loader it describes (PolicyDocument): the property
/// lists and enums the loader accepts, read from its source text, must be exactly the schema's; the
/// shipped presets must validate; and for documents that differ from a valid one in a single value
/// the schema and the loader must agree. No JSON-schema package is available, so <see cref="MiniValidator"/>
/// implements the draft 2020-12 keywords the schema uses (and a test checks it uses no others).
/// </summary>
public class PolicySchemaTests
{
    private const string SchemaPath = "schemas/feedback-policy.schema.json";
    private const string PresetsPath = "src/Feedback.Domain/Policies/Presets";
    private const string LoaderPath = "src/Feedback.Domain/Policies";

    private static readonly Lazy<string> _root = new(FindRoot);
    private static readonly Lazy<JsonElement> _schema = new(() => JsonDocument.Parse(File.ReadAllText(Repo(SchemaPath))).RootElement.Clone());
    private static readonly Lazy<string> _loaderSource = new(() =>
        string.Join("\n", Directory.GetFiles(Repo(LoaderPath), "PolicyDocument*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText)));

    /// <summary>A document that uses every section and nearly every option, valid for both the loader and the schema.</summary>
    private const string BaseDocument = """
        {
          "$schema": "x", "id": "p", "name": "n", "description": "d", "zone": "Asia/Shanghai",
          "events": ["inspected"], "reopenEvent": "reopened", "thresholds": [50, 75.5, 100],
          "escalation": [{"atPercent": 75, "notify": ["a"]}, {"after": "PT5M", "notify": ["b"]}],
          "calendars": {
            "w1": {"description": "x", "week": {"Weekdays": ["08:30-11:30", "13:30-16:30"], "saturday": ["09:00-10:00"]},
                   "seasons": [{"name": "s", "from": "04-01", "to": "09-30", "week": {"EveryDay": ["07:50-17:30"]}}],
                   "holidays": "CN", "makeUpDaysWorkAs": "Monday",
                   "dates": {"2026-10-08": "off", "2026-10-09": "Friday", "2026-10-10": ["09:00-12:00"]},
                   "horizon": {"start": "2020-01-01", "end": "2030-01-01"}},
            "night": {"week": {"EveryDay": ["20:00-09:00"]}}
          },
          "projects": {"uk": {"zone": "Europe/London", "cityTier": "third-tier"}},
          "targets": [
            {"id": "a", "rule": "T1", "description": "d", "when": {"kinds": ["complaint"], "severities": ["major"], "categories": ["c"]},
             "start": ["received", "call-ended"], "stop": "resolved", "pause": "paused", "resume": "resumed", "cancel": "canceled", "reset": "reset",
             "clock": "w1", "within": "PT4H", "landing": "acrossGap", "thresholds": [10], "escalation": [{"atPercent": 200, "notify": ["c"]}],
             "cycle": "worst", "restartOnReopen": true},
            {"id": "b", "start": {"after": "a", "use": "due"}, "stop": ["closed"], "clock": "w1", "workingDays": 3, "endOfDay": true},
            {"id": "c", "start": {"field": "reported-at"}, "due": {"field": "appointment", "offset": "-PT5M"}},
            {"id": "d", "start": "received", "within": "P7D",
             "due": {"earliestOf": [{"field": "promised", "label": "p"}, {"budget": true}, {"target": "a"}, {"field": "x", "offset": "PT1H"}]}},
            {"id": "e", "start": "received", "stop": "closed", "due": {"dailyAt": "18:00", "satisfiedBy": "progress-updated"}}
          ],
          "routing": {"roles": ["head", "gm"], "categories": ["c"],
            "department": {"rows": [{"id": "r1", "rule": "R1", "priority": 1, "when": {"categories": ["c"], "kinds": ["k"], "severities": ["s"], "cityTiers": ["t"]},
                                     "value": "eng", "cooperating": ["fin"]}],
                           "fallback": {"id": "fb", "value": "cs", "cooperating": []}},
            "accountable": {"rows": [{"id": "a1", "when": {"departments": ["eng"]}, "value": "head"}], "fallback": {"value": "head"}},
            "leader": {"fallback": {"value": "gm"}},
            "followUp": {"rows": [], "fallback": {"value": "gm"}}},
          "roster": {"teams": [{"team": "day", "calendar": "w1"}, {"team": "night", "calendar": "night"}], "fallback": "night"},
          "penalties": {"currency": "CNY", "dayCounting": "calendarDates", "rules": [
            {"id": "p1", "rule": "P1", "target": "a", "role": "x", "perStarted": "PT5M", "amount": 100},
            {"id": "p2", "target": "a", "role": "x", "perMiss": 200},
            {"id": "p3", "target": "a", "role": "x", "tiers": [{"from": 1, "to": 7, "perDay": 100}, {"from": 8, "to": 15, "perDay": 200}],
             "band": {"from": 16, "minPercent": 50, "maxPercent": 100}},
            {"id": "p4", "occurrence": "o", "role": "x", "bonusPercent": 20},
            {"id": "p5", "occurrence": "o2", "role": "x", "sanction": "s"},
            {"id": "p6", "occurrence": "o3", "role": "x", "amount": 300}]},
          "followUps": {"seed": "s", "rounding": "floor", "calendar": "w1", "summaryDay": 24, "recordsDay": 25,
            "kinds": [{"kind": "complaint", "rule": "F2", "rate": 100, "windows": [{"name": "w", "to": "P3D"}, {"name": "q", "anchor": "quarter"},
                        {"name": "wd", "unit": "workingDays", "from": 1, "to": 3}, {"name": "bt", "unit": "businessTime", "anchor": "contractEnd", "to": "PT4H"}]}],
            "mandatory": {"severities": ["major"], "unsatisfied": true, "keyHouseholds": false}, "exempt": {"anonymous": true, "writtenReplyOnly": false},
            "methods": {"phone": ["phone-mark"]}, "revisits": {"phoneAllowedFromVisit": 3, "inPersonSeverities": ["major"]},
            "flags": {"sameMatter": 2, "sameRepair": 3, "complaintKinds": ["complaint"], "repairKinds": ["repair"]}}
        }
        """;

    /// <summary>
    /// Single-value changes to <see cref="BaseDocument"/> (path, new JSON value or <c>null</c> to delete)
    /// whose validity depends only on syntax, so the schema must decide them as the loader does.
    /// </summary>
    public static TheoryData<string, string?> SyntaxCases { get; } = new()
    {
        // ISO-8601 durations: no years or months, fractions of seconds only, an optional leading minus.
        { "targets[0].within", "\"PT30M\"" }, { "targets[0].within", "\"PT0S\"" }, { "targets[0].within", "\"P1W2D\"" },
        { "targets[0].within", "\"P0Y0M1D\"" }, { "targets[0].within", "\"PT1.5S\"" }, { "targets[0].within", "\"PT1,5S\"" },
        { "targets[0].within", "\"P1DT\"" }, { "targets[0].within", "\"PT0.000000001S\"" }, { "targets[0].within", "\"P01D\"" },
        { "targets[0].within", "\"P\"" }, { "targets[0].within", "\"PT\"" }, { "targets[0].within", "\"P1M\"" }, { "targets[0].within", "\"P1Y\"" },
        { "targets[0].within", "\"pt5m\"" }, { "targets[0].within", "\"PT1.5H\"" }, { "targets[0].within", "\"+PT5M\"" },
        { "targets[0].within", "\" PT5M\"" }, { "targets[0].within", "\"-PT5M\"" }, { "targets[0].within", "\"PT0.0000000001S\"" },
        { "targets[0].within", "30" }, { "targets[0].within", null },
        { "targets[2].due.offset", "\"-PT5M\"" }, { "targets[2].due.offset", "\"-P1D\"" }, { "targets[2].due.offset", "\"--PT5M\"" },
        { "targets[2].due.offset", "\"-P1M\"" },
        // Working periods "HH:mm-HH:mm": seconds and fractions, 24:00 as an end, whitespace around the parts.
        { "calendars.night.week.EveryDay[0]", "\" 08:30 - 11:30 \"" }, { "calendars.night.week.EveryDay[0]", "\"08:30:15.5-11:30\"" },
        { "calendars.night.week.EveryDay[0]", "\"08:30-24:00\"" }, { "calendars.night.week.EveryDay[0]", "\"08:30-24:00:00\"" },
        { "calendars.night.week.EveryDay[0]", "\"00:00-00:00\"" }, { "calendars.night.week.EveryDay[0]", "\"08:30:15.-11:30\"" },
        { "calendars.night.week.EveryDay[0]", "\"8:30-11:30\"" }, { "calendars.night.week.EveryDay[0]", "\"24:00-08:00\"" },
        { "calendars.night.week.EveryDay[0]", "\"08:30-11\"" }, { "calendars.night.week.EveryDay[0]", "\"08:60-09:00\"" },
        { "calendars.night.week.EveryDay[0]", "\"08:30\"" }, { "calendars.night.week.EveryDay[0]", "\"\"" },
        // Week keys: weekday names in any letter case, "Weekdays", "EveryDay".
        { "calendars.night.week.MONDAY", "[\"01:00-02:00\"]" }, { "calendars.night.week.Mon", "[\"01:00-02:00\"]" },
        { "calendars.night.week.weekdays", "[\"01:00-02:00\"]" }, { "calendars.night.week.Everyday", "[\"01:00-02:00\"]" },
        // Dates and month-days.
        { "calendars.w1.seasons[0].from", "\"02-29\"" }, { "calendars.w1.seasons[0].from", "\"02-30\"" }, { "calendars.w1.seasons[0].from", "\"04-31\"" },
        { "calendars.w1.seasons[0].from", "\"2-1\"" }, { "calendars.w1.seasons[0].from", "\"--12-31\"" },
        { "calendars.w1.dates", "{\"2024-02-29\": \"off\"}" }, { "calendars.w1.dates", "{\"2025-02-29\": \"off\"}" },
        { "calendars.w1.dates", "{\"2026-04-31\": \"off\"}" }, { "calendars.w1.dates", "{\"20260101\": \"off\"}" },
        { "calendars.w1.horizon.start", "\"2020-1-1\"" },
        // Date rules.
        { "calendars.w1.dates.2026-10-08", "\"monday\"" }, { "calendars.w1.dates.2026-10-08", "\"holiday\"" },
        { "calendars.w1.dates.2026-10-08", "5" }, { "calendars.w1.dates.2026-10-08", "[\"bad\"]" },
        { "calendars.w1.makeUpDaysWorkAs", "\"sunday\"" }, { "calendars.w1.makeUpDaysWorkAs", "\"Holiday\"" },
        // Times of day "HH:mm".
        { "targets[4].due.dailyAt", "\"23:59\"" }, { "targets[4].due.dailyAt", "\"18:00:00\"" }, { "targets[4].due.dailyAt", "\"8:00\"" },
        { "targets[4].due.dailyAt", "\"24:00\"" },
        // Structure: required properties, unknown properties, enums, numbers, shapes.
        { "id", null }, { "id", "\" \"" }, { "zone", null }, { "targets", null }, { "x", "1" }, { "events", "[\"\"]" },
        { "thresholds", "[0]" }, { "thresholds", "[100.5]" }, { "thresholds", "[\"50\"]" },
        { "escalation[0].atPercent", "1000" }, { "escalation[0].atPercent", "1001" }, { "escalation[0].notify", "[]" },
        { "escalation[1].after", "\"-PT5M\"" }, { "escalation[0]", "{\"notify\": [\"a\"]}" },
        { "calendars.night.x", "1" }, { "calendars.w1.horizon.x", "1" }, { "calendars.w1.seasons[0].name", null }, { "projects.uk.zone", null },
        { "projects.uk.city", "\"a\"" }, { "targets[0].when", "\"complaint\"" }, { "targets[0].when.kind", "[\"a\"]" },
        { "targets[0].start", "[]" }, { "targets[0].start", "{\"use\": \"due\"}" }, { "targets[0].start", "{\"field\": \"f\", \"x\": 1}" },
        { "targets[1].start.use", "\"actualOrDue\"" }, { "targets[1].start.use", "\"nope\"" }, { "targets[0].pause", null },
        { "targets[0].resume", null }, { "targets[0].landing", "\"AtEdge\"" }, { "targets[0].cycle", "\"best\"" },
        { "targets[0].workingDays", "3" }, { "targets[1].workingDays", "-1" }, { "targets[1].workingDays", "5.5" },
        { "targets[1].workingDays", "2147483648" }, { "targets[1].clock", "\"wall\"" }, { "targets[1].clock", null },
        { "targets[3].due", "{\"earliestOf\": []}" }, { "targets[3].due", "{\"earliestOf\": [{\"budget\": false}]}" },
        { "targets[3].due", "{\"earliestOf\": [{\"label\": \"x\"}]}" }, { "targets[3].due", "{\"earliestOf\": [{\"target\": \"a\", \"budget\": false}]}" },
        { "targets[3].due", "{}" }, { "targets[3].due", "{\"dailyAt\": \"18:00\"}" }, { "targets[3].within", null },
        { "routing.roles", "[]" }, { "routing.leader", null }, { "routing.department.rows[0].when", "{\"departments\": [\"eng\"]}" },
        { "routing.department.rows[0].priority", "1.5" }, { "routing.department.fallback.x", "1" }, { "routing.department.rows[0].when", "\"x\"" },
        { "roster.teams", "[]" }, { "roster.fallback", null }, { "roster.teams[0].x", "1" },
        { "penalties.currency", "\"cny\"" }, { "penalties.currency", "\"EURO\"" }, { "penalties.dayCounting", "\"days\"" },
        { "penalties.rules[0].amount", null }, { "penalties.rules[0].perStarted", "\"PT0S\"" }, { "penalties.rules[1].tiers", "[]" },
        { "penalties.rules[1].amount", "5" }, { "penalties.rules[0].perMiss", "2" }, { "penalties.rules[3].amount", "5" },
        { "penalties.rules[3].bonusPercent", "101" }, { "penalties.rules[3].bonusPercent", "\"20\"" }, { "penalties.rules[2].tiers[0].from", "\"1\"" },
        { "penalties.rules[2].band.maxPercent", "101" }, { "penalties.rules[5].occurrence", null },
        { "followUps.seed", null }, { "followUps.rounding", "\"up\"" }, { "followUps.summaryDay", "32" }, { "followUps.kinds[0].rate", "101" },
        { "followUps.kinds[0].windows[0].to", null }, { "followUps.kinds[0].windows[0].to", "\"PT1.5H\"" }, { "followUps.kinds[0].windows[0]", "{\"name\": \"w\", \"from\": \"P1Y\", \"to\": \"P2Y\"}" },
        { "followUps.kinds[0].windows[2].from", "-1" }, { "followUps.kinds[0].windows[3].to", "\"P1M\"" }, { "followUps.kinds[0].windows[3].unit", "\"hours\"" },
        { "followUps.calendar", null }, { "followUps.mandatory.x", "1" }, { "followUps.revisits.phoneAllowedFromVisit", "-1" },
    };

    public static TheoryData<string> Presets { get; } = [.. Directory.GetFiles(Repo(PresetsPath), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void SchemaFile_IsJsonSchemaDraft2020_12WithResolvableRefs()
    {
        var schema = _schema.Value;
        schema.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
        schema.GetProperty("type").GetString().Should().Be("object");
        schema.GetProperty("additionalProperties").ValueKind.Should().Be(JsonValueKind.False);
        schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo("id", "zone", "targets");

        var definitions = schema.GetProperty("$defs").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var references = Nodes(schema).SelectMany(n => n.EnumerateObject()).Where(p => p.Name == "$ref").Select(p => p.Value.GetString()!).ToList();
        references.Should().NotBeEmpty().And.OnlyContain(r => r.StartsWith("#/$defs/", StringComparison.Ordinal) && definitions.Contains(r.Substring("#/$defs/".Length)));
        definitions.Should().OnlyContain(d => references.Contains("#/$defs/" + d), "every definition is used");
    }

    [Fact]
    public void SchemaFile_UsesOnlyKeywordsTheTestValidatorImplements()
    {
        var used = SchemaObjects(_schema.Value).SelectMany(o => o.EnumerateObject().Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
        used.Should().BeSubsetOf(MiniValidator.Keywords);
    }

    [Fact]
    public void LoaderPropertyLists_AreExactlyTheSchemasRootCalendarAndTargetProperties()
    {
        var lists = NamedLists();
        ClosedProperties(_schema.Value).Should().BeEquivalentTo(lists["PolicyProperties"]);
        ClosedProperties(Definition("calendar")).Should().BeEquivalentTo(lists["CalendarProperties"]);
        ClosedProperties(Definition("target")).Should().BeEquivalentTo(lists["TargetProperties"]);
    }

    [Fact]
    public void EveryListOfKnownPropertiesInTheLoader_IsAClosedObjectOfTheSchema()
    {
        // Every Unknown(element, path, [...]) of the loader names the properties of one JSON object; the
        // schema must have an object with exactly those properties and additionalProperties false.
        var named = NamedLists();
        var closed = SchemaObjects(_schema.Value).Select(ClosedProperties).Where(p => p is not null).Select(p => string.Join(",", p!.Order(StringComparer.Ordinal))).ToHashSet();
        var lists = new List<string[]>();
        foreach (Match call in Regex.Matches(_loaderSource.Value, @"Unknown\((?<args>[^;]*?)\);"))
        {
            var literals = Regex.Matches(call.Groups["args"].Value, @"\[(?<items>\s*""[^""]*""(?:\s*,\s*""[^""]*"")*\s*)\]");
            lists.AddRange(literals.Select(l => Regex.Matches(l.Groups["items"].Value, @"""([^""]*)""").Select(m => m.Groups[1].Value).ToArray()));
            lists.AddRange(named.Where(n => Regex.IsMatch(call.Groups["args"].Value, $@"\b{n.Key}\b")).Select(n => n.Value));
        }

        lists.Should().HaveCountGreaterThan(20, "the loader checks many objects for unknown properties");
        var allNames = SchemaObjects(_schema.Value).SelectMany(o => o.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name) : []).ToHashSet();
        foreach (var list in lists)
        {
            allNames.Should().Contain(list);
            closed.Should().Contain(string.Join(",", list.Order(StringComparer.Ordinal)), "the loader accepts exactly [{0}] in some object", string.Join(", ", list));
        }
    }

    [Fact]
    public void EveryEnumOfTheLoader_IsTheSchemasEnumForThatProperty()
    {
        // Enum(element, path, "landing", fallback, ("atEdge", ...), ("acrossGap", ...)) and the like.
        var calls = Regex.Matches(_loaderSource.Value, @"Enum\(\w+, [^,]+, ""(?<name>\w+)"", [\w.]+,(?<values>(?:\s*\(""[^""]+"", [\w.]+\),?)+)\)");
        calls.Select(c => c.Groups["name"].Value).Should().Contain(["landing", "cycle", "use", "dayCounting", "rounding", "anchor", "unit"]);
        foreach (Match call in calls)
        {
            string name = call.Groups["name"].Value;
            var values = Regex.Matches(call.Groups["values"].Value, @"\(""([^""]+)""").Select(m => m.Groups[1].Value).ToArray();
            // Declarations only: closed objects, not the conditions of if/then (which name a subset on purpose).
            var enums = SchemaObjects(_schema.Value)
                .Where(o => ClosedProperties(o) is not null && o.GetProperty("properties").TryGetProperty(name, out var s) && s.TryGetProperty("enum", out _))
                .Select(o => o.GetProperty("properties").GetProperty(name).GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray())
                .ToList();
            enums.Should().NotBeEmpty("the schema constrains \"{0}\"", name);
            enums.Should().AllSatisfy(e => e.Should().BeEquivalentTo(values, "\"{0}\" takes exactly the loader's values", name));
        }
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_TopLevelAndTargetPropertyNames_AreAllowedBySchema(string preset)
    {
        var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo(PresetsPath), preset))).RootElement;
        document.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(ClosedProperties(_schema.Value)!);
        var targetProperties = ClosedProperties(Definition("target"))!;
        foreach (var target in document.GetProperty("targets").EnumerateArray())
        {
            target.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(targetProperties);
        }

        // "$schema": "../../../../schemas/feedback-policy.schema.json" resolves to the schema from the preset's folder.
        string reference = document.GetProperty("$schema").GetString()!;
        Path.GetFullPath(Path.Combine(Repo(PresetsPath), reference)).Should().Be(Path.GetFullPath(Repo(SchemaPath)));
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_ValidatesAgainstTheSchema(string preset)
    {
        string json = File.ReadAllText(Path.Combine(Repo(PresetsPath), preset));
        PolicyDocument.LoadRulebook(json).IsSuccess.Should().BeTrue();
        new MiniValidator(_schema.Value).Errors(JsonDocument.Parse(json).RootElement).Should().BeEmpty();
    }

    [Fact]
    public void BaseDocument_IsValidForTheLoaderAndTheSchema()
    {
        PolicyDocument.LoadRulebook(BaseDocument).ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}").Should().BeEmpty();
        new MiniValidator(_schema.Value).Errors(JsonDocument.Parse(BaseDocument).RootElement).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(SyntaxCases))]
    public void SchemaAndLoader_AgreeOnASingleChangedValue(string path, string? value)
    {
        string json = Mutate(BaseDocument, path, value);
        var loaded = PolicyDocument.LoadRulebook(json);
        var schemaErrors = new MiniValidator(_schema.Value).Errors(JsonDocument.Parse(json).RootElement);
        (schemaErrors.Count == 0).Should().Be(loaded.IsSuccess,
            "the loader says [{0}] and the schema says [{1}]",
            string.Join("; ", loaded.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}")), string.Join("; ", schemaErrors));
    }

    private static string Repo(string relative) => Path.Combine(_root.Value, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Feedback.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Feedback.sln.");
    }

    private static JsonElement Definition(string name) => _schema.Value.GetProperty("$defs").GetProperty(name);

    /// <summary>The property names of a schema object whose additionalProperties is false, or <c>null</c>.</summary>
    private static HashSet<string>? ClosedProperties(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False
            && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>The loader's named lists: <c>private static readonly string[] Name = ["a", "b"];</c>.</summary>
    private static Dictionary<string, string[]> NamedLists() =>
        Regex.Matches(_loaderSource.Value, @"private static readonly string\[\] (?<name>\w+) =\s*\[(?<items>[^\]]*)\];")
            .ToDictionary(m => m.Groups["name"].Value, m => Regex.Matches(m.Groups["items"].Value, @"""([^""]*)""").Select(x => x.Groups[1].Value).ToArray());

    /// <summary>Every JSON object in a document, depth first.</summary>
    private static IEnumerable<JsonElement> Nodes(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var child in element.EnumerateObject().SelectMany(p => Nodes(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    /// <summary>Every subschema (object) of a schema: not the maps of names under properties/$defs, nor enum/const/examples values.</summary>
    private static IEnumerable<JsonElement> SchemaObjects(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        yield return schema;
        foreach (var keyword in schema.EnumerateObject())
        {
            IEnumerable<JsonElement> children = keyword.Name switch
            {
                "properties" or "patternProperties" or "$defs" => keyword.Value.EnumerateObject().Select(p => p.Value),
                "anyOf" or "oneOf" or "allOf" => keyword.Value.EnumerateArray(),
                "enum" or "const" or "examples" or "required" or "dependentRequired" => [],
                _ => [keyword.Value],
            };
            foreach (var child in children.SelectMany(SchemaObjects))
            {
                yield return child;
            }
        }
    }

    /// <summary>Sets (or with <c>null</c> removes) the value at a path such as <c>targets[0].due.offset</c>.</summary>
    private static string Mutate(string json, string path, string? value)
    {
        var root = JsonNode.Parse(json)!;
        var steps = Regex.Matches(path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToArray();
        JsonNode parent = root;
        foreach (string step in steps[..^1])
        {
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        string last = steps[^1];
        if (last.StartsWith('['))
        {
            parent.AsArray()[int.Parse(last[1..^1], CultureInfo.InvariantCulture)] = value is null ? null : JsonNode.Parse(value);
        }
        else if (value is null)
        {
            parent.AsObject().Remove(last).Should().BeTrue("{0} exists in the base document", path);
        }
        else
        {
            parent[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }

    /// <summary>
    /// A validator for the subset of JSON Schema draft 2020-12 this schema uses; regular expressions run
    /// with .NET semantics, which agree with ECMA-262 on the constructs used (classes, groups, lookahead).
    /// </summary>
    private sealed class MiniValidator(JsonElement root)
    {
        public static readonly HashSet<string> Keywords =
        [
            "$schema", "$id", "$defs", "$ref", "title", "description", "examples", "type", "enum", "const", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "minItems", "items", "contains", "required", "properties", "patternProperties", "additionalProperties",
            "propertyNames", "dependentRequired", "anyOf", "oneOf", "allOf", "not", "if", "then", "else",
        ];

        private readonly Dictionary<string, Regex> _patterns = [];

        public List<string> Errors(JsonElement instance)
        {
            var errors = new List<string>();
            Validate(root, instance, "$", errors);
            return errors;
        }

        private bool Valid(JsonElement schema, JsonElement instance) => Validate(schema, instance, "$", null);

        private bool Validate(JsonElement schema, JsonElement instance, string path, List<string>? errors)
        {
            bool ok = true;
            void Fail(string message)
            {
                ok = false;
                errors?.Add($"{path}: {message}");
            }

            if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                if (schema.ValueKind == JsonValueKind.False)
                {
                    Fail("no value is allowed here");
                }

                return ok;
            }

            foreach (var keyword in schema.EnumerateObject())
            {
                var k = keyword.Value;
                switch (keyword.Name)
                {
                    case "$ref":
                        var target = root.GetProperty("$defs").GetProperty(k.GetString()!["#/$defs/".Length..]);
                        ok &= Validate(target, instance, path, errors);
                        break;
                    case "type" when !HasType(instance, k.GetString()!):
                        Fail($"expected {k.GetString()}, found {instance.ValueKind}");
                        break;
                    case "enum" when !k.EnumerateArray().Any(v => Same(v, instance)):
                        Fail($"{instance.GetRawText()} is not one of {k.GetRawText()}");
                        break;
                    case "const" when !Same(k, instance):
                        Fail($"{instance.GetRawText()} is not {k.GetRawText()}");
                        break;
                    case "pattern" when instance.ValueKind == JsonValueKind.String && !Pattern(k.GetString()!).IsMatch(instance.GetString()!):
                        Fail($"{instance.GetRawText()} does not match {k.GetString()}");
                        break;
                    case "minimum" when instance.ValueKind == JsonValueKind.Number && instance.GetDouble() < k.GetDouble():
                    case "maximum" when instance.ValueKind == JsonValueKind.Number && instance.GetDouble() > k.GetDouble():
                    case "exclusiveMinimum" when instance.ValueKind == JsonValueKind.Number && instance.GetDouble() <= k.GetDouble():
                        Fail($"{instance.GetRawText()} breaks {keyword.Name} {k.GetRawText()}");
                        break;
                    case "minItems" when instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() < k.GetInt32():
                        Fail($"fewer than {k.GetInt32()} items");
                        break;
                    case "items" when instance.ValueKind == JsonValueKind.Array:
                        int i = 0;
                        foreach (var item in instance.EnumerateArray())
                        {
                            ok &= Validate(k, item, $"{path}[{i++}]", errors);
                        }

                        break;
                    case "contains" when instance.ValueKind == JsonValueKind.Array && !instance.EnumerateArray().Any(item => Valid(k, item)):
                        Fail("no item matches 'contains'");
                        break;
                    case "required" when instance.ValueKind == JsonValueKind.Object:
                        foreach (var name in k.EnumerateArray().Select(n => n.GetString()!).Where(n => !instance.TryGetProperty(n, out _)))
                        {
                            Fail($"'{name}' is required");
                        }

                        break;
                    case "properties" when instance.ValueKind == JsonValueKind.Object:
                        foreach (var property in instance.EnumerateObject())
                        {
                            if (k.TryGetProperty(property.Name, out var sub))
                            {
                                ok &= Validate(sub, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }

                        break;
                    case "patternProperties" when instance.ValueKind == JsonValueKind.Object:
                        foreach (var property in instance.EnumerateObject())
                        {
                            foreach (var pattern in k.EnumerateObject().Where(p => Pattern(p.Name).IsMatch(property.Name)))
                            {
                                ok &= Validate(pattern.Value, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }

                        break;
                    case "additionalProperties" when instance.ValueKind == JsonValueKind.Object:
                        foreach (var property in instance.EnumerateObject().Where(p => IsAdditional(schema, p.Name)))
                        {
                            ok &= Validate(k, property.Value, $"{path}.{property.Name}", errors);
                        }

                        break;
                    case "propertyNames" when instance.ValueKind == JsonValueKind.Object:
                        foreach (var property in instance.EnumerateObject())
                        {
                            ok &= Validate(k, JsonSerializer.SerializeToElement(property.Name), $"{path}.{property.Name} (name)", errors);
                        }

                        break;
                    case "dependentRequired" when instance.ValueKind == JsonValueKind.Object:
                        foreach (var dependency in k.EnumerateObject().Where(d => instance.TryGetProperty(d.Name, out _)))
                        {
                            foreach (var name in dependency.Value.EnumerateArray().Select(n => n.GetString()!).Where(n => !instance.TryGetProperty(n, out _)))
                            {
                                Fail($"'{dependency.Name}' needs '{name}'");
                            }
                        }

                        break;
                    case "anyOf" when !k.EnumerateArray().Any(s => Valid(s, instance)):
                        Fail("matches none of 'anyOf'");
                        break;
                    case "oneOf" when k.EnumerateArray().Count(s => Valid(s, instance)) != 1:
                        Fail($"matches {k.EnumerateArray().Count(s => Valid(s, instance))} of 'oneOf', not exactly one");
                        break;
                    case "allOf":
                        foreach (var sub in k.EnumerateArray())
                        {
                            ok &= Validate(sub, instance, path, errors);
                        }

                        break;
                    case "not" when Valid(k, instance):
                        Fail($"matches 'not' {k.GetRawText()}");
                        break;
                    case "if":
                        string branch = Valid(k, instance) ? "then" : "else";
                        if (schema.TryGetProperty(branch, out var chosen))
                        {
                            ok &= Validate(chosen, instance, path, errors);
                        }

                        break;
                    default:
                        if (!Keywords.Contains(keyword.Name))
                        {
                            throw new NotSupportedException($"The test validator does not implement '{keyword.Name}'.");
                        }

                        break;
                }
            }

            return ok;
        }

        private bool IsAdditional(JsonElement schema, string name) =>
            !(schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out _))
            && !(schema.TryGetProperty("patternProperties", out var patterns) && patterns.EnumerateObject().Any(p => Pattern(p.Name).IsMatch(name)));

        private Regex Pattern(string pattern)
        {
            if (!_patterns.TryGetValue(pattern, out var regex))
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant);
                _patterns[pattern] = regex;
            }

            return regex;
        }

        private static bool HasType(JsonElement instance, string type) => type switch
        {
            "object" => instance.ValueKind == JsonValueKind.Object,
            "array" => instance.ValueKind == JsonValueKind.Array,
            "string" => instance.ValueKind == JsonValueKind.String,
            "number" => instance.ValueKind == JsonValueKind.Number,
            "integer" => instance.ValueKind == JsonValueKind.Number && Math.Floor(instance.GetDouble()) == instance.GetDouble(),
            "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => instance.ValueKind == JsonValueKind.Null,
            _ => throw new NotSupportedException($"type '{type}'"),
        };

        private static bool Same(JsonElement a, JsonElement b) =>
            a.ValueKind == b.ValueKind && a.ValueKind switch
            {
                JsonValueKind.String => a.GetString() == b.GetString(),
                JsonValueKind.Number => a.GetDouble() == b.GetDouble(),
                _ => a.GetRawText() == b.GetRawText(),
            };
    }
}
