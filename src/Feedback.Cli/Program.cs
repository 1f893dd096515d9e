using System.Diagnostics;
using System.Globalization;
using Feedback.Calendars;
using Feedback.Policies;
using Feedback.Sla;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Cli;

/// <summary>Entry point of the <c>feedback</c> command.</summary>
public static class Program
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm ddd");

    private const string Usage =
        """
        usage: feedback <command> [options]

        commands:
          validate   check a policy document; every problem by JSON path
          evaluate   evaluate tickets (JSON Lines or CSV) against a policy or a preset
          demo       deadlines on working calendars, a complaint under preset D, a synthetic portfolio and throughput

        'feedback <command> --help' describes a command.
        exit codes: 0 success, 1 invalid policy, 2 usage error, 3 some ticket lines invalid (evaluate)
        """;

    private const string DemoHelp =
        """
        usage: feedback demo [--tickets N] [--seed S] [--quick]

        Prints deadlines on the built-in W1/W2 calendars with China's official holidays, a complaint under
        preset D (targets, route, penalties), then generates N synthetic tickets (default 1,000,000; --quick:
        20,000) with new Random(S) (default seed 42), evaluates them under preset D at 2026-01-01T00:00Z and
        prints breaches and at-risk targets per target, penalties per role, the follow-up sample per kind
        for one month (preset A1), and throughput.
        """;

    /// <summary>Runs a command with the console; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, !Console.IsErrorRedirected);

    /// <summary>Runs a command; returns the process exit code (0 success, 1 invalid policy, 2 usage error, 3 some ticket lines invalid).</summary>
    /// <param name="args">The command line, the command first.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors, warnings, progress and summaries go.</param>
    /// <param name="showProgress">Whether long runs may draw a progress bar on <paramref name="stderr"/>.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0)
        {
            stderr.WriteLine(Usage);
            return 2;
        }

        string command = args[0];
        switch (command)
        {
            case "validate":
                return PolicyCommands.Validate(args, stdout, stderr);
            case "evaluate":
                return PolicyCommands.Evaluate(args, stdout, stderr, showProgress);
            case "demo":
                return DemoCommand(args, stdout, stderr);
            case "--help" or "-h" or "help":
                stdout.WriteLine(Usage);
                return 0;
            default:
                stderr.WriteLine($"feedback: unknown command '{command}'. Try 'feedback --help'.");
                return 2;
        }
    }

    private static int DemoCommand(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Options.Parse(args, ["--tickets", "--seed"], ["--quick"], stderr, "demo");
        if (options is null)
        {
            return 2;
        }

        if (options.Has("--help"))
        {
            stdout.WriteLine(DemoHelp);
            return 0;
        }

        bool quick = options.Has("--quick");
        int tickets = quick ? 20_000 : 1_000_000;
        int seed = 42;
        if (options["--tickets"] is { } ticketsText && (!int.TryParse(ticketsText, NumberStyles.None, CultureInfo.InvariantCulture, out tickets) || tickets < 1))
        {
            stderr.WriteLine($"feedback demo: --tickets '{ticketsText}' is not a positive whole number.");
            return 2;
        }

        if (options["--seed"] is { } seedText && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
        {
            stderr.WriteLine($"feedback demo: --seed '{seedText}' is not a whole number.");
            return 2;
        }

        int result = Demo(stdout, stderr, quick ? 100_000 : 5_000_000);
        if (result != 0)
        {
            return result;
        }

        stdout.WriteLine();
        Portfolio.Run(stdout, tickets, seed);
        return 0;
    }

    private static int Demo(TextWriter output, TextWriter errors, int operations)
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var china = OfficialHolidays.MainlandChina;

        // W1: the GM hotline, with a lunch break; W2: seasonal office hours. Both follow China's holidays (W4).
        var w1 = new WorkingCalendarBuilder("gm-hotline (W1)", zone)
            .Weekdays("08:30-11:30", "13:30-16:30")
            .WithHolidays(china)
            .Build();
        var w2 = new WorkingCalendarBuilder("office (W2)", zone)
            .WithSeason("spring-summer", new AnnualDate(4, 1), new AnnualDate(9, 30), w => w.Weekdays("07:50-17:30").On(IsoDayOfWeek.Saturday, "07:50-17:30"))
            .WithSeason("autumn-winter", new AnnualDate(10, 1), new AnnualDate(3, 31), w => w.Weekdays("07:50-18:30").On(IsoDayOfWeek.Saturday, "07:50-18:30"))
            .WithHolidays(china)
            .Build();
        if (!w1.IsSuccess || !w2.IsSuccess)
        {
            foreach (var error in w1.ValidationErrors.Concat(w2.ValidationErrors))
            {
                errors.WriteLine($"{error.Identifier}: {error.ErrorMessage}");
            }

            return 1;
        }

        var gm = w1.Value;
        var office = w2.Value;
        Instant At(int y, int mo, int d, int h, int mi) => new LocalDateTime(y, mo, d, h, mi).InZoneStrictly(zone).ToInstant();

        output.WriteLine("Feedback demo: deadlines on working calendars (Asia/Shanghai, official holidays CN 2007-2026)");
        output.WriteLine();
        var rows = new (string What, WorkingCalendar Calendar, Instant Start, Func<WorkingCalendar, Instant, CalendarAnswer<Instant>> Due)[]
        {
            ("T4 feedback within 4 business hours; call ends Friday 17:50", gm, At(2026, 3, 6, 17, 50), (c, s) => c.Add(s, Duration.FromHours(4))),
            ("T4 feedback within 4 business hours; call at 11:00, lunch skipped", gm, At(2026, 3, 9, 11, 0), (c, s) => c.Add(s, Duration.FromHours(4))),
            ("T4 serious complaint: end of 5th working day, over National Day", gm, At(2025, 9, 29, 10, 0), (c, s) => c.EndOfWorkingDay(s, 5)),
            ("T6 solution: end of 3rd working day, over Spring Festival", gm, At(2026, 2, 12, 15, 0), (c, s) => c.EndOfWorkingDay(s, 3)),
            ("T6 reply within 24 business hours (W2 summer hours)", office, At(2026, 7, 3, 17, 0), (c, s) => c.Add(s, Duration.FromHours(24))),
            ("T6 reply within 24 business hours (W2 winter hours)", office, At(2026, 12, 4, 17, 0), (c, s) => c.Add(s, Duration.FromHours(24))),
            ("T4 feedback within 4 business hours in 2027 (no notice yet)", gm, At(2027, 3, 5, 15, 0), (c, s) => c.Add(s, Duration.FromHours(4))),
        };

        foreach (var (what, calendar, start, due) in rows)
        {
            var answer = due(calendar, start);
            string dueText = answer.IsSuccess ? Local.Format(answer.Value.InZone(zone).LocalDateTime) : "error: " + answer.Message;
            output.WriteLine($"  {what}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {calendar.Id,-16} start {Local.Format(start.InZone(zone).LocalDateTime)}  ->  due {dueText}"));
            if (answer.IsExtrapolated)
            {
                output.WriteLine("      note: 2027 is past the shipped holiday data; the weekly pattern was used. Load the 2027 notice (HolidayScheduleJson + OfficialHolidays.Combine).");
            }
        }

        output.WriteLine();
        Complaint(output, zone, At);
        output.WriteLine();
        Throughput(output, gm, At(2015, 1, 5, 9, 0), operations);
        return 0;
    }

    private static void Complaint(TextWriter output, DateTimeZone zone, Func<int, int, int, int, int, Instant> at)
    {
        // A complaint under the D preset (supervision orders, T8-T14), evaluated mid-way.
        var rulebook = PolicyPresets.AfterSalesComplaintsRulebook;
        var policy = rulebook.Sla;
        var ticket = new Ticket("C-2026-0312", "complaint", "major",
            [
                new TicketEvent("call-ended", at(2026, 3, 2, 9, 0)),
                new TicketEvent("order-drafted", at(2026, 3, 2, 9, 42)),
                new TicketEvent("order-submitted", at(2026, 3, 2, 9, 45)),
                new TicketEvent("order-signed-off", at(2026, 3, 2, 10, 30)),
                new TicketEvent("visited", at(2026, 3, 2, 11, 10)),
                new TicketEvent("progress-updated", at(2026, 3, 2, 16, 0)),
                new TicketEvent("meeting-held", at(2026, 3, 3, 10, 0)),
            ],
            fields: new Dictionary<string, Instant> { ["required-completion"] = at(2026, 3, 6, 12, 0), ["agreed-completion"] = at(2026, 3, 5, 18, 0) });
        var now = at(2026, 3, 4, 9, 0);
        output.WriteLine($"Complaint {ticket.Id} under policy '{policy.Id}', evaluated at {Local.Format(now.InZone(zone).LocalDateTime)}:");
        var explanations = policy.Explain(ticket, now);
        foreach (var result in policy.Evaluate(ticket, now).Where(r => r.IsApplicable && r.State != TargetState.NotStarted))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {result.Target.Id,-16} {result.State,-9} due {(result.Due is { } due ? Local.Format(due.InZone(zone).LocalDateTime) : "-"),-20} used {result.PercentUsed,5:0}%  warn {result.WarningLevel}{(result.LateBy > Duration.Zero ? $"  late {result.LateBy.TotalMinutes:0} min" : "")}{(result.Misses > 0 ? $"  missed {result.Misses} day(s)" : "")}"));
            output.WriteLine($"      why: {explanations[result.Target.Id]}");
        }

        var request = new Feedback.Routing.RouteRequest("complaint", "quality-delay", "major", "third-tier", FirstReceiver: "hotline-agent-7");
        output.WriteLine($"  route (R1-R4): {rulebook.Routing!.Explain(request)}");
        var people = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty
            .Add("accountable", "zhang.wei").Add("supervising-leader", "li.na").Add("draft-owner", "wang.fang");
        var @case = new Feedback.Penalties.PenaltyCase(ticket.Id, policy.Evaluate(ticket, now), people, [], now, zone);
        foreach (var line in rulebook.Penalties!.Assess(@case))
        {
            output.WriteLine($"  penalty {line.RuleId} ({line.Role} {line.PersonId}): {line.Computation}");
        }
    }

    private static void Throughput(TextWriter output, WorkingCalendar calendar, Instant first, int operations)
    {
        // Spread starts over ten years so the run touches the whole compiled index.
        var starts = new Instant[4096];
        var random = new Random(42);
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = first + Duration.FromMinutes(random.Next(0, 10 * 365 * 24 * 60));
        }

        var eightHours = Duration.FromHours(8);
        long checksum = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < operations; i++)
        {
            checksum ^= calendar.Add(starts[i & 4095], eightHours).GetValueOrDefault(first).ToUnixTimeTicks();
        }

        stopwatch.Stop();
        double perSecond = operations / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput: {operations:N0} Add(start, 8 business hours) on one core in {stopwatch.Elapsed.TotalMilliseconds:N0} ms = {perSecond / 1e6:N1} M/s (checksum {checksum & 0xFFFF:X4}). Benchmarks with baselines: benchmarks/README.md."));
    }
}
