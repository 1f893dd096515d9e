using Feedback.FollowUps;
using FluentAssertions;
using static Feedback.Tests.FollowUps.FollowUpFixtures;

namespace Feedback.Tests.FollowUps;

/// <summary>Loader validation of the "followUps" section: every problem is reported with its JSON path and a pinned message.</summary>
public class FollowUpValidationTests
{
    private const string RepairWindow = """{ "name": "within one month", "to": "P1M" }""";

    private static void ShouldFailWith(string followUps, string identifier, string message, string calendars = "") =>
        Errors(followUps, calendars).Should().Equal([(identifier, message)]);

    [Theory]
    [InlineData("120", "'120' is not a rate in percent from 0 to 100.")]
    [InlineData("-1", "'-1' is not a rate in percent from 0 to 100.")]
    [InlineData("100.01", "'100.01' is not a rate in percent from 0 to 100.")]
    [InlineData("\"50\"", "'\"50\"' is not a rate in percent from 0 to 100.")]
    public void F2_RateOutsideZeroToHundred_IsRejected(string rate, string message)
    {
        ShouldFailWith($$"""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": {{rate}} } ] }""", "$.followUps.kinds[0].rate", message);
    }

    [Fact]
    public void F2_MissingRate_IsRejected()
    {
        ShouldFailWith("""{ "seed": "x", "kinds": [ { "kind": "repair" } ] }""", "$.followUps.kinds[0].rate", "'(missing)' is not a rate in percent from 0 to 100.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("12.5")]
    [InlineData("33.33")]
    public void F2_RatesFromZeroToHundred_Load(string rate)
    {
        Load($$"""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": {{rate}} } ] }""").RuleFor("repair")!.RatePercent
            .Should().Be(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void F2_UnknownRounding_IsRejected()
    {
        ShouldFailWith("""{ "seed": "x", "rounding": "up", "kinds": [ { "kind": "repair", "rate": 30 } ] }""",
            "$.followUps.rounding", "'up' is not one of: ceiling, floor, nearest.");
    }

    [Theory]
    [InlineData("floor", QuotaRounding.Floor)]
    [InlineData("nearest", QuotaRounding.Nearest)]
    [InlineData("ceiling", QuotaRounding.Ceiling)]
    public void F2_Rounding_IsRead(string text, QuotaRounding rounding)
    {
        Load($$"""{ "seed": "x", "rounding": "{{text}}", "kinds": [ { "kind": "repair", "rate": 30 } ] }""").Rounding.Should().Be(rounding);
    }

    [Fact]
    public void F1_UnknownCalendar_IsRejected()
    {
        ShouldFailWith("""{ "seed": "x", "calendar": "office", "kinds": [ { "kind": "repair", "rate": 30 } ] }""",
            "$.followUps.calendar", "Unknown calendar 'office'.");
    }

    [Fact]
    public void F1_KnownCalendar_IsResolved()
    {
        Load("""{ "seed": "x", "calendar": "office", "kinds": [ { "kind": "repair", "rate": 30 } ] }""", OfficeCalendar).Calendar!.Id.Should().Be("office");
    }

    [Theory]
    [InlineData("workingDays", "\"to\": 2", "workingDays")]
    [InlineData("businessTime", "\"to\": \"PT4H\"", "businessTime")]
    public void F1_CalendarWindowWithoutACalendar_IsRejected(string unit, string to, string unitName)
    {
        // The message names the unit by its C# enum name (WorkingDays), not by its JSON spelling (workingDays).
        ShouldFailWith(
            $$"""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "w", "unit": "{{unit}}", {{to}} } ] } ] }""",
            "$.followUps.kinds[0].windows[0].unit", $"Unit '{unitName}' needs the follow-ups' \"calendar\".");
    }

    [Fact]
    public void F1_WindowWithoutTo_IsRejected()
    {
        ShouldFailWith("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "soon", "from": "P1D" } ] } ] }""",
            "$.followUps.kinds[0].windows[0].to", "A window needs \"to\": an ISO-8601 period such as \"P3D\" or \"P1M\".");
    }

    [Fact]
    public void F1_WindowWithABadPeriod_IsRejected()
    {
        Errors("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "soon", "to": "3 days" } ] } ] }""")
            .Should().Contain(("$.followUps.kinds[0].windows[0].to", "'3 days' is not an ISO-8601 period such as \"P3D\", \"P1W\" or \"P1M\"."));
    }

    [Fact]
    public void F1_WindowWithABadPeriod_IsReportedOnce()
    {
        Errors("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "soon", "to": "3 days" } ] } ] }""")
            .Should().Equal([("$.followUps.kinds[0].windows[0].to", "'3 days' is not an ISO-8601 period such as \"P3D\", \"P1W\" or \"P1M\".")]);
    }

    [Fact]
    public void F1_UnknownAnchor_IsRejected()
    {
        ShouldFailWith("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "w", "anchor": "handover", "to": "P1D" } ] } ] }""",
            "$.followUps.kinds[0].windows[0].anchor", "'handover' is not one of: completion, contractMiddle, contractEnd, quarter.");
    }

    [Fact]
    public void F2_DuplicateKind_IsRejected()
    {
        ShouldFailWith($$"""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [{{RepairWindow}}] }, { "kind": "repair", "rate": 20 } ] }""",
            "$.followUps.kinds[1].kind", "Kind 'repair' is listed twice.");
    }

    [Theory]
    [InlineData("summaryDay", "0", "Day 0 is not a day of the month (1-31).")]
    [InlineData("summaryDay", "32", "Day 32 is not a day of the month (1-31).")]
    [InlineData("recordsDay", "0", "Day 0 is not a day of the month (1-31).")]
    [InlineData("summaryDay", "-1", "'-1' is not a whole number, 0 or more.")]
    public void S1_DueDayOutsideTheMonth_IsRejected(string property, string value, string message)
    {
        var errors = Errors($$"""{ "seed": "x", "{{property}}": {{value}}, "kinds": [ { "kind": "repair", "rate": 30 } ] }""");
        errors.Should().Contain(($"$.followUps.{property}", message));
    }

    [Fact]
    public void S1_SummaryDayZero_IsTheOnlyError()
    {
        ShouldFailWith("""{ "seed": "x", "summaryDay": 0, "kinds": [ { "kind": "repair", "rate": 30 } ] }""",
            "$.followUps.summaryDay", "Day 0 is not a day of the month (1-31).");
    }

    [Fact]
    public void MissingSeed_IsRejected()
    {
        ShouldFailWith("""{ "kinds": [ { "kind": "repair", "rate": 30 } ] }""", "$.followUps.seed", "A non-empty string is required.");
    }

    [Fact]
    public void MissingKinds_IsRejected()
    {
        ShouldFailWith("""{ "seed": "x" }""", "$.followUps.kinds", "List the kinds followed up, each with its rate and windows.");
    }

    [Fact]
    public void UnknownProperty_IsRejectedAsATypo()
    {
        ShouldFailWith("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "w", "to": "P1D", "unitt": "calendar" } ] } ] }""",
            "$.followUps.kinds[0].windows[0].unitt", "Unknown property 'unitt'; expected one of: name, anchor, unit, from, to.");
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var errors = Errors("""{ "seed": "x", "rounding": "up", "summaryDay": 0, "kinds": [ { "kind": "repair", "rate": 120 }, { "kind": "repair", "rate": 10 } ] }""");
        errors.Select(e => e.Identifier).Should().BeEquivalentTo(
            ["$.followUps.rounding", "$.followUps.summaryDay", "$.followUps.kinds[0].rate", "$.followUps.kinds[1].kind"]);
    }

    [Fact]
    public void F3_NonBooleanExemptionFlag_IsRejected()
    {
        Errors("""{ "seed": "x", "exempt": { "anonymous": "yes" }, "kinds": [ { "kind": "complaint", "rate": 50 } ] }""")
            .Should().Contain(e => e.Identifier == "$.followUps.exempt.anonymous");
    }

    [Fact]
    public void F1_WindowOpeningAfterItCloses_IsRejected()
    {
        Errors("""{ "seed": "x", "kinds": [ { "kind": "repair", "rate": 30, "windows": [ { "name": "w", "from": "P2M", "to": "P1M" } ] } ] }""")
            .Should().Contain(e => e.Identifier.StartsWith("$.followUps.kinds[0].windows[0]", StringComparison.Ordinal));
    }
}
