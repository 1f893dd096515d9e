using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Ardalis.Result;
using Feedback.Ports;
using Feedback.Sla;
using Feedback.Specifications;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Feedback.Storage;

/// <summary>
/// The SQLite storage adapter: every store port over one database file. The schema is created on
/// first use; every write is one transaction (<c>BEGIN IMMEDIATE</c>), and saves check the stored
/// version, so concurrent writers get a conflict instead of overwriting each other and nothing
/// uncommitted is ever visible.
/// </summary>
/// <remarks>
/// Instants are stored as nanoseconds since the Unix epoch in indexed columns and as ISO-8601 text in
/// the JSON of event histories; money as invariant decimal text (no floating point). The shipped
/// specifications are translated to SQL; any other specification is evaluated in memory over all rows.
/// The outbox assumes one reminder runner at a time (pending rows are not claimed). Use it through the
/// port interfaces. Thread-safe.
/// </remarks>
public sealed class SqliteFeedbackStore : ITicketStore, IFollowUpStore, ILedgerStore, INotificationOutbox
{
    private static readonly InstantPattern Iso = InstantPattern.ExtendedIso;
    private static readonly Instant Earliest = NodaConstants.UnixEpoch.PlusNanoseconds(long.MinValue);
    private static readonly Instant Latest = NodaConstants.UnixEpoch.PlusNanoseconds(long.MaxValue);
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Creates the adapter; the schema is created on first use (and retried if that failed).</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string for a database file, for example <c>Data Source=feedback.db</c>.</param>
    /// <exception cref="ArgumentException">An in-memory database: every call opens its own connection, so it would see an empty database; use the in-memory adapter instead.</exception>
    public SqliteFeedbackStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is ":memory:" or "" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("An in-memory SQLite database cannot be shared between calls; use a database file, or InMemoryFeedbackStore.", nameof(connectionString));
        }

        _connectionString = connectionString;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await CreateSchemaAsync().ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS tickets (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL, category TEXT, project TEXT,
              department TEXT, is_open INTEGER NOT NULL, next_due INTEGER, version INTEGER NOT NULL,
              events TEXT NOT NULL, fields TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS tickets_department ON tickets (department, is_open);
            CREATE INDEX IF NOT EXISTS tickets_next_due ON tickets (is_open, next_due);
            CREATE TABLE IF NOT EXISTS follow_ups (
              item_id TEXT PRIMARY KEY, kind TEXT NOT NULL, opens INTEGER NOT NULL, closes INTEGER NOT NULL,
              method TEXT, done_at INTEGER, satisfied INTEGER, evidence TEXT NOT NULL, version INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS follow_ups_closes ON follow_ups (closes);
            CREATE TABLE IF NOT EXISTS ledger (
              id TEXT PRIMARY KEY, person_id TEXT, month TEXT NOT NULL, ticket_id TEXT NOT NULL, rule_id TEXT NOT NULL,
              amount TEXT, currency TEXT NOT NULL, computation TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS ledger_person_month ON ledger (person_id, month);
            CREATE TABLE IF NOT EXISTS outbox (
              key TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, role TEXT NOT NULL, person TEXT, channel TEXT NOT NULL,
              template TEXT NOT NULL, parameters TEXT NOT NULL, due_at INTEGER NOT NULL, sent_at INTEGER);
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (sent_at, due_at);
            """;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // ---- tickets

    async ValueTask<TicketRecord?> ITicketStore.FindAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await QueryTicketsAsync("id = $p0", [id], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    async ValueTask<Result<TicketRecord>> ITicketStore.SaveAsync(TicketRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.NextDue is { } next && (next < Earliest || next > Latest))
        {
            return Result<TicketRecord>.Invalid(new ValidationError("NextDue", $"Ticket '{record.Id}': NextDue {next} is outside the years 1678-2262 this store keeps."));
        }

        var saved = record with { Version = record.Version + 1 };
        var t = record.Ticket;
        return await SaveVersionedAsync("tickets", "id", record.Id, record.Version, "ticket", saved,
            """
            INSERT INTO tickets (id, kind, severity, category, project, department, is_open, next_due, version, events, fields)
            VALUES ($id, $kind, $severity, $category, $project, $department, $open, $due, $version, $events, $fields)
            ON CONFLICT (id) DO UPDATE SET kind = $kind, severity = $severity, category = $category, project = $project,
              department = $department, is_open = $open, next_due = $due, version = $version, events = $events, fields = $fields
            """,
            c =>
            {
                c.Parameters.AddWithValue("$id", record.Id);
                c.Parameters.AddWithValue("$kind", t.Kind);
                c.Parameters.AddWithValue("$severity", t.Severity);
                c.Parameters.AddWithValue("$category", (object?)t.Category ?? DBNull.Value);
                c.Parameters.AddWithValue("$project", (object?)t.Project ?? DBNull.Value);
                c.Parameters.AddWithValue("$department", (object?)record.Department ?? DBNull.Value);
                c.Parameters.AddWithValue("$open", record.IsOpen ? 1 : 0);
                c.Parameters.AddWithValue("$due", record.NextDue is { } due ? Nanos(due) : DBNull.Value);
                c.Parameters.AddWithValue("$version", saved.Version);
                c.Parameters.AddWithValue("$events", EventsJson(t.Events));
                c.Parameters.AddWithValue("$fields", FieldsJson(t.Fields));
            }, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<IReadOnlyList<TicketRecord>> ITicketStore.QueryAsync(Specification<TicketRecord> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var (where, args) = specification switch
        {
            OpenTicketsOfDepartment s => ("is_open = 1 AND department = $p0", new object?[] { s.Department }),
            OverdueTicketsAt s => ("is_open = 1 AND next_due IS NOT NULL AND next_due < $p0", [Nanos(s.At)]),
            TicketsOfKind s => ("kind = $p0", [s.Kind]),
            _ => ("1 = 1", []),
        };
        var rows = await QueryTicketsAsync(where, args, cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(specification.IsSatisfiedBy).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    private async Task<List<TicketRecord>> QueryTicketsAsync(string where, object?[] args, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, kind, severity, category, project, department, is_open, next_due, version, events, fields FROM tickets WHERE {where} ORDER BY id";
        Bind(command, args);
        var result = new List<TicketRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ticket = new Ticket(reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadEvents(reader.GetString(9)),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), ReadFields(reader.GetString(10)));
            result.Add(new TicketRecord
            {
                Ticket = ticket,
                Department = reader.IsDBNull(5) ? null : reader.GetString(5),
                IsOpen = reader.GetInt64(6) == 1,
                NextDue = reader.IsDBNull(7) ? null : FromNanos(reader.GetInt64(7)),
                Version = reader.GetInt64(8),
            });
        }

        return result;
    }

    // ---- follow-ups

    async ValueTask<FollowUpEntry?> IFollowUpStore.FindAsync(string itemId, CancellationToken cancellationToken)
    {
        var rows = await QueryFollowUpsAsync("item_id = $p0", [itemId], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    async ValueTask<Result<FollowUpEntry>> IFollowUpStore.SaveAsync(FollowUpEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (OutOfRange(entry.Opens, entry.Closes, entry.DoneAt) is { } bad)
        {
            return Result<FollowUpEntry>.Invalid(new ValidationError("instant", $"Follow-up '{entry.ItemId}': {bad} is outside the years 1678-2262 this store keeps."));
        }

        var saved = entry with { Version = entry.Version + 1 };
        return await SaveVersionedAsync("follow_ups", "item_id", entry.ItemId, entry.Version, "follow-up", saved,
            """
            INSERT INTO follow_ups (item_id, kind, opens, closes, method, done_at, satisfied, evidence, version)
            VALUES ($id, $kind, $opens, $closes, $method, $done, $satisfied, $evidence, $version)
            ON CONFLICT (item_id) DO UPDATE SET kind = $kind, opens = $opens, closes = $closes, method = $method,
              done_at = $done, satisfied = $satisfied, evidence = $evidence, version = $version
            """,
            c =>
            {
                c.Parameters.AddWithValue("$id", entry.ItemId);
                c.Parameters.AddWithValue("$kind", entry.Kind);
                c.Parameters.AddWithValue("$opens", Nanos(entry.Opens));
                c.Parameters.AddWithValue("$closes", Nanos(entry.Closes));
                c.Parameters.AddWithValue("$method", (object?)entry.Method ?? DBNull.Value);
                c.Parameters.AddWithValue("$done", entry.DoneAt is { } d ? Nanos(d) : DBNull.Value);
                c.Parameters.AddWithValue("$satisfied", entry.Satisfied is { } s ? (s ? 1 : 0) : DBNull.Value);
                c.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(entry.Evidence.ToArray()));
                c.Parameters.AddWithValue("$version", saved.Version);
            }, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<IReadOnlyList<FollowUpEntry>> IFollowUpStore.QueryAsync(Specification<FollowUpEntry> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var (where, args) = specification switch
        {
            FollowUpsDueBetween s => ("done_at IS NULL AND closes >= $p0 AND closes < $p1", new object?[] { Nanos(s.From), Nanos(s.To) }),
            _ => ("1 = 1", []),
        };
        var rows = await QueryFollowUpsAsync(where, args, cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(specification.IsSatisfiedBy).OrderBy(e => e.ItemId, StringComparer.Ordinal)];
    }

    private async Task<List<FollowUpEntry>> QueryFollowUpsAsync(string where, object?[] args, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT item_id, kind, opens, closes, method, done_at, satisfied, evidence, version FROM follow_ups WHERE {where} ORDER BY item_id";
        Bind(command, args);
        var result = new List<FollowUpEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new FollowUpEntry
            {
                ItemId = reader.GetString(0),
                Kind = reader.GetString(1),
                Opens = FromNanos(reader.GetInt64(2)),
                Closes = FromNanos(reader.GetInt64(3)),
                Method = reader.IsDBNull(4) ? null : reader.GetString(4),
                DoneAt = reader.IsDBNull(5) ? null : FromNanos(reader.GetInt64(5)),
                Satisfied = reader.IsDBNull(6) ? null : reader.GetInt64(6) == 1,
                Evidence = [.. JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? []],
                Version = reader.GetInt64(8),
            });
        }

        return result;
    }

    // ---- ledger

    async ValueTask<Result<int>> ILedgerStore.AppendAsync(IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            int added = 0;
            foreach (var line in lines)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO ledger (id, person_id, month, ticket_id, rule_id, amount, currency, computation)
                    VALUES ($id, $person, $month, $ticket, $rule, $amount, $currency, $computation) ON CONFLICT (id) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$id", line.Id);
                command.Parameters.AddWithValue("$person", (object?)line.PersonId ?? DBNull.Value);
                command.Parameters.AddWithValue("$month", Month(line.Month));
                command.Parameters.AddWithValue("$ticket", line.TicketId);
                command.Parameters.AddWithValue("$rule", line.RuleId);
                command.Parameters.AddWithValue("$amount", line.Amount is { } a ? a.ToString(CultureInfo.InvariantCulture) : DBNull.Value);
                command.Parameters.AddWithValue("$currency", line.Currency);
                command.Parameters.AddWithValue("$computation", line.Computation);
                added += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return Result<int>.Success(added);
        }, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<IReadOnlyList<LedgerLine>> ILedgerStore.QueryAsync(Specification<LedgerLine> specification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var (where, args) = specification switch
        {
            LedgerOfPersonInMonth s => ("person_id = $p0 AND month = $p1", new object?[] { s.PersonId, Month(s.Month) }),
            _ => ("1 = 1", []),
        };
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, person_id, month, ticket_id, rule_id, amount, currency, computation FROM ledger WHERE {where} ORDER BY id";
        Bind(command, args);
        var result = new List<LedgerLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var month = YearMonthPattern.Iso.Parse(reader.GetString(2)).Value;
            result.Add(new LedgerLine
            {
                Id = reader.GetString(0),
                PersonId = reader.IsDBNull(1) ? null : reader.GetString(1),
                Month = month,
                TicketId = reader.GetString(3),
                RuleId = reader.GetString(4),
                Amount = reader.IsDBNull(5) ? null : decimal.Parse(reader.GetString(5), NumberStyles.Number, CultureInfo.InvariantCulture),
                Currency = reader.GetString(6),
                Computation = reader.GetString(7),
            });
        }

        return [.. result.Where(specification.IsSatisfiedBy).OrderBy(l => l.Id, StringComparer.Ordinal)];
    }

    // ---- outbox

    async ValueTask<Result<int>> INotificationOutbox.EnqueueAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        foreach (var n in notifications)
        {
            if (OutOfRange(n.DueAt, null, null) is { } bad)
            {
                return Result<int>.Invalid(new ValidationError("DueAt", $"Notification '{n.IdempotencyKey}': {bad} is outside the years 1678-2262 this store keeps."));
            }
        }

        return await InTransactionAsync(async (connection, transaction) =>
        {
            int added = 0;
            foreach (var n in notifications)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO outbox (key, ticket_id, role, person, channel, template, parameters, due_at, sent_at)
                    VALUES ($key, $ticket, $role, $person, $channel, $template, $parameters, $due, NULL) ON CONFLICT (key) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$key", n.IdempotencyKey);
                command.Parameters.AddWithValue("$ticket", n.TicketId);
                command.Parameters.AddWithValue("$role", n.RecipientRole);
                command.Parameters.AddWithValue("$person", (object?)n.RecipientPerson ?? DBNull.Value);
                command.Parameters.AddWithValue("$channel", n.Channel);
                command.Parameters.AddWithValue("$template", n.TemplateKey);
                command.Parameters.AddWithValue("$parameters", JsonSerializer.Serialize(n.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value)));
                command.Parameters.AddWithValue("$due", Nanos(n.DueAt));
                added += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return Result<int>.Success(added);
        }, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<IReadOnlyList<Notification>> INotificationOutbox.PendingAsync(Instant now, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, ticket_id, role, person, channel, template, parameters, due_at, sent_at FROM outbox WHERE sent_at IS NULL AND due_at <= $p0 ORDER BY due_at, key LIMIT $p1";
        Bind(command, [Nanos(now), Math.Max(max, 0)]);
        var result = new List<Notification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new Notification
            {
                IdempotencyKey = reader.GetString(0),
                TicketId = reader.GetString(1),
                RecipientRole = reader.GetString(2),
                RecipientPerson = reader.IsDBNull(3) ? null : reader.GetString(3),
                Channel = reader.GetString(4),
                TemplateKey = reader.GetString(5),
                Parameters = (JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6)) ?? []).ToImmutableDictionary(),
                DueAt = FromNanos(reader.GetInt64(7)),
            });
        }

        return result;
    }

    async ValueTask<Result> INotificationOutbox.MarkSentAsync(string idempotencyKey, Instant sentAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        if (OutOfRange(sentAt, null, null) is { } bad)
        {
            return Result.Invalid(new ValidationError("sentAt", $"{bad} is outside the years 1678-2262 this store keeps."));
        }

        // The first mark wins: a notification already marked keeps its original sent_at.
        command.CommandText = "UPDATE outbox SET sent_at = COALESCE(sent_at, $p0) WHERE key = $p1";
        Bind(command, [Nanos(sentAt), idempotencyKey]);
        int rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return rows == 1 ? Result.Success() : Result.NotFound($"No notification with idempotency key '{idempotencyKey}' in the outbox.");
    }

    // ---- helpers

    private async Task<Result<T>> SaveVersionedAsync<T>(string table, string key, string id, long expected, string what, T saved, string upsert,
        Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = $"SELECT version FROM {table} WHERE {key} = $id";
            check.Parameters.AddWithValue("$id", id);
            long stored = await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long v ? v : 0;
            if (stored != expected)
            {
                return StoreResults.Conflict<T>(what, id, expected, stored);
            }

            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = upsert;
            bind(write);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return Result<T>.Success(saved);
        }, cancellationToken).ConfigureAwait(false);

    private async Task<Result<T>> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE: take the write lock before reading the version, so the check and the write are one step.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static void Bind(SqliteCommand command, object?[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"$p{i}"), args[i] ?? DBNull.Value);
        }
    }

    private static long Nanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    private static Instant? OutOfRange(Instant a, Instant? b, Instant? c)
    {
        foreach (var instant in new[] { (Instant?)a, b, c })
        {
            if (instant is { } i && (i < Earliest || i > Latest))
            {
                return i;
            }
        }

        return null;
    }

    private static Instant FromNanos(long nanos) => NodaConstants.UnixEpoch.PlusNanoseconds(nanos);

    private static string Month(YearMonth month) => YearMonthPattern.Iso.Format(month);

    private static string EventsJson(ImmutableArray<TicketEvent> events) =>
        JsonSerializer.Serialize(events.Select(e => new[] { e.Name, Iso.Format(e.At) }).ToArray());

    private static string FieldsJson(ImmutableDictionary<string, Instant> fields) =>
        JsonSerializer.Serialize(fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => Iso.Format(f.Value)));

    private static IEnumerable<TicketEvent> ReadEvents(string json) =>
        (JsonSerializer.Deserialize<string[][]>(json) ?? []).Select(e => new TicketEvent(e[0], Iso.Parse(e[1]).Value));

    private static Dictionary<string, Instant> ReadFields(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToDictionary(f => f.Key, f => Iso.Parse(f.Value).Value, StringComparer.Ordinal);
}
