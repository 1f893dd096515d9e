using Feedback.Calendars;
using FluentAssertions;
using FsCheck.Xunit;
using NodaTime;
using static Feedback.Tests.Calendars.PropertyAssertions;

namespace Feedback.Tests.Calendars;

/// <summary>
/// The engine against <see cref="ReferenceCalendar"/>, a minute-stepping model written from the
/// documented semantics only, on 1000 small generated calendars each (horizons of 2-16 days, so the
/// reference stays cheap). The reference is built from the same <see cref="CalendarSpec"/> but never
/// looks at the engine's compiled tables.
/// </summary>
public class WorkingCalendarReferenceProperties
{
    private const int Cases = 1000;

    // The build succeeds exactly when the reference finds working time, and holds as much of it.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void TotalWorkingTime_AnyRules_EqualsTheReferenceTotal(CalendarCase c)
    {
        var reference = new ReferenceCalendar(c.Spec);
        var built = c.Spec.Build();
        if (!built.IsSuccess)
        {
            reference.Total.Should().Be(Duration.Zero, "{0}", Why(c, $"the build failed: {string.Join("; ", built.ValidationErrors.Select(e => e.ErrorMessage))}"));
            return;
        }

        var calendar = built.Value;
        calendar.TotalWorkingTime.Should().Be(reference.Total, "{0}", Why(c, "TotalWorkingTime"));
        calendar.HorizonStartInstant.Should().Be(reference.Start, "{0}", Why(c, "HorizonStartInstant"));
        calendar.HorizonEndInstant.Should().Be(reference.End, "{0}", Why(c, "HorizonEndInstant"));
    }

    // IsWorking agrees with the reference at every minute of the horizon, half a minute in, at a random
    // sub-minute instant, and just outside the horizon (never working).
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void IsWorking_EveryMinuteOfTheHorizon_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var reference = new ReferenceCalendar(c.Spec);
        var half = Duration.FromSeconds(30);
        var sub = Duration.FromNanoseconds(c.SubMinuteNanos);
        for (int k = 0; k < reference.MinuteCount; k++)
        {
            var t = reference.MinuteStart(k);
            bool expected = reference.IsWorking(t);
            if (calendar.IsWorking(t) != expected || calendar.IsWorking(t + half) != expected)
            {
                calendar.IsWorking(t).Should().Be(expected, "{0}", Why(c, $"IsWorking({c.Show(t)}) (and half a minute later: {calendar.IsWorking(t + half)})"));
            }
        }

        foreach (var t in new[] { c.A + sub, c.B - sub, reference.Start - Duration.Epsilon, reference.End, c.C })
        {
            calendar.IsWorking(t).Should().Be(reference.IsWorking(t), "{0}", Why(c, $"IsWorking({c.Show(t)})"));
        }
    });

    // W(t) = Between(horizon start, t) agrees with the reference at every minute, and Between agrees on
    // random pairs with sub-minute parts.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void Between_FromTheHorizonStartToEveryMinute_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var reference = new ReferenceCalendar(c.Spec);
        for (int k = 0; k <= reference.MinuteCount; k += 1)
        {
            var t = reference.MinuteStart(k);
            var actual = calendar.Between(reference.Start, t).Value;
            if (actual != reference.W(t))
            {
                actual.Should().Be(reference.W(t), "{0}", Why(c, $"Between(horizon start, {c.Show(t)})"));
            }
        }

        var sub = Duration.FromNanoseconds(c.SubMinuteNanos);
        var a = ClampToHorizon(calendar, c.A + sub);
        var b = ClampToHorizon(calendar, c.B - sub);
        foreach (var (x, y) in new[] { (a, b), (b, a), (c.A, c.C), (a, c.C) })
        {
            Get(calendar.Between(x, y)).Should().Be(reference.Between(x, y), "{0}", Why(c, $"Between({c.Show(x)}, {c.Show(y)})"));
        }
    });

    // Add equals the reference for starts on and off whole minutes, durations of both signs (including
    // counts that end exactly on an edge), zero, and both landings; failures agree too. One documented
    // divergence is excluded here and pinned by Add_BackwardAcrossGapWithNothingBefore_LandsOnTheFirstOpening:
    // counting back with AcrossGap to W = 0, where there is no previous closing.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void Add_SmallInputs_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var reference = new ReferenceCalendar(c.Spec);
        var sub = Duration.FromNanoseconds(c.SubMinuteNanos);
        foreach (var s in new[] { c.A, c.B, ClampToHorizon(calendar, c.C + sub) })
        {
            var toB = reference.W(c.B) - reference.W(s);
            var toC = reference.W(c.C) - reference.W(s);
            foreach (var d in new[] { c.D1, -c.D1, c.D2, -c.D2, toB, toC, c.D1 + sub, -c.D2 - sub, Duration.Zero, Duration.Epsilon, -Duration.Epsilon })
            {
                foreach (var landing in Landings)
                {
                    var expected = reference.Add(s, d, landing);
                    if (d < Duration.Zero && landing == GapLanding.AcrossGap && reference.W(s) + d == Duration.Zero)
                    {
                        continue;
                    }

                    var actual = calendar.Add(s, d, landing);
                    Get(actual).Should().Be(expected, "{0}", Why(c,
                        $"Add({c.Show(s)}, {d.ToInt64Nanoseconds()} ns, {landing}) = {c.Show(Get(actual))} ({actual.Message}); reference {c.Show(expected)}"));
                }
            }
        }
    });

    // NextOpening agrees with the reference (the first instant at or after t where working time begins).
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void NextOpening_AnyInstant_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var reference = new ReferenceCalendar(c.Spec);
        var sub = Duration.FromNanoseconds(c.SubMinuteNanos);
        foreach (var t in new[] { c.A, c.B, c.C, ClampToHorizon(calendar, c.A + sub), reference.Start, reference.End })
        {
            Get(calendar.NextOpening(t)).Should().Be(reference.NextOpening(t), "{0}", Why(c, $"NextOpening({c.Show(t)})"));
        }
    });

    // PreviousClosing agrees with the reference (the last instant at or before t where working time ends).
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void PreviousClosing_AnyInstant_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var reference = new ReferenceCalendar(c.Spec);
        var sub = Duration.FromNanoseconds(c.SubMinuteNanos);
        foreach (var t in new[] { c.A, c.B, c.C, ClampToHorizon(calendar, c.A - sub), reference.Start, reference.End })
        {
            Get(calendar.PreviousClosing(t)).Should().Be(reference.PreviousClosing(t), "{0}", Why(c, $"PreviousClosing({c.Show(t)})"));
        }
    });

    // A working day is a date on which a period starts that contributes working time; the engine agrees
    // with the reference on every date of the horizon (and the day before and after), and on the count.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void IsWorkingDay_EveryDateOfTheHorizon_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
    {
        var reference = new ReferenceCalendar(c.Spec);
        for (var date = c.Spec.HorizonStart.PlusDays(-1); date <= c.Spec.HorizonEnd; date = date.PlusDays(1))
        {
            calendar.IsWorkingDay(date).Should().Be(reference.IsWorkingDay(date), "{0}", Why(c, $"IsWorkingDay({date:uuuu-MM-dd}), periods [{string.Join(' ', reference.PeriodsOn(date))}]"));
        }

        calendar.WorkingDayCount.Should().Be(reference.DayEnds.Count, "{0}", Why(c, "WorkingDayCount"));
    });

    // AddWorkingDays agrees with the reference: the same local time on the n-th working date after
    // (before) the start's local date, a gap shifting it forward, a repeated time taking the earlier.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void AddWorkingDays_AnyStart_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
        CheckAddWorkingDays(c, calendar, new ReferenceCalendar(c.Spec), [c.A, c.B, c.C]));

    // The same, for starts whose local date lies in the horizon (all but the bug's case), so the
    // comparison keeps running while AddWorkingDays_AnyStart_MatchesTheReference is skipped.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void AddWorkingDays_StartDatedInTheHorizon_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
        CheckAddWorkingDays(c, calendar, new ReferenceCalendar(c.Spec), [.. new[] { c.A, c.B, c.C }.Where(s => !DatedBeforeTheHorizon(calendar, s))]));

    // EndOfWorkingDay agrees with the reference: the close of the last period starting on the working date
    // reached (0: the start's own date while not over, else the next one; n > 0: the n-th after the start's date).
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void EndOfWorkingDay_AnyStart_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
        CheckEndOfWorkingDay(c, calendar, new ReferenceCalendar(c.Spec), [c.A, c.B, c.C]));

    // The same, for starts whose local date lies in the horizon.
    [Property(MaxTest = Cases, Arbitrary = [typeof(SmallCalendarArbitraries)])]
    public void EndOfWorkingDay_StartDatedInTheHorizon_MatchesTheReference(CalendarCase c) => WithCalendar(c, calendar =>
        CheckEndOfWorkingDay(c, calendar, new ReferenceCalendar(c.Spec), [.. new[] { c.A, c.B, c.C }.Where(s => !DatedBeforeTheHorizon(calendar, s))]));

    // Regression: a start inside the horizon whose local date is the day before HorizonStart (after a
    // fall-back across midnight) once indexed the working-day tables at -1 and threw.
    [Fact]
    public void EndOfWorkingDay_StartDatedTheDayBeforeTheHorizon_IsTheEndOfTheFirstWorkingDay()
    {
        var (calendar, start) = StartDatedTheDayBeforeTheHorizon();
        calendar.EndOfWorkingDay(start, 0).Value.Should().Be(Instant.FromUtc(2009, 11, 1, 20, 0));
        calendar.EndOfWorkingDay(start, 1).Value.Should().Be(Instant.FromUtc(2009, 11, 1, 20, 0));
    }

    [Fact]
    public void AddWorkingDays_BackwardFromAStartDatedTheDayBeforeTheHorizon_FailsBeforeTheHorizon()
    {
        var (calendar, start) = StartDatedTheDayBeforeTheHorizon();
        calendar.AddWorkingDays(start, -1).Status.Should().Be(CalendarStatus.BeforeHorizon);
        calendar.AddWorkingDays(start, 1).Value.Should().Be(Instant.FromUtc(2009, 11, 2, 2, 31));
    }

    private static (WorkingCalendar Calendar, Instant Start) StartDatedTheDayBeforeTheHorizon()
    {
        // St John's fell back from 2009-11-01 00:01 NDT to 2009-10-31 23:01 NST: the horizon starts at
        // 02:30Z, and 02:31Z is 2009-10-31 23:01 local, one day before the horizon's first date.
        var calendar = new WorkingCalendarBuilder("st-johns", DateTimeZoneProviders.Tzdb["America/St_Johns"])
            .WithHorizon(new LocalDate(2009, 11, 1), new LocalDate(2009, 11, 10))
            .On(IsoDayOfWeek.Sunday, "12:29-16:30")
            .Build().Value;
        var start = Instant.FromUtc(2009, 11, 1, 2, 31);
        start.InZone(calendar.Zone).Date.Should().Be(new LocalDate(2009, 10, 31));
        return (calendar, start);
    }

    private static void CheckAddWorkingDays(CalendarCase c, WorkingCalendar calendar, ReferenceCalendar reference, Instant[] starts)
    {
        foreach (var s in starts)
        {
            foreach (int days in new[] { c.N, -c.M, c.N - c.M, 1, -1, 0 })
            {
                var actual = calendar.AddWorkingDays(s, days);
                var expected = reference.AddWorkingDays(s, days);
                Get(actual).Should().Be(expected, "{0}", Why(c, $"AddWorkingDays({c.Show(s)}, {days}) = {c.Show(Get(actual))} ({actual.Message}); reference {c.Show(expected)}"));
            }
        }
    }

    private static void CheckEndOfWorkingDay(CalendarCase c, WorkingCalendar calendar, ReferenceCalendar reference, Instant[] starts)
    {
        foreach (var s in starts)
        {
            foreach (int days in new[] { 0, 1, c.N })
            {
                var actual = calendar.EndOfWorkingDay(s, days);
                var expected = reference.EndOfWorkingDay(s, days);
                Get(actual).Should().Be(expected, "{0}", Why(c, $"EndOfWorkingDay({c.Show(s)}, {days}) = {c.Show(Get(actual))} ({actual.Message}); reference {c.Show(expected)}"));
            }
        }
    }
}
