using System.Text.Json;
using FluentAssertions;

namespace Feedback.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private const string At = "2026-03-02T01:10:00Z";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("feedback-cli-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr, showProgress: false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Policy(string within = "PT4H", string extra = "") =>
        $$"""
        {
          "id": "small",
          "zone": "UTC",
          "targets": [
            { "id": "reply", "rule": "R", "start": "received", "stop": "replied", "within": "{{within}}"{{extra}} }
          ]
        }
        """;

    private static string Complaint(string id, string callEnded = "2026-03-02T01:00:00Z") =>
        $$"""{"id": "{{id}}", "kind": "complaint", "severity": "major", "category": "quality-delay", "events": [{"name": "call-ended", "at": "{{callEnded}}"}]}""";

    private static JsonElement Target(string outputLine, string id) =>
        JsonDocument.Parse(outputLine).RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Validate_accepts_a_valid_policy()
    {
        var (code, stdout, _) = Run("validate", "--policy", Write("p.json", Policy()));

        code.Should().Be(0);
        stdout.Should().Contain("valid: small, 1 targets");
    }

    [Fact]
    public void Validate_lists_every_problem_by_path()
    {
        string json = """{"id": "bad", "zone": "Nowhere/City", "targets": [{"id": "t", "start": "recieved", "within": "PT1H", "colour": "red"}]}""";

        var (code, stdout, _) = Run("validate", "--policy", Write("bad.json", json));

        code.Should().Be(1);
        stdout.Should().Contain("$.zone: ").And.Contain("$.targets[0].start").And.Contain("$.targets[0].colour");
        Lines(stdout).Where(l => l.StartsWith('$')).Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Validate_reports_the_ten_year_limit()
    {
        var (code, stdout, _) = Run("validate", "--policy", Write("huge.json", Policy(within: "P100000D")));

        code.Should().Be(1);
        stdout.Should().Contain("$.targets[0].within: ").And.MatchRegex("(?i)ten years|3650");
    }

    [Fact]
    public void Validate_reports_unknown_enum_values_with_their_path()
    {
        var (code, stdout, _) = Run("validate", "--policy", Write("enum.json", Policy(extra: """, "landing": "sideways" """)));

        code.Should().Be(1);
        stdout.Should().Contain("$.targets[0].landing: ").And.Contain("sideways");
    }

    [Fact]
    public void Validate_reports_invalid_json()
    {
        var (code, stdout, _) = Run("validate", "--policy", Write("broken.json", "{ \"id\": "));

        code.Should().Be(1);
        stdout.Should().StartWith("$: ");
    }

    [Fact]
    public void Validate_missing_file_is_a_usage_error_naming_the_file()
    {
        string missing = Path.Combine(_folder.FullName, "nope.json");

        var (code, _, stderr) = Run("validate", "--policy", missing);

        code.Should().Be(2);
        stderr.Should().Contain(missing);
        Run("validate").Code.Should().Be(2);
    }

    [Fact]
    public void Evaluate_computes_due_instants_in_the_policy_zone()
    {
        string tickets = Write("t.jsonl", Complaint("C-1") + "\n");

        var (code, stdout, stderr) = Run("evaluate", "--preset", "d-after-sales-complaints", "--tickets", tickets, "--at", At);

        code.Should().Be(0, stderr);
        var lines = Lines(stdout);
        lines.Should().ContainSingle();
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString().Should().Be("C-1");
        var draft = Target(lines[0], "T8-draft");
        draft.GetProperty("due").GetString().Should().Be("2026-03-02T09:30:00+08:00", "T8: call-ended (09:00 Shanghai) + 30 min");
        draft.GetProperty("state").GetString().Should().Be("Running");
        draft.GetProperty("rule").GetString().Should().Be("T8");
        draft.GetProperty("remaining").GetString().Should().Be("PT20M");
        draft.GetProperty("lateBy").GetString().Should().Be("PT0S");
        draft.GetProperty("percentUsed").GetDouble().Should().BeApproximately(33.3, 0.1);
        draft.GetProperty("explanation").GetString().Should().Contain("T8-draft");
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("targets").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).Should().NotContain("T14-minutes-does-not-exist");
        stderr.Should().Contain("1 read, 1 valid, 0 invalid");
    }

    [Fact]
    public void Evaluate_reports_a_breach_and_writes_to_out()
    {
        string tickets = Write("t.jsonl", Complaint("C-1", "2026-03-02T00:00:00Z"));
        string output = Path.Combine(_folder.FullName, "out.jsonl");

        var (code, stdout, stderr) = Run("evaluate", "--preset", "d-after-sales-complaints", "--tickets", tickets, "--at", At, "--out", output);

        code.Should().Be(0, stderr);
        stdout.Should().BeEmpty();
        var draft = Target(Lines(File.ReadAllText(output)).Single(), "T8-draft");
        draft.GetProperty("state").GetString().Should().Be("Breached");
        draft.GetProperty("lateBy").GetString().Should().Be("PT40M");
        stderr.Should().Contain("1 breached");
    }

    [Fact]
    public void Evaluate_with_a_policy_file_lists_only_applicable_targets()
    {
        string policy = Write("p.json", Policy());
        string tickets = Write("t.jsonl", """{"id": "H-1", "kind": "help", "severity": "general", "events": [{"name": "received", "at": "2026-03-02T08:00:00+08:00"}]}""");

        var (code, stdout, _) = Run("evaluate", "--policy", policy, "--tickets", tickets, "--at", At);

        code.Should().Be(0);
        Target(Lines(stdout).Single(), "reply").GetProperty("due").GetString().Should().Be("2026-03-02T04:00:00Z");
    }

    [Fact]
    public void Evaluate_reports_invalid_lines_and_still_evaluates_the_valid_ones()
    {
        string tickets = Write("mixed.jsonl", string.Join("\n",
            Complaint("C-1"),
            "{not json",
            """{"id": "C-2", "kind": "complaint", "events": []}""",
            """{"id": "C-3", "kind": "complaint", "severity": "major", "events": [{"name": "call-ended", "at": "yesterday"}]}""",
            """{"id": "C-4", "kind": "complaint", "severity": "major", "events": [{"name": "call-endd", "at": "2026-03-02T01:00:00Z"}]}""",
            Complaint("C-1"),
            "",
            Complaint("C-5")));

        var (code, stdout, stderr) = Run("evaluate", "--preset", "d-after-sales-complaints", "--tickets", tickets, "--at", At);

        code.Should().Be(3);
        Lines(stdout).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("C-1", "C-5");
        stderr.Should().Contain("line 2: not valid JSON")
            .And.Contain("line 3: missing 'severity'")
            .And.Contain("line 4: events[0].at: 'yesterday'")
            .And.Contain("line 5: events[0].name").And.Contain("call-endd")
            .And.Contain("line 6: duplicate id 'C-1'")
            .And.Contain("7 read, 2 valid, 5 invalid");
    }

    [Fact]
    public void Evaluate_draws_progress_on_stderr_only_for_large_files_when_asked()
    {
        string tickets = Write("big.jsonl", string.Join("\n", Enumerable.Range(0, 10_001).Select(i => Complaint($"C-{i}"))));
        string[] args = ["evaluate", "--preset", "d-after-sales-complaints", "--tickets", tickets, "--at", At];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Program.Run(args, stdout, stderr, showProgress: true).Should().Be(0);

        stderr.ToString().Should().Contain("\r[##########] 100%").And.Contain("10001 read");
        stdout.ToString().Should().NotContain("%]");
        Run(args).Err.Should().NotContain("[#");
    }

    [Fact]
    public void Evaluate_an_empty_file_reads_nothing()
    {
        var (code, stdout, stderr) = Run("evaluate", "--preset", "d-after-sales-complaints", "--tickets", Write("empty.jsonl", ""), "--at", At);

        code.Should().Be(0);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("0 read, 0 valid, 0 invalid");
    }

    [Fact]
    public void Evaluate_reads_csv()
    {
        string csv = """
            id,kind,severity,category,project,events,fields
            C-1,complaint,major,quality-delay,,call-ended@2026-03-02T01:00:00Z;order-signed-off@2026-03-02T01:05:00Z,agreed-completion=2026-03-05T10:00:00Z;required-completion=2026-03-06T10:00:00Z
            C-2,complaint,major,,,call-ended@not-a-time,
            C-3,complaint,general,,,call-ended@2026-03-02T09:00:00+08:00,
            """;

        var (code, stdout, stderr) = Run("evaluate", "--preset", "d-after-sales-complaints", "--tickets", Write("t.csv", csv), "--at", At);

        code.Should().Be(3);
        stderr.Should().Contain("line 3: ").And.Contain("not-a-time");
        var lines = Lines(stdout);
        lines.Should().HaveCount(2);
        Target(lines[0], "T11-completion").GetProperty("due").GetString().Should().Be("2026-03-05T18:00:00+08:00");
        Target(lines[1], "T8-draft").GetProperty("due").GetString().Should().Be("2026-03-02T09:30:00+08:00");
    }

    [Fact]
    public void Evaluate_rejects_an_invalid_policy_with_exit_1()
    {
        var (code, _, stderr) = Run("evaluate", "--policy", Write("huge.json", Policy(within: "P100000D")), "--tickets", Write("t.jsonl", ""), "--at", At);

        code.Should().Be(1);
        stderr.Should().Contain("$.targets[0].within");
    }

    [Theory]
    [InlineData("evaluate", "--tickets", "x.jsonl")]
    [InlineData("evaluate", "--preset", "nope", "--tickets", "x.jsonl")]
    [InlineData("evaluate", "--preset", "d-after-sales-complaints")]
    [InlineData("evaluate", "--preset", "d-after-sales-complaints", "--tickets", "x.txt")]
    [InlineData("evaluate", "--preset", "d-after-sales-complaints", "--tickets", "missing.jsonl")]
    [InlineData("evaluate", "--preset", "d-after-sales-complaints", "--tickets", "x.jsonl", "--at", "noon")]
    [InlineData("evaluate", "--bogus")]
    [InlineData("demo", "--tickets", "many")]
    [InlineData("frobnicate")]
    [InlineData]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (code, _, stderr) = Run(args);

        code.Should().Be(2);
        stderr.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("--help", "validate")]
    [InlineData("validate", "--policy FILE")]
    [InlineData("evaluate", "--tickets FILE")]
    [InlineData("demo", "--seed")]
    public void Every_command_has_help(string command, string expected)
    {
        var (code, stdout, _) = Run(command == "--help" ? ["--help"] : [command, "--help"]);

        code.Should().Be(0);
        stdout.Should().Contain("usage: feedback").And.Contain(expected);
    }

    [Fact]
    public void Demo_quick_prints_every_section()
    {
        var (code, stdout, stderr) = Run("demo", "--quick", "--tickets", "3000", "--seed", "7");

        code.Should().Be(0, stderr);
        stdout.Should().Contain("deadlines on working calendars")
            .And.Contain("Complaint C-2026-0312")
            .And.Contain("route (R1-R4)")
            .And.Contain("Throughput:")
            .And.Contain("Portfolio: 3,000 synthetic tickets (seed 7)")
            .And.Contain("Breaches per target")
            .And.Contain("T8-draft")
            .And.Contain("Penalties per role")
            .And.Contain("Follow-up sample for")
            .And.Contain("Portfolio throughput:");
    }

    [Fact]
    public void Demo_quick_is_reproducible_for_a_seed()
    {
        static string Portfolio(string text) => string.Join("\n", Lines(text[text.IndexOf("Portfolio:", StringComparison.Ordinal)..]).Where(l => !l.Contains("throughput", StringComparison.OrdinalIgnoreCase)));

        Portfolio(Run("demo", "--quick").Out).Should().Be(Portfolio(Run("demo", "--quick").Out));
    }
}
