using System.Collections.Immutable;
using System.Globalization;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Penalties;

/// <summary>What "a day late" means for per-day fines.</summary>
public enum DayCounting : byte
{
    /// <summary>Started 24-hour periods after the due instant: any lateness up to 24 h is day 1. Default.</summary>
    StartedDays = 0,

    /// <summary>Midnights crossed in the zone between the due instant and completion: lateness within the due date is day 0.</summary>
    CalendarDates = 1,
}

/// <summary>How a penalty rule charges.</summary>
public enum PenaltyKind : byte
{
    /// <summary>An amount per started interval of delay on a target (P1: 100 per started 5 minutes).</summary>
    PerStartedInterval = 0,

    /// <summary>An amount per missed day of a daily obligation (P2: 200 per missed progress update).</summary>
    PerMiss = 1,

    /// <summary>Per-day fines by tier of days late, and a discretionary band beyond (P3).</summary>
    Tiered = 2,

    /// <summary>An amount per recorded occurrence (P2: 300 per treatment plan not entered).</summary>
    PerOccurrence = 3,

    /// <summary>A percentage of the month's bonus per recorded occurrence (P2: 20 % per missed follow-up).</summary>
    BonusPercent = 4,

    /// <summary>A non-monetary sanction per recorded occurrence, reported for the host to apply (P4).</summary>
    Sanction = 5,
}

/// <summary>Days <see cref="FromDay"/> to <see cref="ToDay"/> late cost <see cref="PerDay"/> each.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="FromDay">First day of the tier (1-based).</param>
/// <param name="ToDay">Last day of the tier (inclusive).</param>
/// <param name="PerDay">The fine per day.</param>
public sealed record PenaltyTier(int FromDay, int ToDay, decimal PerDay);

/// <summary>From <see cref="FromDay"/> days late, between <see cref="MinPercent"/> and <see cref="MaxPercent"/> of the month's bonus, at the host's discretion (P3 beyond day 15).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="FromDay">First day the band applies.</param>
/// <param name="MinPercent">Lowest percentage of the bonus.</param>
/// <param name="MaxPercent">Highest percentage of the bonus.</param>
public sealed record BonusBand(int FromDay, decimal MinPercent, decimal MaxPercent);

/// <summary>One penalty rule of a schedule.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PenaltyRule
{
    internal PenaltyRule() { }

    /// <summary>The rule's id, unique in its schedule.</summary>
    public required string Id { get; init; }

    /// <summary>The source rule (P1 ... P4), or <c>null</c>.</summary>
    public string? Rule { get; init; }

    /// <summary>How it charges.</summary>
    public PenaltyKind Kind { get; init; }

    /// <summary>Whose role pays, for example <c>accountable</c> or <c>supervising-leader</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The SLA target whose lateness it charges, or <c>null</c> for occurrence rules.</summary>
    public string? Target { get; init; }

    /// <summary>The recorded occurrence it charges, or <c>null</c> for target rules.</summary>
    public string? Occurrence { get; init; }

    /// <summary>The amount per interval, miss or occurrence.</summary>
    public decimal Amount { get; init; }

    /// <summary>The interval of <see cref="PenaltyKind.PerStartedInterval"/>.</summary>
    public Duration Interval { get; init; }

    /// <summary>The tiers of <see cref="PenaltyKind.Tiered"/>, ascending and contiguous from day 1.</summary>
    public ImmutableArray<PenaltyTier> Tiers { get; init; } = [];

    /// <summary>The discretionary band of <see cref="PenaltyKind.Tiered"/>, or <c>null</c>.</summary>
    public BonusBand? Band { get; init; }

    /// <summary>The percentage of <see cref="PenaltyKind.BonusPercent"/>.</summary>
    public decimal BonusPercent { get; init; }

    /// <summary>The sanction of <see cref="PenaltyKind.Sanction"/>, for example "pay cut one grade".</summary>
    public string? Sanction { get; init; }

    /// <summary>
    /// The per-day fine for <paramref name="daysLate"/> days: the sum over each day of its tier's rate.
    /// Days past the last tier add nothing (the <see cref="Band"/> covers them); zero or fewer days cost zero.
    /// </summary>
    /// <param name="daysLate">Days late.</param>
    public decimal OverdueFine(int daysLate)
    {
        decimal fine = 0m;
        foreach (var tier in Tiers)
        {
            int days = Math.Min(daysLate, tier.ToDay) - tier.FromDay + 1;
            if (days > 0)
            {
                fine += days * tier.PerDay;
            }
        }

        return fine;
    }

    internal string TierComputation(int daysLate)
    {
        var parts = new List<string>();
        foreach (var tier in Tiers)
        {
            int days = Math.Min(daysLate, tier.ToDay) - tier.FromDay + 1;
            if (days > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{days} x {tier.PerDay:0.##} (days {tier.FromDay}-{tier.FromDay + days - 1})"));
            }
        }

        return parts.Count == 0 ? "0" : string.Join(" + ", parts);
    }
}

/// <summary>A recorded occurrence a penalty rule may charge: a treatment plan not entered, a missed follow-up, a complaint about attitude (P2, P4).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="TicketId">The ticket it concerns.</param>
/// <param name="Occurrence">What happened, as named in the schedule's rules.</param>
/// <param name="At">When it was recorded.</param>
public sealed record PenaltyOccurrence(string TicketId, string Occurrence, Instant At);

/// <summary>
/// One ticket's facts for the penalty calculator: its SLA evaluations, the people holding each role,
/// and the occurrences recorded on it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="TicketId">The ticket.</param>
/// <param name="Evaluations">Its evaluations: <see cref="SlaPolicy.EvaluateCycles"/> so that every cycle of a reopened ticket is charged (or <see cref="SlaPolicy.Evaluate(Ticket, Instant)"/> for the reported cycle only).</param>
/// <param name="People">Role to person id for this ticket (resolved by the host, for example through its directory).</param>
/// <param name="Occurrences">Occurrences recorded on the ticket.</param>
/// <param name="EvaluatedAt">The instant the evaluations were made (the date of lines for still-open lateness).</param>
/// <param name="Zone">The zone for calendar dates and months.</param>
public sealed record PenaltyCase(
    string TicketId,
    ImmutableArray<TargetEvaluation> Evaluations,
    ImmutableDictionary<string, string> People,
    ImmutableArray<PenaltyOccurrence> Occurrences,
    Instant EvaluatedAt,
    DateTimeZone Zone);

/// <summary>One charge: who pays what (or which band or sanction) under which rule, and how it was computed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PenaltyLine
{
    /// <summary>The ticket.</summary>
    public required string TicketId { get; init; }

    /// <summary>The penalty rule's id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The source rule (P1 ... P4), or <c>null</c>.</summary>
    public string? Rule { get; init; }

    /// <summary>The paying role.</summary>
    public required string Role { get; init; }

    /// <summary>The paying person, or <c>null</c> when the case named nobody for the role (reported, never dropped).</summary>
    public string? PersonId { get; init; }

    /// <summary>The fine, or <c>null</c> for bonus percentages, bands and sanctions.</summary>
    public Money? Amount { get; init; }

    /// <summary>A fixed percentage of the month's bonus, or <c>null</c>.</summary>
    public decimal? BonusPercent { get; init; }

    /// <summary>A discretionary band of the month's bonus, or <c>null</c>.</summary>
    public BonusBand? Band { get; init; }

    /// <summary>A sanction to apply, or <c>null</c>.</summary>
    public string? Sanction { get; init; }

    /// <summary>The computation shown, for example "7 x 100 (days 1-7) + 2 x 200 (days 8-9) = 1100 CNY".</summary>
    public required string Computation { get; init; }

    /// <summary>When the charge arose: the late stop, the evaluation instant for still-open lateness, or the occurrence.</summary>
    public required Instant At { get; init; }

    /// <summary>The month (in the case's zone) whose ledger the line belongs to.</summary>
    public required YearMonth Month { get; init; }
}

/// <summary>
/// A company's penalty schedule (P1-P4) as configuration: delay fines per started interval, per missed
/// day, tiered per-day overdue fines with a discretionary band, per-occurrence fines, percentages of
/// the bonus and sanctions.
/// </summary>
/// <remarks>Immutable and thread-safe. Created by <c>PolicyDocument.LoadRulebook</c>.</remarks>
public sealed class PenaltySchedule
{
    internal PenaltySchedule(string currency, DayCounting dayCounting, ImmutableArray<PenaltyRule> rules)
    {
        Currency = currency;
        DayCounting = dayCounting;
        Rules = rules;
    }

    /// <summary>The currency of every amount.</summary>
    public string Currency { get; }

    /// <summary>What a day late means.</summary>
    public DayCounting DayCounting { get; }

    /// <summary>The rules.</summary>
    public ImmutableArray<PenaltyRule> Rules { get; }

    /// <summary>Days late for an evaluation under <see cref="DayCounting"/>; 0 when not late.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="evaluatedAt">When it was evaluated (the end of a still-open lateness).</param>
    /// <param name="zone">The zone for calendar dates.</param>
    public int DaysLate(in TargetEvaluation evaluation, Instant evaluatedAt, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (evaluation.LateBy <= Duration.Zero || evaluation.Due is not { } due)
        {
            return 0;
        }

        if (DayCounting == DayCounting.StartedDays)
        {
            return evaluation.LateDays;
        }

        var end = evaluation.Stop ?? evaluatedAt;
        return Period.DaysBetween(due.InZone(zone).Date, end.InZone(zone).Date);
    }

    /// <summary>The penalty lines of one ticket.</summary>
    /// <param name="case">The ticket's evaluations, people and occurrences.</param>
    /// <returns>The lines, in rule order.</returns>
    public ImmutableArray<PenaltyLine> Assess(PenaltyCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var lines = ImmutableArray.CreateBuilder<PenaltyLine>();
        foreach (var rule in Rules)
        {
            string? person = @case.People.TryGetValue(rule.Role, out var p) ? p : null;
            if (rule.Target is not null)
            {
                foreach (var evaluation in @case.Evaluations)
                {
                    if (evaluation.IsApplicable && evaluation.Target.Id == rule.Target)
                    {
                        TargetLine(rule, evaluation, @case, person, lines);
                    }
                }
            }
            else
            {
                foreach (var occurrence in @case.Occurrences)
                {
                    if (string.Equals(occurrence.Occurrence, rule.Occurrence, StringComparison.Ordinal))
                    {
                        lines.Add(OccurrenceLine(rule, occurrence, @case, person));
                    }
                }
            }
        }

        return lines.ToImmutable();
    }

    private void TargetLine(PenaltyRule rule, TargetEvaluation evaluation, PenaltyCase @case, string? person, ImmutableArray<PenaltyLine>.Builder lines)
    {
        var at = evaluation.Stop ?? @case.EvaluatedAt;
        var month = YearMonthOf(at, @case.Zone);
        PenaltyLine Line(Money? amount, string computation, BonusBand? band = null) => new()
        {
            TicketId = @case.TicketId, RuleId = rule.Id, Rule = rule.Rule, Role = rule.Role, PersonId = person,
            Amount = amount, Band = band, Computation = computation, At = at, Month = month,
        };

        switch (rule.Kind)
        {
            case PenaltyKind.PerStartedInterval when evaluation.LateBy > Duration.Zero:
            {
                var intervals = Nanoseconds.StartedUnits(evaluation.LateBy, rule.Interval);
                var amount = new Money((decimal)intervals * rule.Amount, Currency);
                lines.Add(Line(amount, Invariant($"{evaluation.Target.Id} late by {evaluation.LateBy.TotalMinutes:0.##} min = {intervals} started interval(s) of {rule.Interval.TotalMinutes:0.##} min x {rule.Amount:0.##} = {amount}")));
                break;
            }

            case PenaltyKind.PerMiss when evaluation.Misses > 0:
            {
                var amount = new Money(evaluation.Misses * rule.Amount, Currency);
                lines.Add(Line(amount, Invariant($"{evaluation.Target.Id}: {evaluation.Misses} missed day(s) x {rule.Amount:0.##} = {amount}")));
                break;
            }

            case PenaltyKind.Tiered:
            {
                int days = DaysLate(evaluation, @case.EvaluatedAt, @case.Zone);
                if (days <= 0)
                {
                    break;
                }

                var amount = new Money(rule.OverdueFine(days), Currency);
                lines.Add(Line(amount, Invariant($"{evaluation.Target.Id} {days} day(s) late ({DayCounting}): {rule.TierComputation(days)} = {amount}")));
                if (rule.Band is { } band && days >= band.FromDay)
                {
                    lines.Add(Line(null, Invariant($"{evaluation.Target.Id} {days} day(s) late, from day {band.FromDay}: {band.MinPercent:0.##}%-{band.MaxPercent:0.##}% of the month's bonus, at the company's discretion"), band));
                }

                break;
            }
        }
    }

    private PenaltyLine OccurrenceLine(PenaltyRule rule, PenaltyOccurrence occurrence, PenaltyCase @case, string? person)
    {
        var line = new PenaltyLine
        {
            TicketId = @case.TicketId, RuleId = rule.Id, Rule = rule.Rule, Role = rule.Role, PersonId = person,
            At = occurrence.At, Month = YearMonthOf(occurrence.At, @case.Zone), Computation = "",
        };
        return rule.Kind switch
        {
            PenaltyKind.BonusPercent => line with { BonusPercent = rule.BonusPercent, Computation = Invariant($"{occurrence.Occurrence}: {rule.BonusPercent:0.##}% of the month's bonus") },
            PenaltyKind.Sanction => line with { Sanction = rule.Sanction, Computation = Invariant($"{occurrence.Occurrence}: {rule.Sanction}") },
            _ => line with { Amount = new Money(rule.Amount, Currency), Computation = Invariant($"{occurrence.Occurrence}: 1 x {rule.Amount:0.##} = {new Money(rule.Amount, Currency)}") },
        };
    }

    private static YearMonth YearMonthOf(Instant at, DateTimeZone zone)
    {
        var date = at.InZone(zone).Date;
        return new YearMonth(date.Year, date.Month);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
