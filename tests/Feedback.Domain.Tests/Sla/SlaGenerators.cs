using System.Collections.Immutable;
using System.Globalization;
using Feedback.Policies;
using Feedback.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Tests.Sla;

/// <summary>A pause of a generated history: paused at <see cref="From"/>, resumed at <see cref="To"/> (or never).</summary>
/// <param name="From">When the ticket was paused.</param>
/// <param name="To">When it was resumed, or <c>null</c> when it was not.</param>
internal sealed record PauseSpan(Instant From, Instant? To)
{
    /// <summary>The paused/resumed events.</summary>
    public IEnumerable<TicketEvent> Events =>
        To is { } to ? [new TicketEvent("paused", From), new TicketEvent("resumed", to)] : [new TicketEvent("paused", From)];

    /// <inheritdoc/>
    public override string ToString() => $"pause {SlaGenerators.Local(From)}-{(To is { } to ? SlaGenerators.Local(to) : "open")}";
}

/// <summary>
/// A generated ticket history evaluated at an instant, under one of <see cref="SlaGenerators.Policies"/>.
/// </summary>
/// <param name="PolicyIndex">Index into <see cref="SlaGenerators.Policies"/>.</param>
/// <param name="Start">The <c>received</c> event (the targets' start), or <c>null</c> when the ticket never started.</param>
/// <param name="Stop">The <c>resolved</c> event, or <c>null</c>.</param>
/// <param name="Cancel">The <c>canceled</c> event, or <c>null</c>.</param>
/// <param name="Pauses">Disjoint pauses after the start, in order; only the last may be open.</param>
/// <param name="Others">Further events (resets, reopens, unknown names), possibly empty.</param>
/// <param name="At">The evaluation instant.</param>
internal sealed record SlaCase(int PolicyIndex, Instant? Start, Instant? Stop, Instant? Cancel, ImmutableArray<PauseSpan> Pauses, ImmutableArray<TicketEvent> Others, Instant At)
{
    public SlaPolicy Policy => SlaGenerators.Policies[PolicyIndex].Policy;

    public Duration Budget => SlaGenerators.Policies[PolicyIndex].Budget;

    /// <summary>Every event except the pauses.</summary>
    public IEnumerable<TicketEvent> BaseEvents
    {
        get
        {
            if (Start is { } start)
            {
                yield return new TicketEvent("received", start);
            }

            if (Stop is { } stop)
            {
                yield return new TicketEvent("resolved", stop);
            }

            if (Cancel is { } cancel)
            {
                yield return new TicketEvent("canceled", cancel);
            }

            foreach (var other in Others)
            {
                yield return other;
            }
        }
    }

    /// <summary>The ticket with every event, pauses included.</summary>
    public Ticket Ticket => SlaGenerators.NewTicket(BaseEvents.Concat(Pauses.SelectMany(p => p.Events)));

    /// <summary>The ticket with the first <paramref name="count"/> pauses only.</summary>
    public Ticket WithPauses(int count) => SlaGenerators.NewTicket(BaseEvents.Concat(Pauses.Take(count).SelectMany(p => p.Events)));

    /// <summary>Where the running interval [start, end) ends: the stop when it has happened by <see cref="At"/>, otherwise <see cref="At"/>.</summary>
    public Instant RunEnd => Stop is { } stop && stop <= At ? stop : At;

    /// <inheritdoc/>
    public override string ToString() =>
        $"policy {SlaGenerators.Policies[PolicyIndex].Name}; received {Opt(Start)}; resolved {Opt(Stop)}; canceled {Opt(Cancel)}; "
        + $"[{string.Join(", ", Pauses)}]; others [{string.Join(", ", Others.Select(e => $"{e.Name} {SlaGenerators.Local(e.At)}"))}]; at {SlaGenerators.Local(At)}";

    private static string Opt(Instant? instant) => instant is { } i ? SlaGenerators.Local(i) : "-";
}

/// <summary>A history for the T11 earliest-of property (preset D): signed off, two optional anchor fields, an instant.</summary>
internal sealed record EarliestOfCase(Instant SignedOff, Instant? Required, Instant? Agreed, ImmutableArray<PauseSpan> Pauses, Instant At)
{
    public Ticket Ticket
    {
        get
        {
            var fields = new Dictionary<string, Instant>(StringComparer.Ordinal);
            if (Required is { } required)
            {
                fields["required-completion"] = required;
            }

            if (Agreed is { } agreed)
            {
                fields["agreed-completion"] = agreed;
            }

            return new Ticket("t11", "complaint", "general",
                Pauses.SelectMany(p => p.Events).Prepend(new TicketEvent("order-signed-off", SignedOff)), fields: fields);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"signed off {SlaGenerators.Local(SignedOff)}; required {(Required is { } r ? SlaGenerators.Local(r) : "-")}; agreed {(Agreed is { } a ? SlaGenerators.Local(a) : "-")}; "
        + $"[{string.Join(", ", Pauses)}]; at {SlaGenerators.Local(At)}";
}

/// <summary>
/// Bounded generators for the SLA properties, over a fixed set of small policies compiled once: each
/// has a wall-clock target and a business-hours target on a W1-like calendar (Mon-Fri 08:30-11:30 and
/// 13:30-16:30, CN holidays, horizon 2025-2028), with the same budget and landing. Instants are whole
/// minutes in 2026 (Asia/Shanghai), with extra weight on the calendar's opening and closing edges.
/// </summary>
internal static class SlaGenerators
{
    /// <summary>Index of the wall-clock target in every property policy.</summary>
    public const int Wall = 0;

    /// <summary>Index of the business-hours target in every property policy.</summary>
    public const int Business = 1;

    /// <summary>Index of the business-hours target that reports its worst cycle and restarts on reopen.</summary>
    public const int BusinessWorst = 2;

    private static readonly DateTimeZone _shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant _origin = new LocalDateTime(2026, 1, 1, 0, 0).InZoneStrictly(_shanghai).ToInstant();
    private static readonly LocalDateTimePattern _localPattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu-MM-dd HH:mm");

    /// <summary>The property policies: every budget with both landings.</summary>
    public static ImmutableArray<(string Name, SlaPolicy Policy, Duration Budget)> Policies { get; } =
    [
        .. from within in new[] { "PT0S", "PT30M", "PT2H", "PT4H", "PT9H", "P2D" }
           from landing in new[] { "atEdge", "acrossGap" }
           select ($"{within}/{landing}", Load(within, landing), PeriodPattern.NormalizingIso.Parse(within).Value.ToDuration()),
    ];

    /// <summary>The index of a property policy.</summary>
    public static Gen<int> PolicyIndex { get; } = Gen.Choose(0, Policies.Length - 1);

    /// <summary>A start instant in 2026: a random minute, or (one time in three) an opening or closing edge of W1.</summary>
    public static Gen<Instant> StartInstant { get; } =
        from day in Gen.Choose(0, 355)
        from minute in Gen.Frequency((2, Gen.Choose(0, (24 * 60) - 1)), (1, Gen.Elements(510, 690, 810, 990, 0)))
        select _origin + Duration.FromDays(day) + Duration.FromMinutes(minute);

    /// <summary>A non-negative offset in minutes: mostly short, sometimes days, now and then weeks.</summary>
    public static Gen<int> Minutes { get; } =
        Gen.Frequency((4, Gen.Choose(0, 600)), (3, Gen.Choose(0, 6000)), (1, Gen.Choose(0, 30000)));

    /// <summary>A gap before, or the length of, a pause: mostly up to four hours, sometimes days.</summary>
    public static Gen<int> PauseMinutes { get; } = Gen.Frequency((3, Gen.Choose(1, 240)), (1, Gen.Choose(1, 3000)));

    /// <summary>A list of 0-3 disjoint pauses starting at least a minute after <paramref name="start"/>, the last one possibly open.</summary>
    public static Gen<ImmutableArray<PauseSpan>> PausesAfter(Instant start) =>
        from count in Gen.Choose(0, 3)
        from spans in Gen.ListOf(Gen.Zip(PauseMinutes, PauseMinutes, (gap, length) => (Gap: gap, Length: length)), count)
        from lastOpen in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Chain(start, spans, lastOpen);

    /// <summary>Histories of received / resolved / canceled / pauses, no resets or reopens.</summary>
    public static Gen<SlaCase> SimpleCase { get; } =
        from policy in PolicyIndex
        from start in StartInstant
        from started in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from stop in Optional(Minutes, 2)
        from cancel in Optional(Minutes, 12)
        from pauses in PausesAfter(start)
        from at in Gen.Frequency((1, Gen.Choose(-600, 0)), (6, Minutes))
        select new SlaCase(policy, started ? start : null, Plus(start, stop), Plus(start, cancel), pauses, [], start + Duration.FromMinutes(at));

    /// <summary>Like <see cref="SimpleCase"/> with resets, reopens and unknown event names mixed in.</summary>
    public static Gen<SlaCase> AnyCase { get; } =
        from simple in SimpleCase
        from count in Gen.Choose(0, 4)
        from others in Gen.ListOf(Gen.Zip(Gen.Elements("reset", "reopened", "received", "resolved", "closed", "not-an-event"), Gen.Choose(-600, 20000), (name, minutes) => (Name: name, Minutes: minutes)), count)
        let anchor = simple.Start ?? simple.At
        select simple with { Others = [.. others.Select(o => new TicketEvent(o.Name, anchor + Duration.FromMinutes(o.Minutes)))] };

    /// <summary>Started tickets that are never stopped, canceled or paused.</summary>
    public static Gen<SlaCase> UnpausedCase { get; } =
        from policy in PolicyIndex
        from start in StartInstant
        from stop in Optional(Minutes, 3)
        from at in Minutes
        select new SlaCase(policy, start, Plus(start, stop), null, [], [], start + Duration.FromMinutes(at));

    /// <summary>The T11 cases: two anchors around the sign-off (sometimes equal, sometimes one missing), evaluated after the sign-off.</summary>
    public static Gen<EarliestOfCase> EarliestOfCases { get; } =
        from signedOff in StartInstant
        from required in Gen.Choose(-2 * 1440, 60 * 1440)
        from agreed in Gen.Frequency((4, Gen.Choose(-2 * 1440, 60 * 1440)), (1, Gen.Constant(required)))
        from which in Gen.Frequency((6, Gen.Constant(3)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from pauses in PausesAfter(signedOff)
        from at in Gen.Choose(0, 70 * 1440)
        select new EarliestOfCase(
            signedOff,
            (which & 1) != 0 ? signedOff + Duration.FromMinutes(required) : null,
            (which & 2) != 0 ? signedOff + Duration.FromMinutes(agreed) : null,
            pauses,
            signedOff + Duration.FromMinutes(at));

    /// <summary>A ticket of kind complaint, severity general, with <paramref name="events"/>.</summary>
    public static Ticket NewTicket(IEnumerable<TicketEvent> events) => new("case", "complaint", "general", events);

    /// <summary>Shanghai local time of an instant, for readable counterexamples.</summary>
    public static string Local(Instant instant) => _localPattern.Format(instant.InZone(_shanghai).LocalDateTime);

    private static Gen<int?> Optional(Gen<int> gen, int absentWeight) =>
        Gen.Frequency((absentWeight, Gen.Constant<int?>(null)), (3, gen.Select(x => (int?)x)));

    private static Instant? Plus(Instant start, int? minutes) => minutes is int m ? start + Duration.FromMinutes(m) : null;

    private static ImmutableArray<PauseSpan> Chain(Instant start, IEnumerable<(int Gap, int Length)> spans, bool lastOpen)
    {
        var list = new List<PauseSpan>();
        var cursor = start;
        foreach (var (gap, length) in spans)
        {
            var from = cursor + Duration.FromMinutes(gap);
            cursor = from + Duration.FromMinutes(length);
            list.Add(new PauseSpan(from, cursor));
        }

        if (lastOpen && list.Count > 0)
        {
            list[^1] = list[^1] with { To = null };
        }

        return [.. list];
    }

    private static SlaPolicy Load(string within, string landing)
    {
        string json = $$"""
            {
              "id": "properties-{{within}}-{{landing}}",
              "zone": "Asia/Shanghai",
              "reopenEvent": "reopened",
              "calendars": {
                "w1": {
                  "week": { "Weekdays": ["08:30-11:30", "13:30-16:30"] },
                  "holidays": "CN",
                  "horizon": { "start": "2025-01-01", "end": "2028-01-01" }
                }
              },
              "targets": [
                { "id": "wall", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed", "cancel": "canceled", "reset": "reset",
                  "within": "{{within}}", "landing": "{{landing}}" },
                { "id": "business", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed", "cancel": "canceled", "reset": "reset",
                  "clock": "w1", "within": "{{within}}", "landing": "{{landing}}" },
                { "id": "business-worst", "start": "received", "stop": "resolved", "pause": "paused", "resume": "resumed", "cancel": "canceled", "reset": "reset",
                  "clock": "w1", "within": "{{within}}", "landing": "{{landing}}", "cycle": "worst", "restartOnReopen": true }
              ]
            }
            """;
        var loaded = PolicyDocument.Load(json);
        return loaded.IsSuccess
            ? loaded.Value
            : throw new InvalidOperationException(string.Join("; ", loaded.ValidationErrors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Identifier}: {e.ErrorMessage}"))));
    }
}
