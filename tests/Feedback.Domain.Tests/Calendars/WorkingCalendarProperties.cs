using Feedback.Calendars;
using FluentAssertions;
using FsCheck.Xunit;
using NodaTime;
using static Feedback.Tests.Calendars.PropertyAssertions;

namespace Feedback.Tests.Calendars;

/// <summary>
/// Algebraic laws of <see cref="WorkingCalendar"/> arithmetic that follow from the semantics in its
/// remarks (W(t) = working time from the horizon start to t; Add finds t with W(t) = W(s) + d), checked
/// on 1000 generated calendars each (see <see cref="CalendarGenerators"/>). Notation below: W, "opening
/// edge" = working instant whose previous nanosecond is not working, "closing edge" = non-working
/// instant whose previous nanosecond is working.
/// </summary>
public class WorkingCalendarProperties
{
    private const int Cases = 1000;

    // d1 <= d2 implies Add(s, d1) <= Add(s, d2), for every sign and either landing (both successful).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_LongerDuration_NeverLandsEarlier(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value;
        Duration[] durations = [-c.D1 - c.D2, -c.D2, -c.D1, -between.Abs(), Duration.Zero, between.Abs(), c.D1, c.D2, c.D1 + c.D2];
        foreach (var landing in Landings)
        {
            var results = durations.Distinct().Order()
                .Select(d => (d, r: Get(calendar.Add(c.A, d, landing))))
                .Where(x => x.r is not null)
                .ToList();
            for (int i = 1; i < results.Count; i++)
            {
                results[i].r!.Value.Should().BeGreaterThanOrEqualTo(results[i - 1].r!.Value, "{0}", Why(c,
                    $"Add(A, {results[i].d}, {landing}) = {c.Show(results[i].r)} must not be before Add(A, {results[i - 1].d}, {landing}) = {c.Show(results[i - 1].r)}"));
            }
        }
    });

    // Between(s, Add(s, d)) = d: W(Add(s, d)) = W(s) + d by definition, for both signs and landings.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_ThenBetween_ReturnsTheDuration(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value;
        foreach (var d in new[] { c.D1, -c.D1, c.D2, -c.D2, between, -between, Duration.Zero })
        {
            foreach (var landing in Landings)
            {
                if (Get(calendar.Add(c.A, d, landing)) is { } r)
                {
                    calendar.Between(c.A, r).Value.Should().Be(d, "{0}", Why(c, $"Add(A, {d}, {landing}) = {c.Show(r)}"));
                }
            }
        }
    });

    // Add fails exactly when the target W(s) + d lies outside [0, total]; AcrossGap forward (d >= 0) also
    // fails at W(s) + d = total, where no opening follows. Failures name the right side of the horizon.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_DurationBeyondTheWorkingTimeLeft_FailsAndOtherwiseSucceeds(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var before = calendar.Between(calendar.HorizonStartInstant, c.A).Value;
        var left = calendar.Between(c.A, calendar.HorizonEndInstant).Value;
        foreach (var d in new[] { c.D1, -c.D1, c.D2, -c.D2, left, -before, left + Duration.Epsilon, -before - Duration.Epsilon, Duration.Zero })
        {
            foreach (var landing in Landings)
            {
                bool expected = d > Duration.Zero || (d == Duration.Zero && landing == GapLanding.AcrossGap)
                    ? (landing == GapLanding.AtEdge ? d <= left : d < left)
                    : d == Duration.Zero || -d <= before;
                var answer = calendar.Add(c.A, d, landing);
                answer.IsSuccess.Should().Be(expected, "{0}", Why(c,
                    $"Add(A, {d}, {landing}) = {c.Show(Get(answer))} with W(A) = {before}, working time left {left}: {answer.Message}"));
                if (!expected)
                {
                    answer.Status.Should().Be(d < Duration.Zero ? CalendarStatus.BeforeHorizon : CalendarStatus.AfterHorizon, "{0}", Why(c, answer.Message));
                }
            }
        }
    });

    // Add(Add(s, d1, l1), d2, l2) = Add(s, d1 + d2, l) for d1, d2 >= 0, where l = l2 when d2 != 0. With
    // d2 = 0, AtEdge returns its start unchanged (so l = l1), and AcrossGap returns the latest t with
    // W(t) = W(s) + d1, which is what Add(s, d1 + d2) gives with AcrossGap for a sum >= 0 and with AtEdge
    // for a negative sum.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_TwiceForward_EqualsAddingTheSum(CalendarCase c) => WithCalendar(c, calendar =>
        CheckComposition(c, calendar, c.D1, c.D2));

    // The same for d1, d2 <= 0: counting back twice is counting back the sum.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_TwiceBackward_EqualsSubtractingTheSum(CalendarCase c) => WithCalendar(c, calendar =>
        CheckComposition(c, calendar, -c.D1, -c.D2));

    // d > 0 with AtEdge is the earliest t with W(t) = W(s) + d: the nanosecond before it is working time,
    // so it is inside working time or on a closing edge, never on an opening edge or in a gap.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_PositiveAtEdge_LandsInWorkingTimeOrOnAClosingEdge(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value.Abs();
        foreach (var d in new[] { c.D1, c.D2, between, Duration.Epsilon })
        {
            if (d > Duration.Zero && Get(calendar.Add(c.A, d)) is { } r)
            {
                calendar.IsWorking(r - Duration.Epsilon).Should().BeTrue("{0}", Why(c, $"Add(A, {d}) = {c.Show(r)}: the nanosecond before must be working time"));
                (calendar.IsWorking(r) || IsClosingEdge(calendar, r)).Should().BeTrue("{0}", Why(c, $"Add(A, {d}) = {c.Show(r)} is neither working nor a closing edge"));
            }
        }
    });

    // The latest t with W(t) = target (d >= 0 with AcrossGap, d < 0 with AtEdge) is always working time:
    // inside an interval or on its opening edge.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_ForwardAcrossGapOrBackwardAtEdge_LandsOnWorkingTime(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value.Abs();
        foreach (var d in new[] { c.D1, c.D2, between, Duration.Zero })
        {
            if (Get(calendar.Add(c.A, d, GapLanding.AcrossGap)) is { } forward)
            {
                calendar.IsWorking(forward).Should().BeTrue("{0}", Why(c, $"Add(A, {d}, AcrossGap) = {c.Show(forward)}"));
            }

            if (d > Duration.Zero && Get(calendar.Add(c.A, -d)) is { } backward)
            {
                calendar.IsWorking(backward).Should().BeTrue("{0}", Why(c, $"Add(A, {-d}) = {c.Show(backward)}"));
            }
        }
    });

    // Between(a, b) + Between(b, c) = Between(a, c), whatever the order of a, b and c (it is signed).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Between_SplitAtAnyPoint_IsAdditive(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var b = ClampToHorizon(calendar, c.B + Duration.FromNanoseconds(c.SubMinuteNanos));
        var ab = calendar.Between(c.A, b).Value;
        var bc = calendar.Between(b, c.C).Value;
        var ac = calendar.Between(c.A, c.C).Value;
        (ab + bc).Should().Be(ac, "{0}", Why(c, $"Between(A, B') = {ab}, Between(B', C) = {bc}, Between(A, C) = {ac}, B' = {c.Show(b)}"));
    });

    // Between(b, a) = -Between(a, b), and Between(a, a) = 0.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Between_SwappedArguments_IsNegated(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var forward = calendar.Between(c.A, c.B).Value;
        calendar.Between(c.B, c.A).Value.Should().Be(-forward, "{0}", Why(c, $"Between(A, B) = {forward}"));
        calendar.Between(c.A, c.A).Value.Should().Be(Duration.Zero, "{0}", Why(c, "Between(A, A)"));
    });

    // For a <= b: 0 <= Between(a, b) <= b - a, with equality when [a, b) is one stretch of working time
    // (a is working and no working interval closes in (a, b)).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Between_OrderedInstants_IsAtMostTheElapsedTime(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var (a, b) = c.A <= c.B ? (c.A, c.B) : (c.B, c.A);
        var between = calendar.Between(a, b).Value;
        between.Should().BeGreaterThanOrEqualTo(Duration.Zero, "{0}", Why(c, $"Between({c.Show(a)}, {c.Show(b)})"));
        between.Should().BeLessThanOrEqualTo(b - a, "{0}", Why(c, $"Between({c.Show(a)}, {c.Show(b)})"));
        if (a < b && calendar.IsWorking(a) && Get(calendar.PreviousClosing(b - Duration.Epsilon)) is var closing && (closing is null || closing <= a))
        {
            between.Should().Be(b - a, "{0}", Why(c, $"[{c.Show(a)}, {c.Show(b)}) is one stretch of working time"));
        }
    });

    // Adding zero with AtEdge returns any start unchanged; with AcrossGap it returns a working start
    // unchanged and moves a non-working one to NextOpening (failing exactly when that fails).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_Zero_ReturnsTheStartOrWithAcrossGapItsNextOpening(CalendarCase c) => WithCalendar(c, calendar =>
    {
        foreach (var s in new[] { c.A, c.B, ClampToHorizon(calendar, c.C + Duration.FromNanoseconds(c.SubMinuteNanos)) })
        {
            Get(calendar.Add(s, Duration.Zero)).Should().Be(s, "{0}", Why(c, $"Add({c.Show(s)}, 0)"));
            var expected = calendar.IsWorking(s) ? s : Get(calendar.NextOpening(s));
            Get(calendar.Add(s, Duration.Zero, GapLanding.AcrossGap)).Should().Be(expected, "{0}", Why(c,
                $"Add({c.Show(s)}, 0, AcrossGap); IsWorking = {calendar.IsWorking(s)}, NextOpening = {c.Show(expected)}"));
        }
    });

    // r = Add(s, d) with d > 0, then Add(r, -d) is the latest t with W(t) = W(s): s itself when s is working
    // time (inside or on an opening edge), otherwise the next opening after s. Add(r, -d, AcrossGap) is the
    // earliest such t: s when s is strictly inside working time (the nanosecond before is working), otherwise
    // the previous closing (or, when no working time precedes s, the first opening: see
    // Add_BackwardAcrossGapWithNothingBefore_LandsOnTheFirstOpening).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_NegativeAfterPositive_ReturnsToTheStartOrItsNearestEdge(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value.Abs();
        foreach (var d in new[] { c.D1, c.D2, between })
        {
            if (d <= Duration.Zero || Get(calendar.Add(c.A, d)) is not { } r)
            {
                continue;
            }

            var atEdge = calendar.IsWorking(c.A) ? c.A : calendar.NextOpening(c.A).Value;
            Get(calendar.Add(r, -d)).Should().Be(atEdge, "{0}", Why(c, $"Add(A, {d}) = {c.Show(r)}, then Add(that, {-d})"));

            var across = calendar.IsWorking(c.A) && calendar.IsWorking(c.A - Duration.Epsilon)
                ? c.A
                : Get(calendar.PreviousClosing(c.A)) ?? calendar.NextOpening(calendar.HorizonStartInstant).Value;
            Get(calendar.Add(r, -d, GapLanding.AcrossGap)).Should().Be(across, "{0}", Why(c, $"Add(A, {d}) = {c.Show(r)}, then Add(that, {-d}, AcrossGap)"));
        }
    });

    // r = Add(s, -d) with d > 0, then Add(r, d) is the earliest t with W(t) = W(s): s when s is strictly
    // inside working time, otherwise the previous closing. Add(r, d, AcrossGap) is the latest such t: s when
    // working, otherwise the next opening (failing when there is none).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_PositiveAfterNegative_ReturnsToTheStartOrItsNearestEdge(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value.Abs();
        foreach (var d in new[] { c.D1, c.D2, between })
        {
            if (d <= Duration.Zero || Get(calendar.Add(c.A, -d)) is not { } r)
            {
                continue;
            }

            var atEdge = calendar.IsWorking(c.A) && calendar.IsWorking(c.A - Duration.Epsilon) ? c.A : calendar.PreviousClosing(c.A).Value;
            Get(calendar.Add(r, d)).Should().Be(atEdge, "{0}", Why(c, $"Add(A, {-d}) = {c.Show(r)}, then Add(that, {d})"));

            var across = calendar.IsWorking(c.A) ? c.A : Get(calendar.NextOpening(c.A));
            Get(calendar.Add(r, d, GapLanding.AcrossGap)).Should().Be(across, "{0}", Why(c, $"Add(A, {-d}) = {c.Show(r)}, then Add(that, {d}, AcrossGap)"));
        }
    });

    // Forward (d > 0): AcrossGap equals AtEdge unless AtEdge lands on a closing edge; then it is the next
    // opening after that edge (and fails when there is none).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_ForwardAcrossGap_DiffersFromAtEdgeOnlyOnAClosingEdge_ThenIsTheNextOpening(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value.Abs();
        foreach (var d in new[] { c.D1, c.D2, between })
        {
            if (d <= Duration.Zero)
            {
                continue;
            }

            var atEdge = Get(calendar.Add(c.A, d));
            var across = Get(calendar.Add(c.A, d, GapLanding.AcrossGap));
            Instant? expected = atEdge is not { } e ? null : IsClosingEdge(calendar, e) ? Get(calendar.NextOpening(e)) : e;
            across.Should().Be(expected, "{0}", Why(c, $"Add(A, {d}) = {c.Show(atEdge)}, Add(A, {d}, AcrossGap) = {c.Show(across)}"));
        }
    });

    // Backward (d < 0): AcrossGap equals AtEdge unless AtEdge lands on an opening edge; then it is the
    // previous closing before that edge (or the same opening when no working time precedes it).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_BackwardAcrossGap_DiffersFromAtEdgeOnlyOnAnOpeningEdge_ThenIsThePreviousClosing(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var between = calendar.Between(c.A, c.B).Value.Abs();
        foreach (var d in new[] { c.D1, c.D2, between })
        {
            if (d <= Duration.Zero)
            {
                continue;
            }

            var atEdge = Get(calendar.Add(c.A, -d));
            var across = Get(calendar.Add(c.A, -d, GapLanding.AcrossGap));
            Instant? expected = atEdge is not { } e ? null : IsOpeningEdge(calendar, e) ? Get(calendar.PreviousClosing(e)) ?? e : e;
            across.Should().Be(expected, "{0}", Why(c, $"Add(A, {-d}) = {c.Show(atEdge)}, Add(A, {-d}, AcrossGap) = {c.Show(across)}"));
        }
    });

    // With no working time before the target (W(s) + d = 0), there is no previous closing; AcrossGap
    // backward then lands where AtEdge does, on the first opening of the horizon (current behaviour; the
    // forward mirror image, W(s) + d = total with AcrossGap, fails instead).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_BackwardAcrossGapWithNothingBefore_LandsOnTheFirstOpening(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var s = c.A;
        var before = calendar.Between(calendar.HorizonStartInstant, s).Value;
        var first = calendar.NextOpening(calendar.HorizonStartInstant).Value;
        Get(calendar.Add(s, -before, GapLanding.AcrossGap)).Should().Be(first, "{0}", Why(c, $"Add(A, -W(A) = {-before}, AcrossGap)"));
        Get(calendar.Add(s, -before)).Should().Be(before == Duration.Zero ? s : first, "{0}", Why(c, $"Add(A, -W(A) = {-before})"));
    });

    // AddWorkingDays(AddWorkingDays(s, n), m) = AddWorkingDays(s, n + m) for n, m >= 0: always the same
    // local date; the same instant unless the start's local time did not exist on the intermediate date
    // (a DST gap shifts it forward, and the second step then keeps the shifted time).
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void AddWorkingDays_TwoStepsForward_EqualsOneStepOfTheSum(CalendarCase c) => WithCalendar(c, calendar =>
        CheckWorkingDaysComposition(c, calendar, c.N, c.M));

    // The same for n, m <= 0.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void AddWorkingDays_TwoStepsBackward_EqualsOneStepOfTheSum(CalendarCase c) => WithCalendar(c, calendar =>
        CheckWorkingDaysComposition(c, calendar, -c.N, -c.M));

    // Seconds and nanoseconds are never rounded: Between(s, Add(s, d)) = d to the nanosecond, from a
    // start that is not on a whole minute either, forward and backward, with either landing.
    [Property(MaxTest = Cases, Arbitrary = [typeof(CalendarArbitraries)])]
    public void Add_SubMinuteDuration_IsExactToTheNanosecond(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var sub = Duration.FromNanoseconds(c.SubMinuteNanos);
        var s = ClampToHorizon(calendar, c.A + sub);
        var odd = Duration.FromNanoseconds((c.SubMinuteNanos * 7919) % NodaConstants.NanosecondsPerMinute);
        foreach (var d in new[] { c.D1 + odd, -(c.D1 + odd), odd, -odd, sub, Duration.Epsilon, -Duration.Epsilon })
        {
            foreach (var landing in Landings)
            {
                if (Get(calendar.Add(s, d, landing)) is { } r)
                {
                    calendar.Between(s, r).Value.Should().Be(d, "{0}", Why(c, $"Add({c.Show(s)}, {d.ToInt64Nanoseconds()} ns, {landing}) = {c.Show(r)}"));
                }
            }
        }
    });

    private static void CheckComposition(CalendarCase c, WorkingCalendar calendar, Duration d1, Duration d2)
    {
        foreach (var first in Landings)
        {
            foreach (var second in Landings)
            {
                if (Get(calendar.Add(c.A, d1, first)) is not { } middle)
                {
                    continue;
                }

                var twice = calendar.Add(middle, d2, second);
                var landing = d2 != Duration.Zero ? second
                    : second == GapLanding.AtEdge ? first
                    : d1 >= Duration.Zero ? GapLanding.AcrossGap : GapLanding.AtEdge;
                var once = calendar.Add(c.A, d1 + d2, landing);
                Get(twice).Should().Be(Get(once), "{0}", Why(c,
                    $"Add(A, {d1}, {first}) = {c.Show(middle)}, then Add(that, {d2}, {second}) = {c.Show(Get(twice))}; Add(A, {d1 + d2}, {landing}) = {c.Show(Get(once))}"));
            }
        }
    }

    private static void CheckWorkingDaysComposition(CalendarCase c, WorkingCalendar calendar, int n, int m)
    {
        foreach (var s in new[] { c.A, c.B })
        {
            if (n + m < 0 && DatedBeforeTheHorizon(calendar, s))
            {
                // Engine bug (IndexOutOfRangeException), see AddWorkingDays_AnyStart_MatchesTheReference.
                continue;
            }

            var once = calendar.AddWorkingDays(s, n + m);
            if (Get(calendar.AddWorkingDays(s, n)) is not { } middle)
            {
                once.IsSuccess.Should().BeFalse("{0}", Why(c, $"AddWorkingDays({c.Show(s)}, {n}) failed, so {n + m} days must fail too"));
                continue;
            }

            var twice = calendar.AddWorkingDays(middle, m);
            twice.IsSuccess.Should().Be(once.IsSuccess, "{0}", Why(c,
                $"AddWorkingDays({c.Show(s)}, {n}) = {c.Show(middle)}, then {m} more = {c.Show(Get(twice))}; {n + m} at once = {c.Show(Get(once))}"));
            if (!once.IsSuccess)
            {
                continue;
            }

            var zone = calendar.Zone;
            twice.Value.InZone(zone).Date.Should().Be(once.Value.InZone(zone).Date, "{0}", Why(c,
                $"AddWorkingDays({c.Show(s)}, {n}) = {c.Show(middle)}, then {m} more = {c.Show(twice.Value)}; {n + m} at once = {c.Show(once.Value)}"));
            if (middle.InZone(zone).TimeOfDay == s.InZone(zone).TimeOfDay)
            {
                twice.Value.Should().Be(once.Value, "{0}", Why(c,
                    $"AddWorkingDays({c.Show(s)}, {n}) = {c.Show(middle)}, then {m} more = {c.Show(twice.Value)}; {n + m} at once = {c.Show(once.Value)}"));
            }
        }
    }
}
