using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using NodaTime;

namespace Feedback.Tests.Sla;

/// <summary>
/// TicketBatch (issue 7): the batch resolves event names, applicability and zones once per ticket, so
/// its answers must be those of the ordinary API whatever the mix of kinds, categories and projects, and
/// however the batch is cut into chunks.
/// </summary>
public class TicketBatchTests
{
    private static readonly SlaPolicy Policy = PolicyDocument.Load("""
        { "id": "mix", "zone": "Asia/Shanghai",
          "projects": { "north": { "zone": "Asia/Harbin" }, "west": { "zone": "Asia/Urumqi" }, "abroad": { "zone": "Europe/Berlin" } },
          "calendars": { "office": { "week": { "Weekdays": ["08:30-11:30", "13:30-16:30"] }, "holidays": "CN",
                                     "horizon": { "start": "2025-01-01", "end": "2028-01-01" } } },
          "targets": [
            { "id": "complaints-4h", "when": { "kinds": ["complaint"] }, "start": "received", "stop": "answered",
              "pause": "paused", "resume": "resumed", "clock": "office", "within": "PT4H" },
            { "id": "repairs-2wd", "when": { "kinds": ["repair"], "categories": ["plumbing", "power"] }, "start": "received",
              "stop": "answered", "clock": "office", "workingDays": 2, "endOfDay": true },
            { "id": "major-1h", "when": { "severities": ["major"] }, "start": "received", "stop": "answered", "within": "PT1H" },
            { "id": "close-3d", "start": "received", "stop": "closed", "within": "P3D" } ] }
        """).Value;

    private static readonly string[] Kinds = ["complaint", "repair", "consultation"];
    private static readonly string?[] Categories = [null, "plumbing", "power", "garden"];
    private static readonly string?[] Projects = [null, "north", "west", "abroad", "unknown-project"];

    private static List<Ticket> Tickets(int count)
    {
        var random = new Random(11);
        var origin = Instant.FromUtc(2026, 1, 1, 0, 0);
        var tickets = new List<Ticket>(count);
        for (int i = 0; i < count; i++)
        {
            var received = origin + Duration.FromMinutes(random.Next(0, 60 * 24 * 360));
            var events = new List<TicketEvent> { new("received", received) };
            if (random.Next(4) == 0)
            {
                var paused = received + Duration.FromMinutes(random.Next(1, 300));
                events.Add(new("paused", paused));
                events.Add(new("resumed", paused + Duration.FromMinutes(random.Next(1, 3000))));
            }

            if (random.Next(3) > 0)
            {
                events.Add(new("answered", received + Duration.FromMinutes(random.Next(1, 60 * 72))));
            }

            if (random.Next(2) == 0)
            {
                events.Add(new("closed", received + Duration.FromMinutes(random.Next(1, 60 * 24 * 6))));
            }

            tickets.Add(new Ticket($"t{i}", Kinds[random.Next(Kinds.Length)], random.Next(5) == 0 ? "major" : "general", events,
                category: Categories[random.Next(Categories.Length)], project: Projects[random.Next(Projects.Length)]));
        }

        return tickets;
    }

    [Fact]
    public void Evaluate_MixedKindsCategoriesAndProjects_InChunksOfAReusedBuffer_EqualsEvaluatingEachTicket()
    {
        var tickets = Tickets(3000);
        var batch = TicketBatch.Create(Policy, tickets);
        var at = Instant.FromUtc(2026, 7, 1, 0, 0);
        int width = Policy.Targets.Length;
        const int Chunk = 777;
        var buffer = new TargetEvaluation[Chunk * width];
        int applicable = 0;
        for (int first = 0; first < tickets.Count; first += Chunk)
        {
            int count = Math.Min(Chunk, tickets.Count - first);
            batch.Evaluate(at, buffer, first, count, maxDegreeOfParallelism: first % 2 == 0 ? 1 : -1);
            for (int i = 0; i < count; i++)
            {
                var one = Policy.Evaluate(tickets[first + i], at);
                for (int j = 0; j < width; j++)
                {
                    buffer[(i * width) + j].Should().Be(one[j], "ticket {0}, target {1}", first + i, one[j].Target.Id);
                    applicable += one[j].IsApplicable ? 1 : 0;
                }
            }
        }

        applicable.Should().BeInRange(tickets.Count + 1, (tickets.Count * width) - 1, "one target applies to every ticket, the others' conditions select some tickets and not others");
    }

    [Fact]
    public void Create_NullTicket_IsRejectedNamingItsIndex()
    {
        var tickets = Tickets(3).Cast<Ticket?>().Append(null).ToList();
        var create = () => TicketBatch.Create(Policy, tickets!);
        create.Should().Throw<ArgumentException>().WithMessage("tickets[3] is null.*").Which.ParamName.Should().Be("tickets");
    }

    [Fact]
    public void Evaluate_BufferTooSmall_SaysHowManyEvaluationsAreNeeded()
    {
        var batch = TicketBatch.Create(Policy, Tickets(10));
        var evaluate = () => batch.Evaluate(Instant.FromUtc(2026, 7, 1, 0, 0), new TargetEvaluation[39], 0, 10);
        evaluate.Should().Throw<ArgumentException>().WithMessage("*holds 39 evaluations; 10 tickets x 4 targets need 40*");
    }
}
