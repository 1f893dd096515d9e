using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ardalis.Result;
using Feedback.Policies;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Cli;

/// <summary>The <c>validate</c> and <c>evaluate</c> commands.</summary>
internal static class PolicyCommands
{
    public const string ValidateHelp =
        """
        usage: feedback validate --policy FILE

        Loads a policy document (schemas/feedback-policy.schema.json) and lists every problem as
        'PATH: message' on stdout, PATH being the JSON path of the bad value.

        exit codes: 0 valid, 1 invalid, 2 usage error (missing option, unreadable file)
        """;

    public const string EvaluateHelp =
        """
        usage: feedback evaluate (--policy FILE | --preset NAME) --tickets FILE [--format jsonl|csv] [--at INSTANT] [--out FILE]

        Evaluates every ticket against the policy at INSTANT (ISO-8601 with Z or an offset; default: now)
        and writes one JSON object per valid ticket (stdout or --out):
          {"id": ..., "targets": [{"id", "rule", "state", "due", "remaining", "lateBy", "percentUsed", "warningLevel", "explanation"}]}
        with applicable targets only; due is ISO-8601 with the offset of the ticket's zone, durations ISO-8601.

        Ticket files, chosen by extension (.jsonl, .csv) or --format:
          JSONL: {"id": "C-1", "kind": "complaint", "severity": "major", "category": "quality-delay", "project": "p",
                  "events": [{"name": "call-ended", "at": "2026-03-02T01:00:00Z"}], "fields": {"agreed-completion": "2026-03-05T10:00:00Z"}}
                 (category, project and fields optional; blank lines ignored)
          CSV:   header id,kind,severity,category,project,events,fields
                 events = name@instant;name@instant   fields = name=instant;name=instant
                 no quoting: ids and other values must not contain commas.

        Lines that cannot be used (bad JSON or CSV, missing id/kind/severity, bad instant, an event name the
        policy does not know, a duplicate id) are reported on stderr as 'line N: reason' and not evaluated;
        the other lines still are. A missing field a started target needs is a warning only.
        A summary goes to stderr: tickets read, valid, invalid; targets breached (breached or met late),
        at risk (running with warning level 2 or more), met.

        presets: PRESETS
        exit codes: 0 every line valid, 3 some lines invalid, 1 the policy is invalid, 2 usage error
        """;

    public static int Validate(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Options.Parse(args, ["--policy"], [], stderr, "validate");
        if (options is null)
        {
            return 2;
        }

        if (options.Has("--help"))
        {
            stdout.WriteLine(ValidateHelp);
            return 0;
        }

        if (options["--policy"] is not { } file)
        {
            stderr.WriteLine("feedback validate: --policy FILE is required. Try 'feedback validate --help'.");
            return 2;
        }

        if (ReadFile(file, "policy", "validate", stderr) is not { } json)
        {
            return 2;
        }

        var result = PolicyDocument.LoadRulebook(json);
        if (!result.IsSuccess)
        {
            WriteErrors(result, stdout);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"invalid: {file}, {result.ValidationErrors.Count()} problem(s)"));
            return 1;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"valid: {result.Value.Sla.Id}, {result.Value.Sla.Targets.Length} targets"));
        return 0;
    }

    public static int Evaluate(string[] args, TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        var options = Options.Parse(args, ["--policy", "--preset", "--tickets", "--format", "--at", "--out"], [], stderr, "evaluate");
        if (options is null)
        {
            return 2;
        }

        if (options.Has("--help"))
        {
            stdout.WriteLine(EvaluateHelp.Replace("PRESETS", string.Join(", ", PolicyPresets.Names), StringComparison.Ordinal));
            return 0;
        }

        if (options.Has("--policy") == options.Has("--preset"))
        {
            stderr.WriteLine("feedback evaluate: give exactly one of --policy FILE or --preset NAME. Try 'feedback evaluate --help'.");
            return 2;
        }

        if (options["--tickets"] is not { } ticketsFile)
        {
            stderr.WriteLine("feedback evaluate: --tickets FILE is required. Try 'feedback evaluate --help'.");
            return 2;
        }

        string format = options["--format"] ?? Path.GetExtension(ticketsFile).TrimStart('.').ToLowerInvariant();
        if (format is not ("jsonl" or "csv"))
        {
            stderr.WriteLine($"feedback evaluate: cannot tell the format of '{ticketsFile}'; use a .jsonl or .csv file or --format jsonl|csv.");
            return 2;
        }

        Instant at = SystemClock.Instance.GetCurrentInstant();
        if (options["--at"] is { } atText && !TimeText.TryParseInstant(atText, out at))
        {
            stderr.WriteLine($"feedback evaluate: --at '{atText}' is not an ISO-8601 instant with Z or an offset (e.g. 2026-03-02T09:00:00Z).");
            return 2;
        }

        string json;
        if (options["--preset"] is { } preset)
        {
            var document = PolicyPresets.Document(preset);
            if (!document.IsSuccess)
            {
                stderr.WriteLine($"feedback evaluate: {string.Join(" ", document.Errors)}");
                return 2;
            }

            json = document.Value;
        }
        else if (ReadFile(options["--policy"]!, "policy", "evaluate", stderr) is { } text)
        {
            json = text;
        }
        else
        {
            return 2;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(ticketsFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"feedback evaluate: cannot read tickets file '{ticketsFile}': {ex.Message}");
            return 2;
        }

        var loaded = PolicyDocument.LoadRulebook(json);
        if (!loaded.IsSuccess)
        {
            stderr.WriteLine($"feedback evaluate: the policy is invalid:");
            WriteErrors(loaded, stderr);
            return 1;
        }

        var policy = loaded.Value.Sla;
        TextWriter output = stdout;
        StreamWriter? file = null;
        if (options["--out"] is { } outFile)
        {
            try
            {
                file = new StreamWriter(outFile, append: false, new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"feedback evaluate: cannot write '{outFile}': {ex.Message}");
                return 2;
            }

            output = file;
        }

        try
        {
            return EvaluateLines(policy, lines, format == "csv", at, output, stderr, showProgress && lines.Length > 10_000);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static int EvaluateLines(SlaPolicy policy, string[] lines, bool csv, Instant at, TextWriter output, TextWriter stderr, bool progress)
    {
        int read = 0, valid = 0, invalid = 0, breached = 0, atRisk = 0, met = 0, lastPercent = -1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var results = new TargetEvaluation[policy.Targets.Length];
        var buffer = new ArrayBufferWriter<byte>();
        int first = 0;
        if (csv && lines.Length > 0)
        {
            first = 1;
            if (!string.Equals(lines[0].Trim().TrimStart('\uFEFF'), TicketReader.CsvHeader, StringComparison.Ordinal))
            {
                stderr.WriteLine($"line 1: expected the header '{TicketReader.CsvHeader}', found '{lines[0]}'");
                return 3;
            }
        }

        for (int n = first; n < lines.Length; n++)
        {
            if (progress)
            {
                int percent = (int)((n + 1) * 100L / lines.Length);
                if (percent != lastPercent)
                {
                    lastPercent = percent;
                    stderr.Write($"\r[{new string('#', percent / 10),-10}] {percent,3}%");
                }
            }

            string line = lines[n];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            read++;
            var ticket = csv ? TicketReader.ParseCsv(line, out string? error) : TicketReader.ParseJson(line, out error);
            if (ticket is not null)
            {
                var check = policy.Validate(ticket);
                if (!check.IsSuccess)
                {
                    foreach (var problem in check.ValidationErrors.Where(e => !e.Identifier.StartsWith("events[", StringComparison.Ordinal)))
                    {
                        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {n + 1}: warning: {problem.Identifier}: {problem.ErrorMessage}"));
                    }

                    error = check.ValidationErrors.Where(e => e.Identifier.StartsWith("events[", StringComparison.Ordinal))
                        .Select(e => $"{e.Identifier}: {e.ErrorMessage}").FirstOrDefault();
                }

                if (error is null && !seen.Add(ticket.Id))
                {
                    error = $"duplicate id '{ticket.Id}' (already on an earlier line)";
                }
            }

            if (error is not null || ticket is null)
            {
                invalid++;
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(progress ? "\r" : "")}line {n + 1}: {error}"));
                continue;
            }

            valid++;
            policy.Evaluate(ticket, at, results);
            var explanations = policy.Explain(ticket, at);
            var zone = policy.ZoneOf(ticket);
            buffer.Clear();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("id", ticket.Id);
                json.WriteStartArray("targets");
                foreach (var result in results)
                {
                    if (!result.IsApplicable)
                    {
                        continue;
                    }

                    json.WriteStartObject();
                    json.WriteString("id", result.Target.Id);
                    json.WriteString("rule", result.Target.Rule);
                    json.WriteString("state", result.State.ToString());
                    if (result.Due is { } due)
                    {
                        json.WriteString("due", TimeText.Format(due, zone));
                    }
                    else
                    {
                        json.WriteNull("due");
                    }

                    json.WriteString("remaining", TimeText.Format(result.Remaining));
                    json.WriteString("lateBy", TimeText.Format(result.LateBy));
                    json.WriteNumber("percentUsed", Math.Round(result.PercentUsed, 1));
                    json.WriteNumber("warningLevel", result.WarningLevel);
                    json.WriteString("explanation", explanations.TryGetValue(result.Target.Id, out var why) ? why : null);
                    json.WriteEndObject();
                    switch (result.State)
                    {
                        case TargetState.Breached or TargetState.MetLate:
                            breached++;
                            break;
                        case TargetState.Running when result.WarningLevel >= 2:
                            atRisk++;
                            break;
                        case TargetState.Met:
                            met++;
                            break;
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        if (progress)
        {
            stderr.WriteLine();
        }

        output.Flush();
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tickets: {read} read, {valid} valid, {invalid} invalid; targets: {breached} breached, {atRisk} at risk, {met} met (policy '{policy.Id}', at {TimeText.Format(at, DateTimeZone.Utc)})"));
        return invalid > 0 ? 3 : 0;
    }

    private static string? ReadFile(string path, string what, string command, TextWriter stderr)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"feedback {command}: cannot read {what} file '{path}': {ex.Message}");
            return null;
        }
    }

    private static void WriteErrors<T>(Result<T> result, TextWriter writer)
    {
        foreach (var error in result.ValidationErrors)
        {
            writer.WriteLine($"{error.Identifier}: {error.ErrorMessage}");
        }

        foreach (string error in result.Errors)
        {
            writer.WriteLine($"$: {error}");
        }
    }
}
