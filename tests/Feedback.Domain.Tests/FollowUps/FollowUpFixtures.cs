using System.Globalization;
using Feedback.FollowUps;
using Feedback.Policies;
using NodaTime;

namespace Feedback.Tests.FollowUps;

/// <summary>Documents and items shared by the follow-up tests.</summary>
internal static class FollowUpFixtures
{
    /// <summary>
    /// An office calendar for working-day and business-time windows: Monday to Friday 09:00-12:00 and
    /// 13:00-18:00 (8 working hours a day), official mainland-China holidays and make-up working days.
    /// </summary>
    public const string OfficeCalendar = """
        "calendars": { "office": { "week": { "Weekdays": ["09:00-12:00", "13:00-18:00"] }, "holidays": "CN" } },
        """;

    public static readonly YearMonth March2026 = new(2026, 3);

    /// <summary>A minimal rulebook document around a "followUps" section (and optionally calendars).</summary>
    public static string Document(string followUps, string calendars = "") =>
        $$"""{ "id": "x", "zone": "Asia/Shanghai", "targets": [], {{calendars}} "followUps": {{followUps}} }""";

    /// <summary>Loads a custom follow-up policy; fails the test when the document is invalid.</summary>
    public static FollowUpPolicy Load(string followUps, string calendars = "")
    {
        var result = PolicyDocument.LoadRulebook(Document(followUps, calendars));
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException("Invalid test document: " + string.Join("; ", result.ValidationErrors.Select(e => $"{e.Identifier}: {e.ErrorMessage}")));
        }

        return result.Value.FollowUps ?? throw new InvalidOperationException("The test document has no follow-ups.");
    }

    /// <summary>The validation errors of a follow-up section as (JSON path, message), empty when it loads.</summary>
    public static IReadOnlyList<(string Identifier, string Message)> Errors(string followUps, string calendars = "")
    {
        var result = PolicyDocument.LoadRulebook(Document(followUps, calendars));
        return result.IsSuccess ? [] : [.. result.ValidationErrors.Select(e => (e.Identifier, e.ErrorMessage))];
    }

    /// <summary>One kind with a rate and no windows, with the given seed and rounding.</summary>
    public static FollowUpPolicy Rated(string kind, decimal rate, string seed = "test", string rounding = "ceiling") =>
        Load($$"""{ "seed": "{{seed}}", "rounding": "{{rounding}}", "kinds": [ { "kind": "{{kind}}", "rate": {{rate.ToString(CultureInfo.InvariantCulture)}}, "windows": [] } ] }""");

    /// <summary>The follow-up section of a shipped preset: A1, A2, A3 (000), B (001) or D (003).</summary>
    public static FollowUpPolicy Preset(string name) => name switch
    {
        "A1" => PolicyPresets.FollowUpA1.FollowUps!,
        "A2" => PolicyPresets.FollowUpA2.FollowUps!,
        "A3" => PolicyPresets.FollowUpA3.FollowUps!,
        "B" => PolicyPresets.PropertyManagementRulebook.FollowUps!,
        "D" => PolicyPresets.AfterSalesComplaintsRulebook.FollowUps!,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown preset."),
    };

    public static FollowUpItem Item(string id, string kind, Instant completed, string severity = "general") =>
        new() { Id = id, Kind = kind, CompletedAt = completed, Severity = severity };

    /// <summary>Ids of the items to follow up, in arrival order.</summary>
    public static string[] FollowedUpIds(MonthSample sample) => [.. sample.Items.Where(i => i.IsFollowedUp).Select(i => i.ItemId)];

    public static SampledItem Decision(MonthSample sample, string id) => sample.Items.Single(i => i.ItemId == id);
}
