using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Ardalis.Result;
using Feedback.Calendars;
using Feedback.Sla;
using NodaTime;

namespace Feedback.FollowUps;

/// <summary>How a quota is rounded from the rate times the eligible count.</summary>
public enum QuotaRounding : byte
{
    /// <summary>Up: at least the required share is followed up. Default. Decisions are never revoked.</summary>
    Ceiling = 0,

    /// <summary>Down. Closing the month may revoke the latest selections (one, or more when mandatory items arrived late).</summary>
    Floor = 1,

    /// <summary>To the nearest, halves up. Closing the month may revoke the latest selections (one, or more when mandatory items arrived late).</summary>
    Nearest = 2,
}

/// <summary>What a follow-up window counts from.</summary>
public enum WindowAnchor : byte
{
    /// <summary>The completion of the original work.</summary>
    Completion = 0,

    /// <summary>The middle of the contract term (special/contracted services, F1).</summary>
    ContractMiddle = 1,

    /// <summary>The end of the contract term.</summary>
    ContractEnd = 2,

    /// <summary>The calendar quarter containing the completion (every household once per quarter, F1).</summary>
    Quarter = 3,
}

/// <summary>What a follow-up window's offsets count.</summary>
public enum WindowUnit : byte
{
    /// <summary>Calendar periods in the zone: days, weeks, months ("P3D", "P1M").</summary>
    Calendar = 0,

    /// <summary>Working days of the policy's calendar; the window closes at the end of the last one.</summary>
    WorkingDays = 1,

    /// <summary>Business time of the policy's calendar ("PT8H").</summary>
    BusinessTime = 2,
}

/// <summary>A follow-up window rule: from <c>From</c> to <c>To</c> after its anchor (F1).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WindowRule
{
    internal WindowRule() { }

    /// <summary>The window's name, for example "within 3 days".</summary>
    public required string Name { get; init; }

    /// <summary>What it counts from.</summary>
    public WindowAnchor Anchor { get; init; }

    /// <summary>What its offsets count.</summary>
    public WindowUnit Unit { get; init; }

    /// <summary>Calendar offset to the opening.</summary>
    public Period FromPeriod { get; init; } = Period.Zero;

    /// <summary>Calendar offset to the closing.</summary>
    public Period ToPeriod { get; init; } = Period.Zero;

    /// <summary>Working days to the opening and to the closing.</summary>
    public int FromDays { get; init; }

    /// <summary>Working days to the closing.</summary>
    public int ToDays { get; init; }

    /// <summary>Business time to the opening.</summary>
    public Duration FromTime { get; init; }

    /// <summary>Business time to the closing.</summary>
    public Duration ToTime { get; init; }
}

/// <summary>The follow-up rule for one kind of item: its rate (F2) and windows (F1).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Kind">The kind.</param>
/// <param name="RatePercent">The share of the month's eligible items to follow up, 0-100.</param>
/// <param name="Windows">When follow-ups must happen.</param>
public sealed record KindRule(string Kind, decimal RatePercent, ImmutableArray<WindowRule> Windows);

/// <summary>
/// A company's follow-up rules (F1-F8, S1-S2) as configuration: windows and rates per kind, mandatory
/// and exempt items, exact-quota sampling, evidence per method, re-visits and the monthly report.
/// </summary>
/// <remarks>
/// <para><b>Sampling</b> (per month and kind, items in arrival order: completion instant, then id; an
/// item recorded late with an earlier completion instant takes its place in that order and can change
/// the later decisions, so record items in completion order where decisions must be final).
/// Exempt items (anonymous, written reply only) and repeats of a matter already in the month (same
/// issue key) are not eligible. Mandatory items (configured severities, unsatisfied customers, key
/// households) are always selected and count toward the quota. Other items are decided as they
/// arrive by systematic sampling with a random start: with rate r and a start u in [0, 1) derived from
/// a stable hash of (seed, month, kind), item k is selected when fewer than floor(r·k + u) items are
/// selected so far. Without mandatory items every item's chance is r whatever its position (mandatory
/// items use up part of the quota, so ordinary items after them are chosen less often); decisions are
/// final. Closing
/// the month brings the count to the quota (ceiling of r·N by default, never below the mandatory
/// items): it adds the unselected items with the lowest hash of (seed, item id) while some are missing.
/// Under ceiling rounding nothing is ever revoked, so when mandatory items arrive after ordinary
/// selections the month can end above the quota (by at most those earlier selections); floor and
/// nearest rounding revoke the latest ordinary selections instead. A mandatory item is never merged
/// away as a repeat. Hashes are XxHash3 of UTF-8 text, the same in every process and on every machine.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class FollowUpPolicy
{
    private const decimal TwoToThe53 = 9007199254740992m;

    private readonly FrozenDictionary<string, KindRule> _kinds;

    internal FollowUpPolicy(
        string seed, QuotaRounding rounding, ImmutableArray<KindRule> kinds, FrozenSet<string> mandatorySeverities, bool unsatisfiedMandatory,
        bool keyHouseholdsMandatory, bool exemptAnonymous, bool exemptWrittenReplyOnly, ImmutableDictionary<string, ImmutableArray<string>> methods,
        int phoneAllowedFromVisit, FrozenSet<string> inPersonSeverities, int sameMatterThreshold, int sameRepairThreshold, FrozenSet<string> repairKinds,
        FrozenSet<string> complaintKinds, int summaryDay, int recordsDay, WorkingCalendar? calendar, DateTimeZone zone)
    {
        Seed = seed;
        Rounding = rounding;
        Kinds = kinds;
        _kinds = kinds.ToFrozenDictionary(k => k.Kind, StringComparer.Ordinal);
        MandatorySeverities = mandatorySeverities;
        UnsatisfiedMandatory = unsatisfiedMandatory;
        KeyHouseholdsMandatory = keyHouseholdsMandatory;
        ExemptAnonymous = exemptAnonymous;
        ExemptWrittenReplyOnly = exemptWrittenReplyOnly;
        Methods = methods;
        PhoneAllowedFromVisit = phoneAllowedFromVisit;
        InPersonSeverities = inPersonSeverities;
        SameMatterThreshold = sameMatterThreshold;
        SameRepairThreshold = sameRepairThreshold;
        RepairKinds = repairKinds;
        ComplaintKinds = complaintKinds;
        SummaryDay = summaryDay;
        RecordsDay = recordsDay;
        Calendar = calendar;
        Zone = zone;
    }

    /// <summary>The sampling seed: change it to draw a different (equally fair) sample.</summary>
    public string Seed { get; }

    /// <summary>How quotas are rounded.</summary>
    public QuotaRounding Rounding { get; }

    /// <summary>Rates and windows per kind.</summary>
    public ImmutableArray<KindRule> Kinds { get; }

    /// <summary>Severities that must always be followed up.</summary>
    public FrozenSet<string> MandatorySeverities { get; }

    /// <summary>Whether unsatisfied customers must always be followed up.</summary>
    public bool UnsatisfiedMandatory { get; }

    /// <summary>Whether key households must always be followed up (F8).</summary>
    public bool KeyHouseholdsMandatory { get; }

    /// <summary>Whether anonymous complaints are exempt (F3).</summary>
    public bool ExemptAnonymous { get; }

    /// <summary>Whether written-reply-only cases are exempt (F3).</summary>
    public bool ExemptWrittenReplyOnly { get; }

    /// <summary>Methods and the evidence each requires (F4).</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Methods { get; }

    /// <summary>The first visit number that may be by phone (F5).</summary>
    public int PhoneAllowedFromVisit { get; }

    /// <summary>Severities whose re-visits must never be by phone (F5).</summary>
    public FrozenSet<string> InPersonSeverities { get; }

    /// <summary>Complaints about one matter in a month from which it is flagged (S2: 2).</summary>
    public int SameMatterThreshold { get; }

    /// <summary>Repairs of one matter in a month from which it is flagged (S2: 3).</summary>
    public int SameRepairThreshold { get; }

    /// <summary>Kinds counted as repairs for S2.</summary>
    public FrozenSet<string> RepairKinds { get; }

    /// <summary>Kinds counted as complaints for S2.</summary>
    public FrozenSet<string> ComplaintKinds { get; }

    /// <summary>Day of the month the summary is due (S1: 24).</summary>
    public int SummaryDay { get; }

    /// <summary>Day of the month the records are due (S1: 25).</summary>
    public int RecordsDay { get; }

    /// <summary>The calendar of working-day and business-time windows, or <c>null</c>.</summary>
    public WorkingCalendar? Calendar { get; }

    /// <summary>The zone of months, quarters and calendar windows.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The rate for a kind, or <c>null</c> when the policy does not follow that kind up.</summary>
    /// <param name="kind">The kind.</param>
    public KindRule? RuleFor(string kind) => _kinds.TryGetValue(kind, out var rule) ? rule : null;

    /// <summary>The quota for <paramref name="eligible"/> items at <paramref name="ratePercent"/>, rounded by <see cref="Rounding"/>.</summary>
    /// <param name="eligible">Eligible items.</param>
    /// <param name="ratePercent">The rate in percent.</param>
    public int Quota(int eligible, decimal ratePercent)
    {
        decimal exact = eligible * ratePercent / 100m;
        return (int)(Rounding switch
        {
            QuotaRounding.Floor => decimal.Floor(exact),
            QuotaRounding.Nearest => decimal.Floor(exact + 0.5m),
            _ => decimal.Ceiling(exact),
        });
    }

    /// <summary>The follow-up windows of an item (F1).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The windows, or an error naming the kind or the missing contract dates or calendar answer.</returns>
    public Result<ImmutableArray<FollowUpWindow>> Windows(FollowUpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (RuleFor(item.Kind) is not { } rule)
        {
            return Result<ImmutableArray<FollowUpWindow>>.Error($"Item '{item.Id}': the policy has no follow-up rule for kind '{item.Kind}'.");
        }

        var windows = ImmutableArray.CreateBuilder<FollowUpWindow>();
        foreach (var window in rule.Windows)
        {
            Instant? anchor = window.Anchor switch
            {
                WindowAnchor.ContractMiddle => item is { ContractStart: { } s, ContractEnd: { } e } ? s + ((e - s) / 2) : null,
                WindowAnchor.ContractEnd => item.ContractEnd,
                _ => item.CompletedAt,
            };
            if (anchor is null)
            {
                return Result<ImmutableArray<FollowUpWindow>>.Error($"Item '{item.Id}': window '{window.Name}' counts from the contract term, but the item has no contract start and end.");
            }

            var computed = Window(window, anchor.Value);
            if (!computed.IsSuccess)
            {
                return Result<ImmutableArray<FollowUpWindow>>.Error($"Item '{item.Id}': window '{window.Name}': {computed.Errors.First()}");
            }

            windows.Add(computed.Value);
        }

        return Result<ImmutableArray<FollowUpWindow>>.Success(windows.ToImmutable());
    }

    private Result<FollowUpWindow> Window(WindowRule rule, Instant anchor)
    {
        switch (rule.Anchor == WindowAnchor.Quarter ? (WindowUnit)255 : rule.Unit)
        {
            case WindowUnit.Calendar:
            {
                var local = anchor.InZone(Zone).LocalDateTime;
                return Result<FollowUpWindow>.Success(new FollowUpWindow(rule.Name,
                    ZoneMath.AtLeniently(Zone, local + rule.FromPeriod), ZoneMath.AtLeniently(Zone, local + rule.ToPeriod)));
            }

            case WindowUnit.WorkingDays:
            {
                var opens = rule.FromDays == 0 ? Calendar!.Add(anchor, Duration.Zero) : Calendar!.AddWorkingDays(anchor, rule.FromDays);
                var closes = Calendar.EndOfWorkingDay(anchor, rule.ToDays);
                return opens.IsSuccess && closes.IsSuccess
                    ? Result<FollowUpWindow>.Success(new FollowUpWindow(rule.Name, opens.Value, closes.Value))
                    : Result<FollowUpWindow>.Error(opens.IsSuccess ? closes.Message : opens.Message);
            }

            case WindowUnit.BusinessTime:
            {
                var opens = Calendar!.Add(anchor, rule.FromTime);
                var closes = Calendar.Add(anchor, rule.ToTime);
                return opens.IsSuccess && closes.IsSuccess
                    ? Result<FollowUpWindow>.Success(new FollowUpWindow(rule.Name, opens.Value, closes.Value))
                    : Result<FollowUpWindow>.Error(opens.IsSuccess ? closes.Message : opens.Message);
            }

            default:
            {
                var date = anchor.InZone(Zone).Date;
                var first = new LocalDate(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1);
                return Result<FollowUpWindow>.Success(new FollowUpWindow(rule.Name,
                    Zone.AtStartOfDay(first).ToInstant(), Zone.AtStartOfDay(first.PlusMonths(3)).ToInstant()));
            }
        }
    }

    /// <summary>
    /// Samples one month of one kind (see the class remarks for the method). Call it as items arrive with
    /// the month's items so far and <paramref name="close"/> false: earlier decisions never change; call it
    /// once more with <paramref name="close"/> true when the month is over to meet the quota exactly.
    /// </summary>
    /// <param name="month">The month, in <see cref="Zone"/>.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="items">Items of any months and kinds, in any order; only this month's items of this kind are used.</param>
    /// <param name="close">Whether the month is over.</param>
    /// <returns>The sample, or an error when the policy has no rate for the kind.</returns>
    public Result<MonthSample> Sample(YearMonth month, string kind, IEnumerable<FollowUpItem> items, bool close)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (RuleFor(kind) is not { } rule)
        {
            return Result<MonthSample>.Error($"The policy has no follow-up rate for kind '{kind}'.");
        }

        var arrivals = items
            .Where(i => string.Equals(i.Kind, kind, StringComparison.Ordinal) && MonthOf(i.CompletedAt) == month)
            .OrderBy(i => i.CompletedAt).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        decimal rate = rule.RatePercent / 100m;
        decimal start = Unit(Hash($"{Seed}\u0000{month.ToString("uuuu-MM", CultureInfo.InvariantCulture)}\u0000{kind}"));
        var decisions = new SampledItem[arrivals.Count];
        var issues = new HashSet<string>(StringComparer.Ordinal);
        int eligible = 0;
        int followed = 0;
        int mandatory = 0;
        for (int k = 0; k < arrivals.Count; k++)
        {
            var item = arrivals[k];
            if ((ExemptAnonymous && item.Anonymous) || (ExemptWrittenReplyOnly && item.WrittenReplyOnly))
            {
                decisions[k] = new SampledItem(item.Id, SampleDecision.Exempt, item.Anonymous ? "anonymous complaint (F3)" : "written reply only (F3)");
                continue;
            }

            // A repeat of a matter counts once (F3), but a mandatory item is never merged away.
            bool repeat = item.IssueKey is { } key && !issues.Add(key);
            if (MandatoryReason(item) is { } reason)
            {
                eligible += repeat ? 0 : 1;
                mandatory++;
                followed++;
                decisions[k] = new SampledItem(item.Id, SampleDecision.Mandatory, repeat ? $"{reason}; repeats matter '{item.IssueKey}' but is followed up regardless" : reason);
                continue;
            }

            if (repeat)
            {
                decisions[k] = new SampledItem(item.Id, SampleDecision.Merged, $"repeats matter '{item.IssueKey}' already in the month (F3)");
                continue;
            }

            eligible++;

            int target = (int)decimal.Floor((rate * eligible) + start);
            if (followed < target)
            {
                followed++;
                decisions[k] = new SampledItem(item.Id, SampleDecision.Selected, Invariant($"systematic: {followed} of floor({rule.RatePercent:0.##}% x {eligible} + {start:0.####}) = {target}"));
            }
            else
            {
                decisions[k] = new SampledItem(item.Id, SampleDecision.NotSelected, Invariant($"systematic: {followed} already of floor({rule.RatePercent:0.##}% x {eligible} + {start:0.####}) = {target}"));
            }
        }

        int quota = Math.Max(Quota(eligible, rule.RatePercent), mandatory);
        var selectedOrder = new List<int>();
        for (int k = 0; k < decisions.Length; k++)
        {
            if (decisions[k].Decision == SampleDecision.Selected)
            {
                selectedOrder.Add(k);
            }
        }

        if (close)
        {
            // Top up by lowest stable hash; only floor/nearest rounding can need a revocation.
            while (followed < quota)
            {
                int pick = -1;
                ulong best = ulong.MaxValue;
                for (int k = 0; k < decisions.Length; k++)
                {
                    if (decisions[k].Decision == SampleDecision.NotSelected)
                    {
                        ulong h = Hash($"{Seed}\u0000{arrivals[k].Id}");
                        if (pick < 0 || h < best)
                        {
                            (pick, best) = (k, h);
                        }
                    }
                }

                if (pick < 0)
                {
                    break;
                }

                decisions[pick] = new SampledItem(arrivals[pick].Id, SampleDecision.Selected, Invariant($"month close: quota {quota} of {eligible}; lowest hash among the unselected"));
                followed++;
            }

            // Ceiling rounding never revokes: the month can end above the quota only when mandatory
            // items arrived after ordinary selections. Floor and nearest revoke the latest selections.
            for (int r = selectedOrder.Count - 1; Rounding != QuotaRounding.Ceiling && followed > quota && r >= 0; r--)
            {
                int revoked = selectedOrder[r];
                decisions[revoked] = new SampledItem(arrivals[revoked].Id, SampleDecision.NotSelected, Invariant($"month close: quota {quota} of {eligible} ({Rounding}); selection revoked"));
                followed--;
            }
        }

        return Result<MonthSample>.Success(new MonthSample
        {
            Month = month,
            Kind = kind,
            RatePercent = rule.RatePercent,
            Eligible = eligible,
            Quota = quota,
            FollowedUp = followed,
            Closed = close,
            Items = [.. decisions],
        });
    }

    /// <summary>Checks a follow-up record's method and evidence (F4): a home visit needs the customer's signature, a phone follow-up its mark.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The record, or an invalid result naming what is missing.</returns>
    public Result<FollowUpRecord> Validate(FollowUpRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Methods.TryGetValue(record.Method, out var required))
        {
            return Result<FollowUpRecord>.Invalid(new ValidationError("method",
                $"Follow-up record for '{record.ItemId}': unknown method '{record.Method}'; known: {string.Join(", ", Methods.Keys.Order(StringComparer.Ordinal))}."));
        }

        var missing = required.Where(e => !record.Evidence.Contains(e)).ToArray();
        if (missing.Length > 0)
        {
            return Result<FollowUpRecord>.Invalid(new ValidationError("evidence",
                $"Follow-up record for '{record.ItemId}': a {record.Method} follow-up needs evidence '{string.Join("', '", missing)}' (F4); it has: {(record.Evidence.IsEmpty ? "none" : string.Join(", ", record.Evidence))}."));
        }

        return record.Visit < 1
            ? Result<FollowUpRecord>.Invalid(new ValidationError("visit", Invariant($"Follow-up record for '{record.ItemId}': visit must be 1 or more, was {record.Visit}.")))
            : Result<FollowUpRecord>.Success(record);
    }

    /// <summary>
    /// What a follow-up leads to (F5, F6): an unsatisfied customer gets a new complaint (to run through the
    /// SLA policy's complaint targets) and a re-visit, which may be by phone from
    /// <see cref="PhoneAllowedFromVisit"/> on, unless the item's severity is one of <see cref="InPersonSeverities"/>.
    /// </summary>
    /// <param name="item">The item followed up.</param>
    /// <param name="record">The follow-up.</param>
    public FollowUpOutcome Assess(FollowUpItem item, FollowUpRecord record)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Satisfied)
        {
            return new FollowUpOutcome(true, null, null, []);
        }

        int next = record.Visit + 1;
        bool phone = next >= PhoneAllowedFromVisit && !InPersonSeverities.Contains(item.Severity);
        var methods = Methods.Keys.Where(m => phone || !string.Equals(m, "phone", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToImmutableArray();
        var complaint = new Ticket(Invariant($"{item.Id}/follow-up-{record.Visit}"), "complaint", item.Severity, [new TicketEvent("received", record.At)]);
        return new FollowUpOutcome(false, complaint, next, methods);
    }

    /// <summary>The monthly report (S1, S2): repeated matters and repairs, unsatisfactory follow-ups, achieved vs required rate per kind, due dates.</summary>
    /// <param name="month">The month.</param>
    /// <param name="items">Items of any months.</param>
    /// <param name="records">Follow-up records of any months.</param>
    public MonthlyFollowUpReport Report(YearMonth month, IEnumerable<FollowUpItem> items, IEnumerable<FollowUpRecord> records)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(records);
        var monthItems = items.Where(i => MonthOf(i.CompletedAt) == month).ToList();
        var monthRecords = records.ToList();
        var flags = ImmutableArray.CreateBuilder<QualityFlag>();
        void Repeats(string flag, FrozenSet<string> kinds, int threshold)
        {
            foreach (var group in monthItems.Where(i => kinds.Contains(i.Kind) && i.IssueKey is not null).GroupBy(i => i.IssueKey!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int count = group.Count();
                if (count >= threshold)
                {
                    flags.Add(new QualityFlag(flag, group.Key, count, [.. group.Select(i => i.Id).Order(StringComparer.Ordinal)]));
                }
            }
        }

        Repeats("same-matter", ComplaintKinds, SameMatterThreshold);
        Repeats("same-repair", RepairKinds, SameRepairThreshold);
        foreach (var record in monthRecords.Where(r => !r.Satisfied && MonthOf(r.At) == month).OrderBy(r => r.At).ThenBy(r => r.ItemId, StringComparer.Ordinal))
        {
            flags.Add(new QualityFlag("unsatisfied-follow-up", record.ItemId, 1, [record.ItemId]));
        }

        var followedIds = monthRecords.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
        var rates = ImmutableArray.CreateBuilder<KindRate>();
        foreach (var rule in Kinds)
        {
            var sample = Sample(month, rule.Kind, monthItems, close: false).Value;
            var eligibleIds = sample.Items.Where(s => s.Decision is not SampleDecision.Exempt and not SampleDecision.Merged).Select(s => s.ItemId).ToList();
            int done = eligibleIds.Count(followedIds.Contains);
            decimal achieved = eligibleIds.Count == 0 ? 100m : decimal.Round(100m * done / eligibleIds.Count, 2);
            rates.Add(new KindRate(rule.Kind, eligibleIds.Count, done, achieved, rule.RatePercent));
        }

        var first = month.OnDayOfMonth(1);
        return new MonthlyFollowUpReport
        {
            Month = month,
            Flags = flags.ToImmutable(),
            Rates = rates.ToImmutable(),
            SummaryDue = first.PlusDays(Math.Min(SummaryDay, first.Calendar.GetDaysInMonth(month.Year, month.Month)) - 1),
            RecordsDue = first.PlusDays(Math.Min(RecordsDay, first.Calendar.GetDaysInMonth(month.Year, month.Month)) - 1),
        };
    }

    /// <summary>The stable 64-bit hash the sampler uses (XxHash3 of the UTF-8 text): the same in every process.</summary>
    /// <param name="text">The text.</param>
    public static ulong Hash(string text) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text));

    private string? MandatoryReason(FollowUpItem item) =>
        MandatorySeverities.Contains(item.Severity) ? $"severity '{item.Severity}' is always followed up"
        : UnsatisfiedMandatory && item.Unsatisfied ? "unsatisfied customer"
        : KeyHouseholdsMandatory && item.KeyHousehold ? "key household (F8)"
        : null;

    private YearMonth MonthOf(Instant instant)
    {
        var date = instant.InZone(Zone).Date;
        return new YearMonth(date.Year, date.Month);
    }

    private static decimal Unit(ulong hash) => (hash >> 11) / TwoToThe53;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
