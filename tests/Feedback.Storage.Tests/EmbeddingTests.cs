using Ardalis.Result;
using Feedback.Hosting;
using Feedback.Ports;
using Feedback.Sla;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Feedback.Storage.Tests;

/// <summary>The README's embedding example, end to end: DI, the SQLite adapter, evaluation, reminders.</summary>
public sealed class EmbeddingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("feedback-embedding-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class RecordingSender : INotificationSender
    {
        public List<Notification> Sent { get; } = [];

        public ValueTask<Result> SendAsync(Notification notification, CancellationToken cancellationToken = default)
        {
            Sent.Add(notification);
            return ValueTask.FromResult(Result.Success());
        }
    }

    [Fact]
    public async Task ReadmeExample_DiWithSqlite_StoresEvaluatesAndRemindsExactlyOnce()
    {
        var sender = new RecordingSender();
        var services = new ServiceCollection()
            .AddFeedback(o => o.Preset = "d-after-sales-complaints")        // validated here, at start-up
            .AddFeedbackSqliteStorage($"Data Source={Path.Combine(_folder, "feedback.db")}")
            .AddSingleton<INotificationSender>(sender)
            .BuildServiceProvider();

        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        Instant At(int d, int h, int m) => new LocalDateTime(2026, 3, d, h, m).InZoneStrictly(shanghai).ToInstant();
        var store = services.GetRequiredService<ITicketStore>();
        var ticket = new Ticket("C-1", "complaint", "major", [new("call-ended", At(2, 9, 0)), new("order-signed-off", At(2, 10, 0))]);
        var saved = await store.SaveAsync(new TicketRecord { Ticket = ticket, Department = "engineering" });
        saved.Value.Version.Should().Be(1);

        var policy = services.GetRequiredService<SlaPolicy>();
        var due = policy.Evaluate(ticket, At(2, 10, 10)).Single(r => r.Target.Id == "T8-draft").Due;
        due.Should().Be(At(2, 9, 30));

        var runner = services.GetRequiredService<ReminderRunner>();
        var first = await runner.RunAsync([ticket], At(2, 0, 0), At(4, 10, 0));
        var again = await runner.RunAsync([ticket], At(2, 0, 0), At(4, 10, 0));   // same window twice: nothing twice
        first.Value.Sent.Should().BePositive();
        again.Value.Enqueued.Should().Be(0);
        sender.Sent.Select(n => n.IdempotencyKey).Should().OnlyHaveUniqueItems();
        sender.Sent.Should().Contain(n => n.IdempotencyKey == "daily/C-1/accountable/2026-03-03");
    }

    [Fact]
    public void AddFeedback_InvalidDocument_FailsAtStartUpListingEveryProblem()
    {
        var act = () => new ServiceCollection().AddFeedback(o => o.RulebookJson = """{ "id": "x", "zone": "Mars/Olympus", "targets": [ { "id": "t", "start": "nope", "within": "-PT5M" } ] }""");
        act.Should().Throw<FeedbackConfigurationException>().Which.Problems.Should().Equal(
            "$.zone: Unknown time zone 'Mars/Olympus'; use an IANA id such as \"Asia/Shanghai\".",
            "$.targets[0].start: Unknown event 'nope'; use a standard event name or declare it in \"events\".",
            "$.targets[0].within: Duration \"-PT5M\" is negative; a budget must be zero or more.");
    }
}
