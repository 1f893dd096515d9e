using System.Collections.Immutable;
using NodaTime;

namespace Feedback.Penalties;

/// <summary>One person's penalties for one month, reconciled: <see cref="Total"/> is exactly the sum of the lines' amounts.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PersonLedger
{
    /// <summary>The person, or <c>null</c> for lines whose role named nobody (kept, never dropped).</summary>
    public required string? PersonId { get; init; }

    /// <summary>The month.</summary>
    public required YearMonth Month { get; init; }

    /// <summary>The lines, in a deterministic order (ticket, rule, instant).</summary>
    public required ImmutableArray<PenaltyLine> Lines { get; init; }

    /// <summary>The sum of the lines' amounts.</summary>
    public required Money Total { get; init; }

    /// <summary>The sum of fixed percentages of the month's bonus.</summary>
    public required decimal BonusPercent { get; init; }

    /// <summary>Discretionary bands to decide.</summary>
    public required ImmutableArray<BonusBand> Bands { get; init; }

    /// <summary>Sanctions to apply.</summary>
    public required ImmutableArray<string> Sanctions { get; init; }

    /// <summary>The report is due to HR and Finance before this date: the 1st of the next month (P3).</summary>
    public required LocalDate DueBefore { get; init; }
}

/// <summary>The monthly penalty ledger: one reconciled <see cref="PersonLedger"/> per person.</summary>
/// <remarks>Immutable and thread-safe. The result does not depend on the order of the input lines.</remarks>
public static class PenaltyLedger
{
    /// <summary>Groups the lines of <paramref name="month"/> by person.</summary>
    /// <param name="lines">Lines from any months, in any order.</param>
    /// <param name="month">The month to report.</param>
    /// <param name="currency">The schedule's currency.</param>
    /// <returns>One ledger per person (persons ordered by id, unassigned last).</returns>
    public static ImmutableArray<PersonLedger> ForMonth(IEnumerable<PenaltyLine> lines, YearMonth month, string currency)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var due = month.OnDayOfMonth(1).PlusMonths(1);
        return
        [
            .. lines.Where(l => l.Month == month)
                .GroupBy(l => l.PersonId)
                .OrderBy(g => g.Key is null)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var ordered = g.OrderBy(l => l.TicketId, StringComparer.Ordinal).ThenBy(l => l.RuleId, StringComparer.Ordinal).ThenBy(l => l.At).ThenBy(l => l.Computation, StringComparer.Ordinal).ToImmutableArray();
                    return new PersonLedger
                    {
                        PersonId = g.Key,
                        Month = month,
                        Lines = ordered,
                        Total = ordered.Where(l => l.Amount is not null).Aggregate(Money.Zero(currency), (sum, l) => sum + l.Amount!.Value),
                        BonusPercent = ordered.Sum(l => l.BonusPercent ?? 0m),
                        Bands = [.. ordered.Where(l => l.Band is not null).Select(l => l.Band!)],
                        Sanctions = [.. ordered.Where(l => l.Sanction is not null).Select(l => l.Sanction!)],
                        DueBefore = due,
                    };
                }),
        ];
    }
}
