using System.Collections.Immutable;
using System.Globalization;
using Feedback.Calendars;
using Feedback.Ports;
using Feedback.Sla;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Reminders;

/// <summary>What the reminder planner sends and to whom (R5, T12, breach warnings and escalations).</summary>
/// <remarks>Immutable and thread-safe. The defaults follow D 19 (R5) and D 26 (T12).</remarks>
public sealed record ReminderOptions
{
    /// <summary>The event whose occurrence issues the order message (R5: SMS the accountable person).</summary>
    public string OrderIssuedEvent { get; init; } = "order-signed-off";

    /// <summary>Who gets the order-issued message.</summary>
    public ImmutableArray<string> OrderIssuedRoles { get; init; } = ["accountable"];

    /// <summary>The local time of the daily reminder (R5: 09:30).</summary>
    public LocalTime DailyAt { get; init; } = new(9, 30);

    /// <summary>Who gets the daily reminder (R5: accountable person, supervising leader, chairman).</summary>
    public ImmutableArray<string> DailyRoles { get; init; } = ["accountable", "supervising-leader", "chairman"];

    /// <summary>Kinds of unfinished tickets that get the daily reminder.</summary>
    public ImmutableArray<string> DailyKinds { get; init; } = ["complaint"];

    /// <summary>The event that finishes a ticket.</summary>
    public string ClosedEvent { get; init; } = "closed";

    /// <summary>Who is told when a daily obligation (T12) is missed.</summary>
    public ImmutableArray<string> MissedObligationRoles { get; init; } = ["accountable"];

    /// <summary>Who is told when a target reaches a warning threshold.</summary>
    public ImmutableArray<string> WarningRoles { get; init; } = ["accountable"];

    /// <summary>The channel of every message.</summary>
    public string Channel { get; init; } = "sms";
}

/// <summary>
/// Plans the notifications due in a window [from, to): order-issued messages, the daily reminder of
/// every unfinished complaint, missed daily obligations (T12), warning thresholds reached and
/// escalation steps reached (T15, D 26-27).
/// </summary>
/// <remarks>
/// Every notification carries an idempotency key built only from the ticket, the reminder, the role
/// and the date or level (and the cycle and start of the clock's run), never from the window: planning
/// the same window twice, or overlapping windows, or a long window that catches up after the host was
/// down, yields the same keys, so an outbox that keeps one notification per key sends each exactly
/// once. A warning or escalation is due at the end of the window in which its level was reached.
/// Catching up cannot recover the levels of a run of the clock that a reset ended inside the window.
/// Pure: no clock, no I/O.
/// Immutable and thread-safe.
/// </remarks>
public sealed class ReminderPlanner
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Creates a planner.</summary>
    /// <param name="policy">The SLA policy (targets, zones).</param>
    /// <param name="options">What to send; <c>null</c> for the defaults.</param>
    public ReminderPlanner(SlaPolicy policy, ReminderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        Options = options ?? new ReminderOptions();
    }

    /// <summary>The policy.</summary>
    public SlaPolicy Policy { get; }

    /// <summary>The options.</summary>
    public ReminderOptions Options { get; }

    /// <summary>The notifications due in [<paramref name="from"/>, <paramref name="to"/>), in a deterministic order.</summary>
    /// <param name="tickets">The tickets to consider (open and recently closed).</param>
    /// <param name="from">Start of the window (inclusive): the end of the previous planning.</param>
    /// <param name="to">End of the window (exclusive): now.</param>
    public ImmutableArray<Notification> Plan(IEnumerable<Ticket> tickets, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var result = new List<Notification>();
        if (to <= from)
        {
            return [];
        }

        foreach (var ticket in tickets.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var zone = Policy.ZoneOf(ticket);
            OrderIssued(ticket, from, to, result);
            Daily(ticket, zone, from, to, result);
            Obligations(ticket, zone, from, to, result);
            Levels(ticket, from, to, result);
        }

        return [.. result];
    }

    private void OrderIssued(Ticket ticket, Instant from, Instant to, List<Notification> result)
    {
        foreach (var e in ticket.Events)
        {
            if (e.Name == Options.OrderIssuedEvent && e.At >= from && e.At < to)
            {
                foreach (var role in Options.OrderIssuedRoles)
                {
                    result.Add(Make(ticket, "order-issued", role, e.At, Key("order-issued", ticket.Id, role, InstantPattern.ExtendedIso.Format(e.At))));
                }
            }
        }
    }

    private void Daily(Ticket ticket, DateTimeZone zone, Instant from, Instant to, List<Notification> result)
    {
        if (!Options.DailyKinds.Contains(ticket.Kind) || ticket.Events.IsEmpty)
        {
            return;
        }

        var opened = ticket.Events[0].At;
        for (var date = from.InZone(zone).Date; ; date = date.PlusDays(1))
        {
            var at = ZoneMath.AtLeniently(zone, date + Options.DailyAt);
            if (at >= to)
            {
                break;
            }

            if (at < from || at < opened || IsClosedAt(ticket, at))
            {
                continue;
            }

            foreach (var role in Options.DailyRoles)
            {
                result.Add(Make(ticket, "daily-reminder", role, at, Key("daily", ticket.Id, role, DatePattern.Format(date))));
            }
        }
    }

    private void Obligations(Ticket ticket, DateTimeZone zone, Instant from, Instant to, List<Notification> result)
    {
        for (int i = 0; i < Policy.Targets.Length; i++)
        {
            var target = Policy.Targets[i];
            if (target.Due != DueKind.Daily || !target.AppliesTo(ticket))
            {
                continue;
            }

            for (var date = from.InZone(zone).Date; ; date = date.PlusDays(1))
            {
                var deadline = ZoneMath.AtLeniently(zone, date + target.DailyAt);
                if (deadline >= to)
                {
                    break;
                }

                if (deadline < from)
                {
                    continue;
                }

                // Missed at this deadline if the count of misses goes up across it.
                var before = Policy.Evaluate(ticket, deadline - Duration.Epsilon)[i];
                var after = Policy.Evaluate(ticket, deadline)[i];
                if (after.Misses > before.Misses)
                {
                    foreach (var role in Options.MissedObligationRoles)
                    {
                        result.Add(Make(ticket, "obligation-missed", role, deadline,
                            Key("missed", ticket.Id, target.Id, role, DatePattern.Format(date)), ("target", target.Id), ("rule", target.Rule ?? "")));
                    }
                }
            }
        }
    }

    // Closed at an instant: the last closed or reopen event at or before it is a closed one.
    private bool IsClosedAt(Ticket ticket, Instant at)
    {
        bool closed = false;
        foreach (var e in ticket.Events)
        {
            if (e.At > at)
            {
                break;
            }

            if (e.Name == Options.ClosedEvent)
            {
                closed = true;
            }
            else if (e.Name == Policy.ReopenEvent)
            {
                closed = false;
            }
        }

        return closed;
    }

    private void Levels(Ticket ticket, Instant from, Instant to, List<Notification> result)
    {
        // Every cycle at both ends, so that a cycle that ended inside the window still has its levels
        // sent, exactly as if the window had been planned in pieces.
        var before = Policy.EvaluateCycles(ticket, from - Duration.Epsilon)
            .ToDictionary(e => (e.Target.Id, e.Cycle));
        foreach (var now in Policy.EvaluateCycles(ticket, to - Duration.Epsilon))
        {
            if (now.Target.Due == DueKind.Daily)
            {
                continue;
            }

            // Levels of another run of the clock (an earlier cycle, or before a reset) do not count.
            var then = before.TryGetValue((now.Target.Id, now.Cycle), out var earlier) && earlier.Start == now.Start ? earlier : default;
            for (int level = then.WarningLevel + 1; level <= now.WarningLevel; level++)
            {
                foreach (var role in Options.WarningRoles)
                {
                    result.Add(Make(ticket, "warning", role, to, Key("warning", ticket.Id, now.Target.Id, Cycle(now), Run(now), Level(level), role),
                        ("target", now.Target.Id), ("threshold", now.Target.Thresholds[level - 1].ToString(CultureInfo.InvariantCulture))));
                }
            }

            for (int level = then.EscalationLevel + 1; level <= now.EscalationLevel; level++)
            {
                foreach (var role in now.Target.Escalation[level - 1].Notify)
                {
                    result.Add(Make(ticket, "escalation", role, to, Key("escalation", ticket.Id, now.Target.Id, Cycle(now), Run(now), Level(level), role),
                        ("target", now.Target.Id), ("step", Level(level))));
                }
            }
        }
    }

    private Notification Make(Ticket ticket, string template, string role, Instant due, string key, params (string Name, string Value)[] parameters) => new()
    {
        IdempotencyKey = key,
        TicketId = ticket.Id,
        RecipientRole = role,
        Channel = Options.Channel,
        TemplateKey = template,
        DueAt = due,
        Parameters = parameters.Aggregate(ImmutableDictionary<string, string>.Empty.Add("ticket", ticket.Id), (d, p) => d.SetItem(p.Name, p.Value)),
    };

    private static string Cycle(in TargetEvaluation evaluation) => evaluation.Cycle.ToString(CultureInfo.InvariantCulture);

    // The start of this run of the clock: a reset starts a new run whose levels are new reminders.
    private static string Run(in TargetEvaluation evaluation) =>
        evaluation.Start is { } start ? InstantPattern.ExtendedIso.Format(start) : "-";

    private static string Level(int level) => level.ToString(CultureInfo.InvariantCulture);

    private static string Key(params string[] parts) => string.Join('/', parts);
}
