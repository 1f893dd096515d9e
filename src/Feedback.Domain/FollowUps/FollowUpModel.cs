using System.Collections.Immutable;
using NodaTime;

namespace Feedback.FollowUps;

/// <summary>A completed piece of work that may need a follow-up visit (回访): a complaint, a repair, a service.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FollowUpItem
{
    /// <summary>The host's id (a ticket, a work order, a household).</summary>
    public required string Id { get; init; }

    /// <summary>The kind, as named in the policy's rates (complaint, repair, special-service, event, household ...).</summary>
    public required string Kind { get; init; }

    /// <summary>The severity (major complaints must be followed up).</summary>
    public string Severity { get; init; } = "general";

    /// <summary>When the original work was completed: follow-up windows count from here (F1).</summary>
    public required Instant CompletedAt { get; init; }

    /// <summary>The matter, supplied by the host: repeated complaints about one matter to several departments count once (F3), and repeats are flagged (S2).</summary>
    public string? IssueKey { get; init; }

    /// <summary>An anonymous complaint: no follow-up (F3).</summary>
    public bool Anonymous { get; init; }

    /// <summary>A higher authority asked only for a written reply: no follow-up (F3).</summary>
    public bool WrittenReplyOnly { get; init; }

    /// <summary>The customer was unsatisfied: must be followed up.</summary>
    public bool Unsatisfied { get; init; }

    /// <summary>A key household or company-level complainant (F8): must be followed up.</summary>
    public bool KeyHousehold { get; init; }

    /// <summary>Start of a special/contracted service's contract term (F1: visit at mid-term), or <c>null</c>.</summary>
    public Instant? ContractStart { get; init; }

    /// <summary>End of the contract term (F1: visit after it ends), or <c>null</c>.</summary>
    public Instant? ContractEnd { get; init; }
}

/// <summary>When a follow-up must happen: from <see cref="Opens"/> to <see cref="Closes"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Name">The window's name from the policy, for example "within 3 days".</param>
/// <param name="Opens">Earliest instant.</param>
/// <param name="Closes">Latest instant (the follow-up is late after it).</param>
public readonly record struct FollowUpWindow(string Name, Instant Opens, Instant Closes);

/// <summary>How an item fared in a month's sample.</summary>
public enum SampleDecision : byte
{
    /// <summary>Chosen by the sampler.</summary>
    Selected = 0,

    /// <summary>Must be followed up regardless (major, unsatisfied, key household); counts toward the quota.</summary>
    Mandatory = 1,

    /// <summary>Eligible, not chosen.</summary>
    NotSelected = 2,

    /// <summary>Needs no follow-up (anonymous, written reply only: F3); not counted.</summary>
    Exempt = 3,

    /// <summary>Repeats a matter already in the month (same issue key, F3); counted once, with the first.</summary>
    Merged = 4,
}

/// <summary>One item's decision in a month's sample, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="ItemId">The item.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Reason">Why, for auditors.</param>
public readonly record struct SampledItem(string ItemId, SampleDecision Decision, string Reason)
{
    /// <summary>Whether the item is to be followed up.</summary>
    public bool IsFollowedUp => Decision is SampleDecision.Selected or SampleDecision.Mandatory;
}

/// <summary>A month's sample for one kind: who is followed up, and the arithmetic of the quota.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MonthSample
{
    /// <summary>The month.</summary>
    public required YearMonth Month { get; init; }

    /// <summary>The kind.</summary>
    public required string Kind { get; init; }

    /// <summary>The required share in percent.</summary>
    public required decimal RatePercent { get; init; }

    /// <summary>Eligible items: not exempt, not merged.</summary>
    public required int Eligible { get; init; }

    /// <summary>The rounded share of <see cref="Eligible"/> (at least the mandatory items).</summary>
    public required int Quota { get; init; }

    /// <summary>Items to follow up (selected plus mandatory).</summary>
    public required int FollowedUp { get; init; }

    /// <summary>Whether the month was closed: the count is then the quota, or above it only under ceiling rounding when mandatory items arrived after ordinary selections.</summary>
    public required bool Closed { get; init; }

    /// <summary>Every item of the month and kind, in arrival order.</summary>
    public required ImmutableArray<SampledItem> Items { get; init; }
}

/// <summary>A follow-up as recorded (F4, F7): method, evidence, outcome.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FollowUpRecord
{
    /// <summary>The item followed up.</summary>
    public required string ItemId { get; init; }

    /// <summary>The method, as named in the policy: phone, home-visit, site-walk.</summary>
    public required string Method { get; init; }

    /// <summary>When.</summary>
    public required Instant At { get; init; }

    /// <summary>Whether the customer was satisfied.</summary>
    public required bool Satisfied { get; init; }

    /// <summary>Evidence attached: "signature" for a home visit, "phone-mark" for a phone follow-up (F4).</summary>
    public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>1 for the first follow-up, 2 for the first re-visit, and so on (F5).</summary>
    public int Visit { get; init; } = 1;

    /// <summary>Quality, service effect, shortcomings, suggestions (F7), free text.</summary>
    public string? Notes { get; init; }
}

/// <summary>What an unsatisfied follow-up leads to (F5, F6).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Satisfied">Whether the customer was satisfied.</param>
/// <param name="NewComplaint">For an unsatisfied follow-up, the complaint to open (run it through the SLA policy's complaint targets); otherwise <c>null</c>.</param>
/// <param name="NextVisit">The number of the re-visit to schedule, or <c>null</c>.</param>
/// <param name="AllowedMethods">Methods allowed for the re-visit (phone only after the configured visit, and never for the most serious class).</param>
public sealed record FollowUpOutcome(bool Satisfied, Sla.Ticket? NewComplaint, int? NextVisit, ImmutableArray<string> AllowedMethods);

/// <summary>A monthly quality flag (S2): a matter complained about repeatedly, a repair repeated, an unsatisfactory follow-up.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Flag">same-matter, same-repair or unsatisfied-follow-up.</param>
/// <param name="Key">The issue key, or the item id of an unsatisfactory follow-up.</param>
/// <param name="Count">How many times.</param>
/// <param name="ItemIds">The items involved.</param>
public sealed record QualityFlag(string Flag, string Key, int Count, ImmutableArray<string> ItemIds);

/// <summary>Achieved against required follow-up rate for one kind (S2).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Kind">The kind.</param>
/// <param name="Eligible">Eligible items of the month.</param>
/// <param name="FollowedUp">Eligible items with a recorded follow-up.</param>
/// <param name="AchievedPercent">FollowedUp / Eligible in percent (100 when nothing was eligible).</param>
/// <param name="RequiredPercent">The policy's rate.</param>
public sealed record KindRate(string Kind, int Eligible, int FollowedUp, decimal AchievedPercent, decimal RequiredPercent)
{
    /// <summary>Whether the required rate was achieved.</summary>
    public bool Met => AchievedPercent >= RequiredPercent;
}

/// <summary>The monthly follow-up report: flags, rates and due dates (S1, S2).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MonthlyFollowUpReport
{
    /// <summary>The month.</summary>
    public required YearMonth Month { get; init; }

    /// <summary>Nonconformity flags.</summary>
    public required ImmutableArray<QualityFlag> Flags { get; init; }

    /// <summary>Achieved vs required rate per kind.</summary>
    public required ImmutableArray<KindRate> Rates { get; init; }

    /// <summary>The summary is due on this date (S1: the 24th).</summary>
    public required LocalDate SummaryDue { get; init; }

    /// <summary>The records are handed in by this date (S1: the 25th).</summary>
    public required LocalDate RecordsDue { get; init; }
}
