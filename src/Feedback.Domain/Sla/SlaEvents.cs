using System.Collections.Frozen;

namespace Feedback.Sla;

/// <summary>The standard event names of the source documents; a policy may declare more.</summary>
public static class SlaEvents
{
    /// <summary>Every standard event name.</summary>
    public static FrozenSet<string> Standard { get; } = new[]
    {
        "created", "received", "recorded", "call-ended", "visitor-left", "replied", "reported-to-head",
        "slip-taken", "engineering-notified", "on-site", "assessed", "feedback-given", "resolved", "solution-given",
        "order-drafted", "order-submitted", "order-signed-off", "order-issued", "order-received",
        "visited", "visit-refused", "visit-recorded", "called-back", "completion-agreed", "progress-updated",
        "paused", "resumed", "canceled", "reset", "reopened",
        "closure-requested", "closure-checked", "closed", "followed-up",
        "meeting-held", "minutes-filed", "claim-received", "claim-reported", "claim-filed",
        "call-started", "answered", "wake-up-call",
    }.ToFrozenSet(StringComparer.Ordinal);
}
