namespace Feedback.Calendars;

/// <summary>How a calendar computation went. Values up to <see cref="OutsideHolidayData"/> are successes.</summary>
public enum CalendarStatus : byte
{
    /// <summary>Computed exactly from the calendar's data.</summary>
    Exact = 0,

    /// <summary>
    /// Computed, but some of the dates involved lie outside the years of official holiday data the
    /// calendar was built with; on those dates only the weekly pattern applied. Usually means next
    /// year's official notice has not been loaded yet.
    /// </summary>
    OutsideHolidayData = 1,

    /// <summary>Failed: an argument or the answer lies before the start of the calendar's horizon.</summary>
    BeforeHorizon = 2,

    /// <summary>Failed: an argument or the answer lies past the end of the calendar's horizon (or the calendar has no more working time before it).</summary>
    AfterHorizon = 3,

    /// <summary>Failed: an argument is out of its documented range.</summary>
    InvalidArgument = 4,
}

/// <summary>
/// Where a result that falls exactly on the boundary of a non-working gap lands.
/// </summary>
/// <remarks>
/// Peer libraries disagree here, and the choice moves most deadlines computed from outside hours:
/// 8 working hours from Monday 08:30 on an 08:30-16:30 calendar is Monday 16:30 with
/// <see cref="AtEdge"/> and Tuesday 08:30 with <see cref="AcrossGap"/>.
/// </remarks>
public enum GapLanding : byte
{
    /// <summary>
    /// Default. Land on the edge nearest the start: counting forward, the closing instant;
    /// counting backward, the opening instant. Adding zero returns the start unchanged.
    /// </summary>
    AtEdge = 0,

    /// <summary>
    /// Land on the far side of the gap: counting forward, the next opening; counting backward, the
    /// previous closing. Adding zero to a non-working instant returns the next opening.
    /// </summary>
    AcrossGap = 1,
}
