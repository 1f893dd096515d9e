using System.Text.Json;
using Ardalis.Result;
using Feedback.Ports;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Storage.Tests;

/// <summary>The store contract against <see cref="SqliteFeedbackStore"/>, one database file per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("feedback-contract-").FullName;

    private string DatabasePath => Path.Combine(_folder, "feedback.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override StorePorts CreateStore() => StorePorts.Of(new SqliteFeedbackStore(ConnectionString));

    /// <summary>A second adapter instance on the same file, as a second process would open it.</summary>
    protected override StorePorts OpenAnotherWriter()
    {
        _ = Store;   // the primary exists (and so does the file) before anyone else opens it
        return StorePorts.Of(new SqliteFeedbackStore(ConnectionString));
    }

    /// <summary>
    /// Writes the row exactly as the adapter would (same table, same columns, version + 1) inside a
    /// transaction on a raw, unpooled connection, then closes it without committing, which is what
    /// SQLite sees when the writing process dies: the journal is rolled back.
    /// </summary>
    protected override async Task SimulateCrashDuringSaveAsync(TicketRecord record)
    {
        _ = Store;
        await using var connection = await OpenRawAsync();
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await WriteAsync(connection, transaction, record);
        await connection.DisposeAsync();   // no commit, no explicit rollback
    }

    [Fact]
    public async Task UncommittedWrite_IsInvisibleToOtherReaders_WhileItsTransactionIsOpen()
    {
        var committed = (await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, At(2, 10, 0)))).Value;
        await using var connection = await OpenRawAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await WriteAsync(connection, transaction, committed with { Department = "uncommitted", IsOpen = false });
        await WriteAsync(connection, transaction, Record("C-2", "repair", "uncommitted", true, null));

        var reader = OpenAnotherWriter();   // WAL: readers see the last commit while a writer holds the lock
        ShouldEqual((await reader.Tickets.FindAsync("C-1"))!, committed);
        (await reader.Tickets.FindAsync("C-2")).Should().BeNull();
        (await reader.Tickets.QueryAsync(new Specifications.OpenTicketsOfDepartment("engineering"))).Select(r => r.Id).Should().Equal("C-1");

        await transaction.RollbackAsync();
        ShouldEqual((await Store.Tickets.FindAsync("C-1"))!, committed);
    }

    [Fact]
    public async Task Data_SurvivesANewAdapterInstance_AfterAllPoolsAreCleared()
    {
        var saved = (await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, At(2, 10, 0)))).Value;
        SqliteConnection.ClearAllPools();

        var reopened = StorePorts.Of(new SqliteFeedbackStore(ConnectionString));

        ShouldEqual((await reopened.Tickets.FindAsync("C-1"))!, saved);
    }

    /// <summary>Instants are kept as Int64 nanoseconds since 1970: years 1678-2262. NextDue outside is refused cleanly.</summary>
    [Fact]
    public async Task Ticket_NextDueBeyond2262_IsInvalid_AndStoresNothing()
    {
        var result = await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, Instant.FromUtc(2300, 1, 1, 0, 0)));

        result.Status.Should().Be(ResultStatus.Invalid);
        result.ValidationErrors.Should().ContainSingle().Which.Identifier.Should().Be("NextDue");
        (await Store.Tickets.FindAsync("C-1")).Should().BeNull();
    }

    // Regression: every instant kept as Int64 nanoseconds is range-checked and gives a Result, not an OverflowException.
    [Fact]
    public async Task FollowUp_ClosesBeyond2262_IsInvalid_NotAnOverflowException()
    {
        var result = await Store.FollowUps.SaveAsync(new FollowUpEntry { ItemId = "S-1", Kind = "special", Opens = At(2, 0, 0), Closes = Instant.FromUtc(2300, 1, 1, 0, 0) });

        result.Status.Should().Be(ResultStatus.Invalid);
        (await Store.FollowUps.FindAsync("S-1")).Should().BeNull();
    }

    [Fact]
    public async Task Outbox_DueBeyond2262_IsInvalid_NotAnOverflowException()
    {
        var result = await Store.Outbox.EnqueueAsync([new Notification { IdempotencyKey = "k", TicketId = "C-1", RecipientRole = "accountable", Channel = "sms", TemplateKey = "t", DueAt = Instant.MaxValue }]);

        result.Status.Should().Be(ResultStatus.Invalid);
    }

    [Fact]
    public async Task Tickets_QueryOrder_MatchesTheInMemoryAdapter_ForIdsBeyondTheBasicPlane()
    {
        string[] ids = ["A-\uFF01", "A-\U0001F600"];
        foreach (var id in ids)
        {
            await Store.Tickets.SaveAsync(Record(id, "complaint", "x", true, null));
        }

        (await Store.Tickets.QueryAsync(new Specifications.TicketsOfKind("complaint"))).Select(r => r.Id).Should().Equal("A-\U0001F600", "A-\uFF01");
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, TicketRecord record)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO tickets (id, kind, severity, category, project, department, is_open, next_due, version, events, fields)
            VALUES ($id, $kind, $severity, NULL, NULL, $department, $open, NULL, $version, $events, '{}')
            ON CONFLICT (id) DO UPDATE SET kind = $kind, severity = $severity, department = $department, is_open = $open,
              next_due = NULL, version = $version, events = $events, fields = '{}'
            """;
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$kind", record.Ticket.Kind);
        command.Parameters.AddWithValue("$severity", record.Ticket.Severity);
        command.Parameters.AddWithValue("$department", (object?)record.Department ?? DBNull.Value);
        command.Parameters.AddWithValue("$open", record.IsOpen ? 1 : 0);
        command.Parameters.AddWithValue("$version", record.Version + 1);
        command.Parameters.AddWithValue("$events", JsonSerializer.Serialize(record.Ticket.Events.Select(e => new[] { e.Name, InstantPattern.ExtendedIso.Format(e.At) }).ToArray()));
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }
}
