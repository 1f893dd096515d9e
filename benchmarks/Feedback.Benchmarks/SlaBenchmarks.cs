using BenchmarkDotNet.Attributes;
using Feedback.Policies;
using Feedback.Sla;
using NodaTime;

namespace Feedback.Benchmarks;

/// <summary>
/// One ticket evaluated against a compiled policy: into a caller-provided span (the hot path, which
/// must allocate nothing) against the convenience overload that returns a new array.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SlaBenchmarks
{
    private SlaPolicy _complaints = null!;
    private SlaPolicy _service = null!;
    private Ticket _complaint = null!;
    private Ticket _repair = null!;
    private TargetEvaluation[] _complaintResults = [];
    private TargetEvaluation[] _serviceResults = [];
    private Instant _at;

    [GlobalSetup]
    public void Setup()
    {
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        Instant At(int d, int h, int m) => new LocalDateTime(2026, 3, d, h, m).InZoneStrictly(shanghai).ToInstant();
        _complaints = PolicyPresets.AfterSalesComplaints;
        _service = PolicyPresets.ServiceStandard;
        _complaint = new Ticket("C-1", "complaint", "major",
            [
                new("call-ended", At(2, 9, 0)), new("order-drafted", At(2, 9, 20)), new("order-submitted", At(2, 9, 25)),
                new("order-signed-off", At(2, 10, 40)), new("visited", At(2, 11, 10)), new("paused", At(3, 9, 0)),
                new("resumed", At(3, 15, 0)), new("progress-updated", At(3, 17, 0)), new("meeting-held", At(3, 10, 0)),
            ],
            fields: new Dictionary<string, Instant> { ["required-completion"] = At(6, 12, 0), ["agreed-completion"] = At(5, 18, 0) });
        _repair = new Ticket("R-1", "repair", "urgent", [new("received", At(6, 16, 0)), new("paused", At(6, 17, 0)), new("resumed", At(9, 9, 0))]);
        _complaintResults = new TargetEvaluation[_complaints.Targets.Length];
        _serviceResults = new TargetEvaluation[_service.Targets.Length];
        _at = At(4, 12, 0);
    }

    [Benchmark(Baseline = true, Description = "D complaint, 11 targets, into a span")]
    public TargetState ComplaintIntoSpan()
    {
        _complaints.Evaluate(_complaint, _at, _complaintResults);
        return _complaintResults[^1].State;
    }

    [Benchmark(Description = "D complaint, 11 targets, new array")]
    public int ComplaintNewArray() => _complaints.Evaluate(_complaint, _at).Length;

    [Benchmark(Description = "C repair, business-hour targets with a pause, into a span")]
    public TargetState RepairIntoSpan()
    {
        _service.Evaluate(_repair, _at, _serviceResults);
        return _serviceResults[0].State;
    }
}
