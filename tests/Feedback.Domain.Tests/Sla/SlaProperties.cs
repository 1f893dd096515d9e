using System.Collections.Immutable;
using Feedback.Policies;
using Feedback.Sla;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Feedback.Tests.Sla.SlaGenerators;

namespace Feedback.Tests.Sla;

/// <summary>
/// Properties of SLA evaluation (SlaPolicy remarks: a pure function of the ticket and the instant;
/// pauses on the target's own clock). Every property runs 1000 generated cases over the fixed
/// policies of <see cref="SlaGenerators"/>: a wall-clock and a business-hours target (W1-like
/// calendar) with budgets from zero to two days and both gap landings.
/// </summary>
public class SlaProperties
{
    private static readonly int[] _budgetTargets = [Wall, Business];

    /// <summary>
    /// The order a target's state may move in as the evaluation instant grows, for one history without
    /// resets or reopens: NotStarted may become anything; Running and Paused anything but NotStarted;
    /// Breached only MetLate (stopped late) or Canceled; Met, MetLate and Canceled are final.
    /// </summary>
    private static readonly Dictionary<TargetState, TargetState[]> _allowedNext = new()
    {
        [TargetState.NotApplicable] = [TargetState.NotApplicable],
        [TargetState.NotStarted] = [TargetState.NotStarted, TargetState.Running, TargetState.Paused, TargetState.Breached, TargetState.Met, TargetState.MetLate, TargetState.Canceled],
        [TargetState.Running] = [TargetState.Running, TargetState.Paused, TargetState.Breached, TargetState.Met, TargetState.MetLate, TargetState.Canceled],
        [TargetState.Paused] = [TargetState.Running, TargetState.Paused, TargetState.Breached, TargetState.Met, TargetState.MetLate, TargetState.Canceled],
        [TargetState.Breached] = [TargetState.Breached, TargetState.MetLate, TargetState.Canceled],
        [TargetState.Met] = [TargetState.Met],
        [TargetState.MetLate] = [TargetState.MetLate],
        [TargetState.Canceled] = [TargetState.Canceled],
    };

    private static readonly string[] _eventNames = ["received", "resolved", "paused", "resumed", "canceled", "reset", "reopened", "closed"];

    /// <summary>(a) Adding pauses one after another (disjoint, in order, the last maybe still open) never moves a due instant earlier.</summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_AddingDisjointPausesOneByOne_NeverMovesTheDueEarlier() =>
        Prop.ForAll(Arb.From(SimpleCase), c =>
        {
            var previous = c.Policy.Evaluate(c.WithPauses(0), c.At);
            for (int k = 1; k <= c.Pauses.Length; k++)
            {
                var next = c.Policy.Evaluate(c.WithPauses(k), c.At);
                foreach (int i in _budgetTargets)
                {
                    (next[i].Due is null).Should().Be(previous[i].Due is null, "pausing does not decide whether there is a due instant ({0}, {1} pause(s))", c, k);
                    if (previous[i].Due is { } before && next[i].Due is { } after)
                    {
                        after.Should().BeGreaterThanOrEqualTo(before, "target {0} with {1} pause(s) instead of {2} in {3}", next[i].Target.Id, k, k - 1, c);
                    }

                    next[i].Paused.Should().BeGreaterThanOrEqualTo(previous[i].Paused, "more pauses never pause less ({0})", c);
                }

                previous = next;
            }
        });

    /// <summary>
    /// (b) A pause entirely outside the running interval [start, end), where end is the stop or, before it,
    /// the evaluation instant (resumed at or before the start, or paused at or after the end), changes nothing.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_PauseEntirelyOutsideTheRunningInterval_ChangesNothing()
    {
        var cases =
            from c in SimpleCase.Where(c => c.Start is not null)
            from side in Gen.Choose(0, 2)
            from length in Gen.Choose(1, 3000)
            from gap in Gen.Choose(0, 3000)
            from open in Gen.Elements(false, true)
            let start = c.Start!.Value
            let pausedAt = side switch
            {
                0 => start - Duration.FromMinutes(length + gap),
                1 => (c.Stop ?? c.At) + Duration.FromMinutes(gap),
                _ => c.At + Duration.FromMinutes(gap),
            }
            select (Case: c, Extra: new PauseSpan(pausedAt, side == 0 ? start - Duration.FromMinutes(gap) : open ? null : pausedAt + Duration.FromMinutes(length)));
        return Prop.ForAll(Arb.From(cases), x =>
        {
            var (c, extra) = x;
            var ticket = extra.Events.Aggregate(c.Ticket, (t, e) => t.WithEvent(e.Name, e.At));
            c.Policy.Evaluate(ticket, c.At).Should().Equal(c.Policy.Evaluate(c.Ticket, c.At), "{0} lies outside the running interval of {1}", extra, c);
        });
    }

    /// <summary>(c) T11's earliest-of due instant (preset D) is no later than either anchor that is set and equals one of them; ties pick the first (the order's).</summary>
    [Property(MaxTest = 1000)]
    public Property T11_EarliestOfDue_IsNoLaterThanEitherAnchorAndEqualsOne() =>
        Prop.ForAll(Arb.From(EarliestOfCases), c =>
        {
            var t11 = PolicyPresets.AfterSalesComplaints.Evaluate(c.Ticket, c.At).Single(r => r.Target.Id == "T11-completion");
            Instant[] anchors = [.. new[] { c.Required, c.Agreed }.Where(a => a is not null).Select(a => a!.Value)];
            t11.Due.Should().NotBeNull("an anchor is set ({0})", c);
            var due = t11.Due!.Value;
            anchors.Should().OnlyContain(a => due <= a, "the due instant is the earliest ({0})", c).And.Contain(due);
            int expected = c.Required is { } required && (c.Agreed is not { } agreed || required <= agreed) ? 0 : 1;
            t11.ChosenCandidate.Should().Be(expected, "candidate 0 is the order's required time, 1 the agreed time ({0})", c);
        });

    /// <summary>(d) The evaluation at t does not change when events (of any name, resets and reopens included) are added after t.</summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_EventsAddedAfterTheInstant_ChangeNothing()
    {
        var cases =
            from c in AnyCase
            from count in Gen.Choose(1, 4)
            from later in Gen.ListOf(
                Gen.Zip(Gen.Elements(_eventNames), Gen.Frequency((1, Gen.Constant(0L)), (4, Gen.Choose(1, 20000).Select(m => (long)m * 60_000_000_000L))), (name, nanos) => (Name: name, Nanos: nanos + 1)),
                count)
            select (Case: c, Later: later.Select(l => new TicketEvent(l.Name, c.At + Duration.FromNanoseconds(l.Nanos))).ToImmutableArray());
        return Prop.ForAll(Arb.From(cases), x =>
        {
            var (c, later) = x;
            var ticket = later.Aggregate(c.Ticket, (t, e) => t.WithEvent(e.Name, e.At));
            c.Policy.Evaluate(ticket, c.At).Should().Equal(c.Policy.Evaluate(c.Ticket, c.At), "[{0}] all happen after the instant of {1}",
                string.Join(", ", later.Select(e => $"{e.Name} {e.At}")), c);
        });
    }

    /// <summary>
    /// (e) For one history without resets or reopens, states only move forward as the instant grows
    /// (see <see cref="_allowedNext"/>): once Met or MetLate the whole evaluation is frozen; once
    /// Breached never Running, Paused, NotStarted or Met again; once Canceled always Canceled.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_LaterInstants_OnlyMoveForwardInTheStateOrder()
    {
        var cases =
            from c in SimpleCase
            from offsets in Gen.ListOf(Gen.Choose(-600, 30000), 6)
            select (Case: c, Instants: offsets.Select(o => (c.Start ?? c.At) + Duration.FromMinutes(o)).Append(c.At).Distinct().Order().ToImmutableArray());
        return Prop.ForAll(Arb.From(cases), x =>
        {
            var (c, instants) = x;
            var ticket = c.Ticket;
            var previous = c.Policy.Evaluate(ticket, instants[0]);
            for (int k = 1; k < instants.Length; k++)
            {
                var next = c.Policy.Evaluate(ticket, instants[k]);
                for (int i = 0; i < next.Length; i++)
                {
                    next[i].State.Should().BeOneOf(_allowedNext[previous[i].State],
                        "target {0} was {1} at {2} and may not be {3} at {4} ({5})", next[i].Target.Id, previous[i].State, Local(instants[k - 1]), next[i].State, Local(instants[k]), c);
                    if (previous[i].State is TargetState.Met or TargetState.MetLate)
                    {
                        next[i].Should().Be(previous[i], "a stopped target's evaluation no longer depends on the instant ({0})", c);
                    }
                }

                previous = next;
            }
        });
    }

    /// <summary>(f) Without pauses, Elapsed + Remaining is exactly the budget on the target's own clock: running, breached (Remaining negative) or stopped.</summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_UnpausedBudgetTarget_ElapsedPlusRemainingEqualsTheBudget() =>
        Prop.ForAll(Arb.From(UnpausedCase), c =>
        {
            var results = c.Policy.Evaluate(c.Ticket, c.At);
            foreach (int i in _budgetTargets)
            {
                var r = results[i];
                r.State.Should().BeOneOf([TargetState.Running, TargetState.Breached, TargetState.Met, TargetState.MetLate], "the ticket started by {0}", c);
                r.Paused.Should().Be(Duration.Zero);
                (r.Elapsed + r.Remaining).Should().Be(c.Budget, "target {0} is {1}: elapsed {2} + remaining {3} ({4})", r.Target.Id, r.State, r.Elapsed, r.Remaining, c);
            }
        });

    /// <summary>(f, paused) While running or paused, pauses included, Elapsed + Remaining is still exactly the budget: the due moves by the paused clock time.</summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_RunningOrPausedBudgetTarget_ElapsedPlusRemainingEqualsTheBudget() =>
        Prop.ForAll(Arb.From(SimpleCase), c =>
        {
            var results = c.Policy.Evaluate(c.Ticket, c.At);
            foreach (int i in _budgetTargets)
            {
                var r = results[i];
                if (r.State is TargetState.Running or TargetState.Paused)
                {
                    (r.Elapsed + r.Remaining).Should().Be(c.Budget, "target {0} is {1}: elapsed {2} + remaining {3}, paused {4} ({5})", r.Target.Id, r.State, r.Elapsed, r.Remaining, r.Paused, c);
                }
            }
        });

    /// <summary>(g) Evaluating the same ticket at the same instant twice, or into a span, gives equal results and explanations.</summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_SameTicketAndInstant_IsDeterministic() =>
        Prop.ForAll(Arb.From(AnyCase), c =>
        {
            var ticket = c.Ticket;
            var first = c.Policy.Evaluate(ticket, c.At);
            var span = new TargetEvaluation[c.Policy.Targets.Length];
            c.Policy.Evaluate(ticket, c.At, span);
            c.Policy.Evaluate(ticket, c.At).Should().Equal(first, "evaluation is a pure function ({0})", c);
            span.Should().Equal(first, "the span overload computes the same ({0})", c);
            c.Policy.Explain(ticket, c.At).Should().Equal(c.Policy.Explain(ticket, c.At));
        });
    /// <summary>
    /// (h) Every measure equals its definition on the target's own clock W (wall time, or the calendar's
    /// <c>Between</c>), pauses included: Paused = Σ W(pause ∩ [start, end)), Elapsed = W(start, end) − Paused,
    /// Remaining = W(end, due), LateOnClock = W(due, end) and LateBy = end − due when end is past due.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Evaluate_Measures_EqualTheirDefinitionsOnTheTargetsClock() =>
        Prop.ForAll(Arb.From(SimpleCase), c =>
        {
            var results = c.Policy.Evaluate(c.Ticket, c.At);
            var calendar = c.Policy.Calendars["w1"];
            foreach (int i in _budgetTargets)
            {
                var r = results[i];
                if (r.State is TargetState.NotStarted or TargetState.Canceled)
                {
                    continue;
                }

                Func<Instant, Instant, Duration> w = i == Wall ? (a, b) => b - a : (a, b) => calendar.Between(a, b).Value;
                var start = c.Start!.Value;
                var end = c.RunEnd;
                var paused = c.Pauses.Where(p => p.From < end).Aggregate(Duration.Zero, (sum, p) => sum + w(p.From, p.To is { } to && to < end ? to : end));
                var because = $"target {r.Target.Id} is {r.State} ({c})";
                r.Paused.Should().Be(paused, because);
                r.Elapsed.Should().Be(w(start, end) - paused, because);
                r.Due.Should().NotBeNull(because);
                var due = r.Due!.Value;
                r.Remaining.Should().Be(w(end, due), because);
                r.LateOnClock.Should().Be(end > due ? w(due, end) : Duration.Zero, because);
                r.LateBy.Should().Be(end > due ? end - due : Duration.Zero, because);
            }
        });
}
