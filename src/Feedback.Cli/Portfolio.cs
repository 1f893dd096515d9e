using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Feedback.FollowUps;
using Feedback.Penalties;
using Feedback.Policies;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Cli;

/// <summary>The demo's synthetic portfolio: generated tickets evaluated in bulk under preset D.</summary>
internal static class Portfolio
{
    /// <summary>Tickets per chunk: their results stay in the processor's caches until they are counted.</summary>
    private const int Chunk = 4_096;

    private static readonly string[] Categories =
        ["sales-contract", "certificates-delay", "quality-delay", "planning-design", "amenities", "leasing", "property-services"];

    public static void Run(TextWriter output, int count, int seed)
    {
        var rulebook = PolicyPresets.AfterSalesComplaintsRulebook;
        var policy = rulebook.Sla;
        var zone = policy.DefaultZone;
        var at = Instant.FromUtc(2026, 1, 1, 0, 0);

        var generation = Stopwatch.StartNew();
        var random = new Random(seed);
        var tickets = new Ticket[count];
        var completed = new List<FollowUpItem>();
        for (int i = 0; i < count; i++)
        {
            tickets[i] = Generate(random, i, completed);
        }

        generation.Stop();

        // Evaluated chunk by chunk into one cache-sized buffer, each chunk counted and assessed before the
        // next: the results of the whole portfolio are never held at once.
        var penalties = rulebook.Penalties!;
        var people = penalties.Rules.Select(r => r.Role).Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(role => role, role => "person:" + role, StringComparer.Ordinal);
        var perRole = new SortedDictionary<string, (decimal Amount, int Lines)>(StringComparer.Ordinal);
        int width = policy.Targets.Length;
        var tallies = new Tally[width];
        var evaluation = new Stopwatch();
        var assessing = new Stopwatch();
        evaluation.Start();
        var batch = TicketBatch.Create(policy, tickets);
        evaluation.Stop();
        var results = new TargetEvaluation[Math.Min(count, Chunk) * width];
        for (int first = 0; first < count; first += Chunk)
        {
            int chunk = Math.Min(Chunk, count - first);
            evaluation.Start();
            batch.Evaluate(at, results, first, chunk);
            evaluation.Stop();
            for (int i = 0; i < chunk * width; i++)
            {
                tallies[i % width].Add(results[i]);
            }

            assessing.Start();
            for (int i = 0; i < chunk; i++)
            {
                var ticket = tickets[first + i];
                if (!string.Equals(ticket.Kind, "complaint", StringComparison.Ordinal))
                {
                    continue;
                }

                var evaluations = ImmutableArray.Create(results, i * width, width);
                foreach (var line in penalties.Assess(new PenaltyCase(ticket.Id, evaluations, people, [], at, zone)))
                {
                    var (amount, lines) = perRole.GetValueOrDefault(line.Role);
                    perRole[line.Role] = (amount + (line.Amount?.Amount ?? 0m), lines + 1);
                }
            }

            assessing.Stop();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Portfolio: {count:N0} synthetic tickets (seed {seed}) under preset '{policy.Id}', evaluated at {TimeText.Format(at, DateTimeZone.Utc)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  kinds: {tickets.Count(t => t.Kind == "complaint"):N0} complaints, {tickets.Count(t => t.Kind == "repair"):N0} repairs, {tickets.Count(t => t.Kind == "help"):N0} help requests"));

        output.WriteLine("Breaches per target (breached = running past due or met late; at risk = running at warning level 2 or more):");
        for (int j = 0; j < width; j++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {policy.Targets[j].Id,-18} applicable {tallies[j].Applicable,9:N0}  breached {tallies[j].Breached,8:N0}  met late {tallies[j].MetLate,8:N0}  at risk {tallies[j].AtRisk,7:N0}  met {tallies[j].Met,9:N0}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Penalties per role ({penalties.Currency}, preset D P1-P4):"));
        foreach (var (role, (amount, lines)) in perRole)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {role,-20} {amount,16:N0} {penalties.Currency}  in {lines:N0} line(s)"));
        }

        if (perRole.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        var followUps = PolicyPresets.FollowUpA1.FollowUps!;
        var month = new YearMonth(2025, 6);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Follow-up sample for {month.ToString("uuuu-MM", CultureInfo.InvariantCulture)} (preset A1, month closed):"));
        foreach (string kind in new[] { "complaint", "repair" })
        {
            var sample = followUps.Sample(month, kind, completed, close: true);
            output.WriteLine(sample.IsSuccess
                ? string.Create(CultureInfo.InvariantCulture, $"  {kind,-10} rate {sample.Value.RatePercent,5:0.##}%  eligible {sample.Value.Eligible,8:N0}  quota {sample.Value.Quota,8:N0}  followed up {sample.Value.FollowedUp,8:N0}")
                : $"  {kind,-10} error: {string.Join(" ", sample.Errors)}");
        }

        long pairs = (long)count * width;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Portfolio throughput: generated {count:N0} tickets in {generation.Elapsed.TotalMilliseconds:N0} ms; evaluated {pairs:N0} ticket-target pairs (TicketBatch, all cores) in {evaluation.Elapsed.TotalMilliseconds:N0} ms = {pairs / Math.Max(evaluation.Elapsed.TotalSeconds, 1e-9) / 1e6:N1} M/s; penalties assessed in {assessing.Elapsed.TotalMilliseconds:N0} ms."));
    }

    private static Ticket Generate(Random random, int index, List<FollowUpItem> completed)
    {
        // Kinds 30/60/10 %; severities general 80, important 12, major 5, group 2, common 1 %.
        double k = random.NextDouble();
        string kind = k < 0.30 ? "complaint" : k < 0.90 ? "repair" : "help";
        double s = random.NextDouble();
        string severity = s < 0.80 ? "general" : s < 0.92 ? "important" : s < 0.97 ? "major" : s < 0.99 ? "group" : "common";
        string id = string.Create(CultureInfo.InvariantCulture, $"{kind[0]}-{index:D7}");
        var start = Instant.FromUtc(2025, 1, 1, 0, 0) + Duration.FromMinutes(random.Next(0, 365 * 24 * 60));
        Instant Later(Instant from, int minMinutes, int maxMinutes) => from + Duration.FromMinutes(random.Next(minMinutes, maxMinutes));
        var events = new List<TicketEvent>(12);
        var fields = new Dictionary<string, Instant>(StringComparer.Ordinal);
        Instant? done = null;

        if (kind == "complaint")
        {
            events.Add(new TicketEvent("call-ended", start));
            var drafted = Later(start, 5, 40);
            events.Add(new TicketEvent("order-drafted", drafted));
            var submitted = Later(drafted, 1, 15);
            events.Add(new TicketEvent("order-submitted", submitted));
            var signedOff = Later(submitted, 10, 75);
            events.Add(new TicketEvent("order-signed-off", signedOff));
            events.Add(new TicketEvent("visited", Later(signedOff, 15, 80)));
            fields["required-completion"] = Later(signedOff, 3 * 24 * 60, 10 * 24 * 60);
            fields["agreed-completion"] = Later(signedOff, 2 * 24 * 60, 8 * 24 * 60);
            var cursor = signedOff;
            int days = random.Next(1, 9);
            for (int d = 0; d < days; d++)
            {
                cursor = Later(cursor, 12 * 60, 30 * 60);
                events.Add(new TicketEvent("progress-updated", cursor));
            }

            if (random.NextDouble() < 0.05)
            {
                var paused = Later(signedOff, 60, 24 * 60);
                events.Add(new TicketEvent("paused", paused));
                events.Add(new TicketEvent("resumed", Later(paused, 60, 3 * 24 * 60)));
            }

            if (random.NextDouble() < 0.97)
            {
                var closure = Later(cursor, 60, 24 * 60);
                events.Add(new TicketEvent("closure-requested", closure));
                if (random.NextDouble() < 0.9)
                {
                    events.Add(new TicketEvent("closure-checked", Later(closure, 5, 45)));
                }

                done = Later(closure, 60, 3 * 24 * 60);
                events.Add(new TicketEvent("closed", done.Value));
            }
        }
        else
        {
            events.Add(new TicketEvent("received", start));
            var visited = Later(start, 20, 6 * 60);
            events.Add(new TicketEvent("visited", visited));
            fields["agreed-completion"] = Later(visited, 60, 3 * 24 * 60);
            if (random.NextDouble() < 0.95)
            {
                done = Later(visited, 30, 4 * 24 * 60);
                events.Add(new TicketEvent("closed", done.Value));
            }
        }

        if (done is { } completedAt && kind != "help")
        {
            completed.Add(new FollowUpItem { Id = id, Kind = kind, Severity = severity, CompletedAt = completedAt });
        }

        string? category = kind == "complaint" ? Categories[random.Next(Categories.Length)] : null;
        return new Ticket(id, kind, severity, events, category, project: null, fields);
    }

    /// <summary>One target's counts over the portfolio.</summary>
    private struct Tally
    {
        public int Applicable;
        public int Breached;
        public int MetLate;
        public int AtRisk;
        public int Met;

        public void Add(in TargetEvaluation result)
        {
            Applicable += result.IsApplicable ? 1 : 0;
            Breached += result.State == TargetState.Breached ? 1 : 0;
            MetLate += result.State == TargetState.MetLate ? 1 : 0;
            AtRisk += result.State == TargetState.Running && result.WarningLevel >= 2 ? 1 : 0;
            Met += result.State == TargetState.Met ? 1 : 0;
        }
    }
}
