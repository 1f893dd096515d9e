using Ardalis.Result;
using Feedback.Hosting;
using Feedback.Policies;
using Feedback.Ports;
using Feedback.Reminders;
using Feedback.Sla;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Feedback.Storage.Tests;

/// <summary>
/// <see cref="ReminderRunner"/> over D with each storage adapter as the outbox: whatever the windows
/// (the same day twice, overlapping re-plans, a long catch-up after downtime, a restarted host), the
/// gateway gets every notification exactly once.
/// </summary>
public sealed class ReminderRunnerTests : IDisposable
{
    private static readonly DateTimeZone _shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private readonly string _folder = Directory.CreateTempSubdirectory("feedback-runner-").FullName;
    private InMemoryFeedbackStore? _memory;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string> Adapters => ["memory", "sqlite"];

    /// <summary>Local time in Shanghai, March 2026.</summary>
    private static Instant At(int day, int hour, int minute) => new LocalDateTime(2026, 3, day, hour, minute).InZoneStrictly(_shanghai).ToInstant();

    /// <summary>
    /// The outbox of a (re)started host: SQLite opens the same file with a new adapter instance, as a
    /// new process would; memory can only survive within the process, so it is the same object.
    /// </summary>
    private INotificationOutbox OpenOutbox(string adapter) => adapter switch
    {
        "memory" => _memory ??= new InMemoryFeedbackStore(),
        _ => new SqliteFeedbackStore(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "feedback.db") }.ToString()),
    };

    private static ReminderRunner Runner(INotificationOutbox outbox, INotificationSender sender) =>
        new(new ReminderPlanner(PolicyPresets.AfterSalesComplaints), outbox, sender);

    /// <summary>Meets every timed step, misses the progress update of 3 March, closed 5 March 10:20.</summary>
    private static readonly Ticket _complaint = new("C-1", "complaint", "general",
    [
        new("call-ended", At(2, 9, 0)),
        new("order-drafted", At(2, 9, 5)),
        new("order-submitted", At(2, 9, 6)),
        new("order-signed-off", At(2, 9, 10)),
        new("visited", At(2, 9, 20)),
        new("progress-updated", At(2, 15, 0)),
        new("progress-updated", At(4, 11, 0)),
        new("closure-requested", At(5, 10, 0)),
        new("closure-checked", At(5, 10, 10)),
        new("closed", At(5, 10, 20)),
    ]);

    private static readonly string[] _allKeys =
    [
        "order-issued/C-1/accountable/2026-03-02T01:10:00Z",
        "daily/C-1/accountable/2026-03-02", "daily/C-1/supervising-leader/2026-03-02", "daily/C-1/chairman/2026-03-02",
        "daily/C-1/accountable/2026-03-03", "daily/C-1/supervising-leader/2026-03-03", "daily/C-1/chairman/2026-03-03",
        "missed/C-1/T12-progress/accountable/2026-03-03",
        "daily/C-1/accountable/2026-03-04", "daily/C-1/supervising-leader/2026-03-04", "daily/C-1/chairman/2026-03-04",
        "daily/C-1/accountable/2026-03-05", "daily/C-1/supervising-leader/2026-03-05", "daily/C-1/chairman/2026-03-05",
    ];

    /// <summary>A gateway that records every attempt and fails the keys it is told to fail once.</summary>
    private sealed class RecordingSender(params string[] failOnce) : INotificationSender
    {
        private readonly HashSet<string> _failOnce = new(failOnce, StringComparer.Ordinal);

        public List<Notification> Attempts { get; } = [];

        public List<Notification> Delivered { get; } = [];

        public ValueTask<Result> SendAsync(Notification notification, CancellationToken cancellationToken = default)
        {
            Attempts.Add(notification);
            if (_failOnce.Remove(notification.IdempotencyKey))
            {
                return ValueTask.FromResult(Result.Error("gateway timeout"));
            }

            Delivered.Add(notification);
            return ValueTask.FromResult(Result.Success());
        }
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public async Task Run_SameDayTwice_ThenHostDownOvernight_CatchUpWindow_EveryNotificationSentExactlyOnce(string adapter)
    {
        var sender = new RecordingSender();
        var runner = Runner(OpenOutbox(adapter), sender);
        Ticket[] tickets = [_complaint];

        (await runner.RunAsync(tickets, At(2, 0, 0), At(2, 12, 0))).Value.Should().Be(new ReminderRunReport(4, 4, 4, 0));
        (await runner.RunAsync(tickets, At(2, 0, 0), At(2, 12, 0))).Value.Should().Be(new ReminderRunReport(4, 0, 0, 0), "the same window again");
        (await runner.RunAsync(tickets, At(2, 12, 0), At(2, 20, 0))).Value.Should().Be(new ReminderRunReport(0, 0, 0, 0));

        // The host is down from 2 March 20:00 and restarts on 6 March: a new process, one long window.
        var restarted = Runner(OpenOutbox(adapter), sender);
        (await restarted.RunAsync(tickets, At(2, 20, 0), At(6, 0, 0))).Value.Should().Be(new ReminderRunReport(10, 10, 10, 0));

        // An operator re-runs the whole period: everything planned again, nothing new, nothing sent.
        (await restarted.RunAsync(tickets, At(2, 0, 0), At(6, 0, 0))).Value.Should().Be(new ReminderRunReport(14, 0, 0, 0));

        sender.Attempts.Select(n => n.IdempotencyKey).Should().OnlyHaveUniqueItems();
        sender.Delivered.Select(n => n.IdempotencyKey).Should().BeEquivalentTo(_allKeys);
        sender.Delivered.Single(n => n.IdempotencyKey == "missed/C-1/T12-progress/accountable/2026-03-03").DueAt.Should().Be(At(3, 18, 0));
        (await OpenOutbox(adapter).PendingAsync(At(7, 0, 0), int.MaxValue)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public async Task Run_WindowsSplitEveryFiveMinutes_SendTheSameNotificationsAsOneWindow(string adapter)
    {
        var sender = new RecordingSender();
        var runner = Runner(OpenOutbox(adapter), sender);
        var late = new Ticket("C-9", "complaint", "general", [new("call-ended", At(2, 9, 0))]);   // T8-draft never met

        for (var from = At(2, 8, 0); from < At(2, 11, 0); from = from.Plus(Duration.FromMinutes(5)))
        {
            (await runner.RunAsync([late], from, from.Plus(Duration.FromMinutes(5)))).IsSuccess.Should().BeTrue();
        }

        sender.Attempts.Select(n => n.IdempotencyKey).Should().OnlyHaveUniqueItems();
        sender.Delivered.Select(n => (n.IdempotencyKey, n.DueAt)).Should().BeEquivalentTo(new[]
        {
            ("daily/C-9/accountable/2026-03-02", At(2, 9, 30)),
            ("daily/C-9/supervising-leader/2026-03-02", At(2, 9, 30)),
            ("daily/C-9/chairman/2026-03-02", At(2, 9, 30)),
            ("warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/1/accountable", At(2, 9, 20)),            // 50 % at 09:15: window [09:15, 09:20)
            ("warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/accountable", At(2, 9, 25)),            // 75 % at 09:22:30
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/1/accountable", At(2, 9, 25)),
            ("warning/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/accountable", At(2, 9, 30)),            // 90 % at 09:27
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/accountable", At(2, 9, 35)),         // 100 % at 09:30
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/2/supervising-leader", At(2, 9, 35)),
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/accountable", At(2, 10, 5)),         // 200 % at 10:00
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/supervising-leader", At(2, 10, 5)),
            ("escalation/C-9/T8-draft/0/2026-03-02T01:00:00Z/3/chairman", At(2, 10, 5)),
        });

        var again = new RecordingSender();
        (await Runner(OpenOutbox(adapter), again).RunAsync([late], At(2, 8, 0), At(2, 11, 0))).Value.Should().Be(new ReminderRunReport(12, 0, 0, 0));
        again.Attempts.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public async Task Run_GatewayFailure_StaysPending_AndIsSentOnceByTheNextRun(string adapter)
    {
        var sender = new RecordingSender("daily/C-1/chairman/2026-03-02");
        var runner = Runner(OpenOutbox(adapter), sender);

        (await runner.RunAsync([_complaint], At(2, 0, 0), At(2, 12, 0))).Value.Should().Be(new ReminderRunReport(4, 4, 3, 1));
        (await OpenOutbox(adapter).PendingAsync(At(2, 12, 0), 10)).Select(n => n.IdempotencyKey).Should().Equal("daily/C-1/chairman/2026-03-02");
        (await runner.RunAsync([_complaint], At(2, 12, 0), At(2, 13, 0))).Value.Should().Be(new ReminderRunReport(0, 0, 1, 0));
        (await runner.RunAsync([_complaint], At(2, 13, 0), At(2, 14, 0))).Value.Should().Be(new ReminderRunReport(0, 0, 0, 0));

        sender.Attempts.Count(n => n.IdempotencyKey == "daily/C-1/chairman/2026-03-02").Should().Be(2);
        sender.Delivered.Select(n => n.IdempotencyKey).Should().OnlyHaveUniqueItems().And.HaveCount(4);
    }
}
