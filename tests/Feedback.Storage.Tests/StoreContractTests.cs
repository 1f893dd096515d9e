using System.Collections.Immutable;
using System.Globalization;
using Ardalis.Result;
using Feedback.Ports;
using Feedback.Sla;
using Feedback.Specifications;
using FluentAssertions;
using NodaTime;

namespace Feedback.Storage.Tests;

/// <summary>
/// The contract every storage adapter keeps: each [Fact] here runs once per derived class, against a
/// fresh, empty store (xunit creates one test-class instance per test).
/// </summary>
public abstract class StoreContractTests
{
    private static readonly DateTimeZone _shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private StorePorts? _store;

    /// <summary>The store under test, created on first use.</summary>
    protected StorePorts Store => _store ??= CreateStore();

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract StorePorts CreateStore();

    /// <summary>
    /// Another writer over the same data as <see cref="Store"/>: for a database another connection
    /// pool / adapter instance (as another process would have); for memory the same object.
    /// </summary>
    protected abstract StorePorts OpenAnotherWriter();

    /// <summary>
    /// Starts saving <paramref name="record"/> (insert or update, its version + 1) and "crashes" before
    /// the commit: the write must leave no trace.
    /// </summary>
    /// <param name="record">What the crashed writer was saving.</param>
    protected abstract Task SimulateCrashDuringSaveAsync(TicketRecord record);

    /// <summary>A local time in Shanghai, March 2026.</summary>
    protected static Instant At(int day, int hour, int minute) =>
        new LocalDateTime(2026, 3, day, hour, minute).InZoneStrictly(_shanghai).ToInstant();

    // ---- round trips

    [Fact]
    public async Task Ticket_RoundTrip_EveryMemberIncludingNanosecondsFieldsAndEqualInstantEventOrder()
    {
        var ticket = new Ticket("C-1", "complaint", "major",
            [
                new("call-ended", At(2, 9, 0).PlusNanoseconds(1)),
                new("visitor-left", At(2, 9, 0).PlusNanoseconds(1)),   // same instant: order must survive
                new("order-drafted", At(2, 9, 5).PlusNanoseconds(123_456_789)),
                new("progress-updated", Instant.FromUnixTimeTicks(-1).PlusNanoseconds(-99)),   // before the epoch
            ],
            category: "quality-delay", project: "东方花园 phase 2",
            fields: new Dictionary<string, Instant>
            {
                ["agreed-completion"] = At(5, 18, 0).PlusNanoseconds(999_999_999),
                ["required-completion"] = At(4, 12, 0),
            });
        var record = new TicketRecord { Ticket = ticket, Department = "engineering", IsOpen = false, NextDue = At(3, 0, 0).PlusNanoseconds(7) };

        var saved = await Store.Tickets.SaveAsync(record);

        saved.IsSuccess.Should().BeTrue();
        saved.Value.Version.Should().Be(1);
        var read = await Store.Tickets.FindAsync("C-1");
        ShouldEqual(read!, record with { Version = 1 });
        read!.Ticket.Events.Select(e => e.Name).Should().Equal("progress-updated", "call-ended", "visitor-left", "order-drafted");
    }

    [Fact]
    public async Task Ticket_RoundTrip_NullsDefaultsAndNoFields()
    {
        var record = new TicketRecord { Ticket = new Ticket("R-1", "repair", "general", [new("received", At(2, 8, 0))]) };

        await Store.Tickets.SaveAsync(record);

        var read = await Store.Tickets.FindAsync("R-1");
        ShouldEqual(read!, record with { Version = 1 });
        read!.Ticket.Category.Should().BeNull();
        read.Ticket.Project.Should().BeNull();
        read.Ticket.Fields.Should().BeEmpty();
        read.Department.Should().BeNull();
        read.IsOpen.Should().BeTrue();
        read.NextDue.Should().BeNull();
    }

    [Fact]
    public async Task Ticket_Find_UnknownId_IsNull()
    {
        (await Store.Tickets.FindAsync("nope")).Should().BeNull();
    }

    [Fact]
    public async Task Ticket_SavedAgain_WithTheReadVersion_AddsOneAndReplacesEverything()
    {
        var first = (await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, At(2, 10, 0)))).Value;
        var changed = first with { Ticket = first.Ticket.WithEvent("closed", At(3, 9, 0)).WithField("agreed-completion", At(4, 0, 0)), IsOpen = false, NextDue = null, Department = "marketing" };

        var second = await Store.Tickets.SaveAsync(changed);

        second.Value.Version.Should().Be(2);
        ShouldEqual((await Store.Tickets.FindAsync("C-1"))!, changed with { Version = 2 });
    }

    [Fact]
    public async Task FollowUp_RoundTrip_PendingAndDoneWithEvidence()
    {
        var pending = new FollowUpEntry { ItemId = "C-1", Kind = "complaint", Opens = At(2, 0, 0), Closes = At(5, 0, 0).PlusNanoseconds(1) };
        var done = new FollowUpEntry
        {
            ItemId = "R-9",
            Kind = "repair",
            Opens = At(2, 0, 0).PlusNanoseconds(-1),
            Closes = At(30, 0, 0),
            Method = "phone",
            DoneAt = At(3, 14, 15).PlusNanoseconds(926_535_897),
            Satisfied = false,
            Evidence = ["signature:sha256:ab12", "phone-mark:2026-03-03 14:15", "录音 \"quoted\", comma"],
        };

        (await Store.FollowUps.SaveAsync(pending)).Value.Version.Should().Be(1);
        (await Store.FollowUps.SaveAsync(done)).Value.Version.Should().Be(1);

        var readPending = await Store.FollowUps.FindAsync("C-1");
        var readDone = await Store.FollowUps.FindAsync("R-9");
        ShouldEqual(readPending!, pending with { Version = 1 });
        ShouldEqual(readDone!, done with { Version = 1 });
        readPending!.IsDone.Should().BeFalse();
        readPending.Method.Should().BeNull();
        readPending.Satisfied.Should().BeNull();
        readPending.Evidence.Should().BeEmpty();
        readDone!.IsDone.Should().BeTrue();
        (await Store.FollowUps.FindAsync("nope")).Should().BeNull();
    }

    [Fact]
    public async Task FollowUp_DoneLater_SavedWithTheReadVersion()
    {
        var pending = (await Store.FollowUps.SaveAsync(new FollowUpEntry { ItemId = "C-1", Kind = "complaint", Opens = At(2, 0, 0), Closes = At(5, 0, 0) })).Value;
        var done = pending with { Method = "visit", DoneAt = At(3, 10, 0), Satisfied = true, Evidence = ["signature"] };

        (await Store.FollowUps.SaveAsync(done)).Value.Version.Should().Be(2);
        var stale = await Store.FollowUps.SaveAsync(pending with { Method = "sms" });

        stale.Status.Should().Be(ResultStatus.Conflict);
        stale.Errors.Should().ContainSingle().Which.Should().Be(
            "Conflict: follow-up 'C-1' was saved by someone else (you read version 1, the store has version 2); reload it and apply your change again.");
        ShouldEqual((await Store.FollowUps.FindAsync("C-1"))!, done with { Version = 2 });
    }

    [Fact]
    public async Task Ledger_RoundTrip_DecimalsExactlyAndNullAmountAndPerson()
    {
        var lines = new[]
        {
            Line("L-1", "p-1", new YearMonth(2026, 3), 1100.10m),
            Line("L-2", null, new YearMonth(2026, 3), null),
            Line("L-3", "p-2", new YearMonth(1999, 12), -0.000_000_1m),
            Line("L-4", "p-2", new YearMonth(2026, 1), 79_228_162_514_264_337_593_543_950_335m),
            Line("L-5", "p-3", new YearMonth(2026, 2), 0.00m),
        };

        var appended = await Store.Ledger.AppendAsync(lines);

        appended.Value.Should().Be(5);
        var read = await Store.Ledger.QueryAsync(All<LedgerLine>());
        read.Should().HaveCount(5);
        for (int i = 0; i < lines.Length; i++)
        {
            read[i].Should().Be(lines[i]);   // a record of scalars: value equality is member equality
            (read[i].Amount?.ToString(CultureInfo.InvariantCulture)).Should().Be(lines[i].Amount?.ToString(CultureInfo.InvariantCulture));
        }

        read[0].Amount!.Value.ToString(CultureInfo.InvariantCulture).Should().Be("1100.10");   // the scale survives
        read[4].Amount!.Value.ToString(CultureInfo.InvariantCulture).Should().Be("0.00");
    }

    [Fact]
    public async Task Notification_RoundTrip_ThroughPending_WithParameters()
    {
        var notification = new Notification
        {
            IdempotencyKey = "warning/C-1/T8-draft/0/1/accountable",
            TicketId = "C-1",
            RecipientRole = "accountable",
            RecipientPerson = "u-42",
            Channel = "wechat",
            TemplateKey = "warning",
            Parameters = ImmutableDictionary<string, string>.Empty.Add("ticket", "C-1").Add("threshold", "50").Add("说明", "a \"quoted\" value"),
            DueAt = At(2, 9, 15).PlusNanoseconds(5),
        };
        var bare = new Notification { IdempotencyKey = "k-2", TicketId = "C-2", RecipientRole = "chairman", Channel = "sms", TemplateKey = "daily-reminder", DueAt = At(2, 9, 30) };

        (await Store.Outbox.EnqueueAsync([notification, bare])).Value.Should().Be(2);

        var pending = await Store.Outbox.PendingAsync(At(3, 0, 0), 10);
        pending.Should().HaveCount(2);
        ShouldEqual(pending[0], notification);
        ShouldEqual(pending[1], bare);
        pending[1].RecipientPerson.Should().BeNull();
        pending[1].Parameters.Should().BeEmpty();
    }

    // ---- optimistic concurrency

    [Fact]
    public async Task Save_TwoWritersReadVersionOne_SecondGetsConflictNamingBothVersions_StoredIsTheWinners()
    {
        await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, At(2, 10, 0)));
        var other = OpenAnotherWriter();
        var readByA = (await Store.Tickets.FindAsync("C-1"))!;
        var readByB = (await other.Tickets.FindAsync("C-1"))!;
        readByA.Version.Should().Be(1);
        readByB.Version.Should().Be(1);

        var a = await Store.Tickets.SaveAsync(readByA with { Ticket = readByA.Ticket.WithEvent("order-drafted", At(2, 9, 20)), Department = "a" });
        var b = await other.Tickets.SaveAsync(readByB with { Ticket = readByB.Ticket.WithEvent("canceled", At(2, 9, 21)), Department = "b" });

        a.IsSuccess.Should().BeTrue();
        a.Value.Version.Should().Be(2);
        b.Status.Should().Be(ResultStatus.Conflict);
        b.Errors.Should().ContainSingle().Which.Should().Be(
            "Conflict: ticket 'C-1' was saved by someone else (you read version 1, the store has version 2); reload it and apply your change again.");
        var stored = (await OpenAnotherWriter().Tickets.FindAsync("C-1"))!;
        ShouldEqual(stored, a.Value);
        stored.Ticket.Events.Select(e => e.Name).Should().Equal("call-ended", "order-drafted");
    }

    [Fact]
    public async Task Save_TwoWritersCreateTheSameNewId_SecondGetsConflict_ReadZeroStoreHasOne()
    {
        var a = await Store.Tickets.SaveAsync(Record("C-1", "complaint", "a", true, null));
        var b = await OpenAnotherWriter().Tickets.SaveAsync(Record("C-1", "repair", "b", true, null));

        a.Value.Version.Should().Be(1);
        b.Status.Should().Be(ResultStatus.Conflict);
        b.Errors.Should().ContainSingle().Which.Should().Contain("you read version 0, the store has version 1");
        (await Store.Tickets.FindAsync("C-1"))!.Department.Should().Be("a");
    }

    [Fact]
    public async Task Save_VersionAheadOfTheStore_IsAConflict_AndStoresNothing()
    {
        var result = await Store.Tickets.SaveAsync(Record("C-1", "complaint", "a", true, null) with { Version = 5 });

        result.Status.Should().Be(ResultStatus.Conflict);
        result.Errors.Should().ContainSingle().Which.Should().Contain("you read version 5, the store has version 0");
        (await Store.Tickets.FindAsync("C-1")).Should().BeNull();
    }

    [Fact]
    public async Task Save_EightParallelWritersFromTheSameReadVersion_ExactlyOneWinsEachRound()
    {
        await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, null));
        var writers = Enumerable.Range(0, 8).Select(_ => OpenAnotherWriter()).ToArray();

        for (int round = 1; round <= 5; round++)
        {
            var read = (await Store.Tickets.FindAsync("C-1"))!;
            read.Version.Should().Be(round);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var tasks = writers.Select((writer, i) => Task.Run(async () =>
            {
                await gate.Task;
                return await writer.Tickets.SaveAsync(read with { Department = $"writer-{i}", Ticket = read.Ticket.WithEvent("progress-updated", At(3, 10, i)) });
            })).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(tasks);

            results.Count(r => r.IsSuccess).Should().Be(1, "exactly one of eight writers from version {0} may win", round);
            results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Status == ResultStatus.Conflict);
            var winner = results.Single(r => r.IsSuccess).Value;
            winner.Version.Should().Be(round + 1);
            var stored = (await Store.Tickets.FindAsync("C-1"))!;
            ShouldEqual(stored, winner);
            stored.Ticket.Events.Should().HaveCount(round + 1, "each round's winner added exactly one event to what it read");
        }
    }

    [Fact]
    public async Task FollowUpSave_EightParallelWritersFromTheSameReadVersion_ExactlyOneWins()
    {
        var read = (await Store.FollowUps.SaveAsync(new FollowUpEntry { ItemId = "C-1", Kind = "complaint", Opens = At(2, 0, 0), Closes = At(5, 0, 0) })).Value;
        var writers = Enumerable.Range(0, 8).Select(_ => OpenAnotherWriter()).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = writers.Select((writer, i) => Task.Run(async () =>
        {
            await gate.Task;
            return await writer.FollowUps.SaveAsync(read with { Method = $"writer-{i}", DoneAt = At(3, 10, i), Satisfied = true });
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(tasks);

        results.Count(r => r.IsSuccess).Should().Be(1);
        results.Where(r => !r.IsSuccess).Should().OnlyContain(r => r.Status == ResultStatus.Conflict);
        ShouldEqual((await Store.FollowUps.FindAsync("C-1"))!, results.Single(r => r.IsSuccess).Value);
    }

    // ---- crash between write and commit

    [Fact]
    public async Task CrashBetweenWriteAndCommit_LosesNothingCommitted_ShowsNothingUncommitted_StoreStillWorks()
    {
        var committed = (await Store.Tickets.SaveAsync(Record("C-1", "complaint", "engineering", true, At(2, 10, 0)))).Value;
        var halfUpdate = committed with { Ticket = committed.Ticket.WithEvent("closed", At(3, 9, 0)), IsOpen = false, Department = "crashed" };
        var halfInsert = Record("C-2", "repair", "crashed", true, null);

        await SimulateCrashDuringSaveAsync(halfUpdate);
        await SimulateCrashDuringSaveAsync(halfInsert);

        foreach (var reader in new[] { Store, OpenAnotherWriter() })
        {
            ShouldEqual((await reader.Tickets.FindAsync("C-1"))!, committed);
            (await reader.Tickets.FindAsync("C-2")).Should().BeNull();
            (await reader.Tickets.QueryAsync(All<TicketRecord>())).Select(r => r.Id).Should().Equal("C-1");
        }

        (await Store.Tickets.SaveAsync(halfUpdate)).Value.Version.Should().Be(2);
        (await Store.Tickets.SaveAsync(halfInsert)).Value.Version.Should().Be(1);
        ShouldEqual((await OpenAnotherWriter().Tickets.FindAsync("C-1"))!, halfUpdate with { Version = 2 });
    }

    // ---- queries by specification: same rows, ordered by id, on every adapter

    public static TheoryData<string> TicketQueries => [.. _ticketCases.Keys];

    [Theory]
    [MemberData(nameof(TicketQueries))]
    public async Task Tickets_QueryBySpecification_ReturnsTheHandListedIdsInIdOrder(string name)
    {
        await SeedTicketsAsync();
        var (specification, expected) = _ticketCases[name];

        var rows = await Store.Tickets.QueryAsync(specification);

        rows.Select(r => r.Id).Should().Equal(expected);
        rows.Where(r => r.Version != 1).Should().BeEmpty();
    }

    public static TheoryData<string> FollowUpQueries => [.. _followUpCases.Keys];

    [Theory]
    [MemberData(nameof(FollowUpQueries))]
    public async Task FollowUps_QueryBySpecification_ReturnsTheHandListedIdsInIdOrder(string name)
    {
        await SeedFollowUpsAsync();
        var (specification, expected) = _followUpCases[name];

        var rows = await Store.FollowUps.QueryAsync(specification);

        rows.Select(r => r.ItemId).Should().Equal(expected);
    }

    public static TheoryData<string> LedgerQueries => [.. _ledgerCases.Keys];

    [Theory]
    [MemberData(nameof(LedgerQueries))]
    public async Task Ledger_QueryBySpecification_ReturnsTheHandListedIdsInIdOrder(string name)
    {
        await Store.Ledger.AppendAsync(_ledgerData);
        var (specification, expected) = _ledgerCases[name];

        var rows = await Store.Ledger.QueryAsync(specification);

        rows.Select(r => r.Id).Should().Equal(expected);
    }

    // Regression: And/Or/Not once read a shipped specification's Criteria twice; its expression-bodied
    // Criteria builds a new lambda on every read, so the combination referred to an unbound parameter.
    public static TheoryData<string> DirectCombinations => ["shipped and shipped", "shipped or shipped", "not shipped", "custom and shipped", "follow-ups: not shipped", "ledger: shipped or shipped"];

    [Theory]
    [MemberData(nameof(DirectCombinations))]
    public async Task ShippedSpecifications_CombinedDirectly_QueryLikeTheirFrozenCopies(string name)
    {
        await SeedTicketsAsync();
        await SeedFollowUpsAsync();
        await Store.Ledger.AppendAsync(_ledgerData);

        IReadOnlyList<string> ids = name switch
        {
            "shipped and shipped" => Ids(await Store.Tickets.QueryAsync(new OpenTicketsOfDepartment("engineering").And(new TicketsOfKind("complaint")))),
            "shipped or shipped" => Ids(await Store.Tickets.QueryAsync(new TicketsOfKind("repair").Or(new OverdueTicketsAt(_queryAt)))),
            "not shipped" => Ids(await Store.Tickets.QueryAsync(new TicketsOfKind("complaint").Not())),
            "custom and shipped" => Ids(await Store.Tickets.QueryAsync(_majorWithHistory.Or(_noDepartment).And(new OverdueTicketsAt(_queryAt)))),
            "follow-ups: not shipped" => [.. (await Store.FollowUps.QueryAsync(new FollowUpsDueBetween(_from, _to).Not())).Select(e => e.ItemId)],
            _ => [.. (await Store.Ledger.QueryAsync(new LedgerOfPersonInMonth("p1", new YearMonth(2026, 3)).Or(new LedgerOfPersonInMonth("p2", new YearMonth(2026, 3))))).Select(l => l.Id)],
        };

        string[] expected = name switch
        {
            "shipped and shipped" => ["T-01", "T-10"],
            "shipped or shipped" => ["T-01", "T-03", "T-04", "T-05", "T-10", "t-08"],
            "not shipped" => ["T-03", "T-04", "T-06", "t-08"],
            "custom and shipped" => ["T-01", "T-05"],
            "follow-ups: not shipped" => ["F-2", "F-3", "F-5", "F-7"],
            _ => ["L-01", "L-03", "L-05"],
        };
        ids.Should().Equal(expected);
    }

    [Fact]
    public async Task Tickets_QueryOrder_IsOrdinalOverUnicodeIds()
    {
        string[] ids = ["A-\U0001F600", "A-z", "A-東", "A-Z", "a", "A-0"];   // see SqliteStoreContractTests for U+E000-U+FFFF
        foreach (var id in ids)
        {
            await Store.Tickets.SaveAsync(Record(id, "complaint", "x", true, null));
        }

        (await Store.Tickets.QueryAsync(All<TicketRecord>())).Select(r => r.Id).Should().Equal(ids.Order(StringComparer.Ordinal));
    }

    private static string[] Ids(IReadOnlyList<TicketRecord> rows) => [.. rows.Select(r => r.Id)];

    [Fact]
    public async Task LedgerAppend_BatchWithAnInvalidLine_StoresNothing()
    {
        var good = Line("L-1", "p1", new YearMonth(2026, 3), 100m);
        var bad = Line("L-2", "p1", new YearMonth(2026, 3), 100m) with { Id = null! };

        var act = async () => await Store.Ledger.AppendAsync([good, bad]);

        await act.Should().ThrowAsync<Exception>();
        (await Store.Ledger.QueryAsync(All<LedgerLine>())).Should().BeEmpty("appends are all or none");
    }

    [Fact]
    public async Task OutboxEnqueue_BatchWithAnInvalidNotification_StoresNothing()
    {
        var act = async () => await Store.Outbox.EnqueueAsync([Note("k-1", At(2, 9, 30)), Note(null!, At(2, 9, 30))]);

        await act.Should().ThrowAsync<Exception>();
        (await Store.Outbox.PendingAsync(At(3, 0, 0), 10)).Should().BeEmpty("enqueues are all or none");
    }

    [Fact]
    public async Task Save_CanceledToken_ThrowsAndStoresNothing()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var act = async () => await Store.Tickets.SaveAsync(Record("C-1", "complaint", "a", true, null), canceled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await Store.Tickets.FindAsync("C-1")).Should().BeNull();
    }

    // ---- idempotent appends and the outbox

    [Fact]
    public async Task LedgerAppend_SameIdTwice_StoresOnce_FirstWriteWins_ReturnsNewCount()
    {
        var l1 = Line("L-1", "p1", new YearMonth(2026, 3), 100m);
        var l2 = Line("L-2", "p1", new YearMonth(2026, 3), 200m);

        (await Store.Ledger.AppendAsync([l1, l2])).Value.Should().Be(2);
        (await Store.Ledger.AppendAsync([l2, l1 with { Amount = 999m }, Line("L-3", "p2", new YearMonth(2026, 3), 300m)])).Value.Should().Be(1);
        (await OpenAnotherWriter().Ledger.AppendAsync([l1, l2])).Value.Should().Be(0);
        (await Store.Ledger.AppendAsync([Line("L-4", null, new YearMonth(2026, 3), null), Line("L-4", null, new YearMonth(2026, 3), null)])).Value.Should().Be(1);
        (await Store.Ledger.AppendAsync([])).Value.Should().Be(0);

        var all = await Store.Ledger.QueryAsync(All<LedgerLine>());
        all.Select(l => l.Id).Should().Equal("L-1", "L-2", "L-3", "L-4");
        all[0].Amount.Should().Be(100m);
    }

    [Fact]
    public async Task OutboxEnqueue_SameKeyTwice_StoresOnce_FirstWriteWins_ReturnsNewCount()
    {
        var n1 = Note("k-1", At(2, 9, 30));
        var n2 = Note("k-2", At(2, 9, 30));

        (await Store.Outbox.EnqueueAsync([n1, n2])).Value.Should().Be(2);
        (await Store.Outbox.EnqueueAsync([n2, n1 with { TemplateKey = "changed" }, Note("k-3", At(2, 9, 31))])).Value.Should().Be(1);
        (await OpenAnotherWriter().Outbox.EnqueueAsync([n1])).Value.Should().Be(0);
        (await Store.Outbox.EnqueueAsync([Note("k-4", At(2, 9, 32)), Note("k-4", At(2, 9, 33))])).Value.Should().Be(1);
        (await Store.Outbox.EnqueueAsync([])).Value.Should().Be(0);

        var pending = await Store.Outbox.PendingAsync(At(3, 0, 0), 100);
        pending.Select(n => n.IdempotencyKey).Should().Equal("k-1", "k-2", "k-3", "k-4");
        pending[0].TemplateKey.Should().Be("daily-reminder");
        pending[3].DueAt.Should().Be(At(2, 9, 32));
    }

    [Fact]
    public async Task OutboxEnqueue_AlreadySentNotification_IsStoredPending()
    {
        await Store.Outbox.EnqueueAsync([Note("k-1", At(2, 9, 30)) with { SentAt = At(2, 9, 31) }]);

        var pending = await Store.Outbox.PendingAsync(At(2, 9, 30), 10);

        pending.Should().ContainSingle().Which.SentAt.Should().BeNull();
    }

    [Fact]
    public async Task Pending_OldestFirstThenKeyOrdinal_DueAtNowIncluded_FutureExcluded_MaxRespected()
    {
        var now = At(2, 12, 0);
        await Store.Outbox.EnqueueAsync(
        [
            Note("b", now),
            Note("a", now),                             // same due: by key
            Note("future", now.PlusNanoseconds(1)),
            Note("Z", At(2, 9, 30)),
            Note("old", At(1, 9, 30)),
            Note("z", At(2, 9, 30)),                    // ordinal: "Z" < "z"
        ]);

        (await Store.Outbox.PendingAsync(now, 100)).Select(n => n.IdempotencyKey).Should().Equal("old", "Z", "z", "a", "b");
        (await Store.Outbox.PendingAsync(now, 2)).Select(n => n.IdempotencyKey).Should().Equal("old", "Z");
        (await Store.Outbox.PendingAsync(now, 0)).Should().BeEmpty();
        (await Store.Outbox.PendingAsync(now, -1)).Should().BeEmpty();
        (await Store.Outbox.PendingAsync(now, int.MaxValue)).Should().HaveCount(5);
        (await Store.Outbox.PendingAsync(At(1, 9, 30).PlusNanoseconds(-1), 100)).Should().BeEmpty();
    }

    [Fact]
    public async Task MarkSent_ThenNotPending_UnknownKeyIsNotFound_ReEnqueueDoesNotResurrect()
    {
        await Store.Outbox.EnqueueAsync([Note("k-1", At(2, 9, 30)), Note("k-2", At(2, 9, 30))]);

        var marked = await Store.Outbox.MarkSentAsync("k-1", At(2, 9, 31));
        var unknown = await OpenAnotherWriter().Outbox.MarkSentAsync("k-404", At(2, 9, 31));

        marked.IsSuccess.Should().BeTrue();
        unknown.Status.Should().Be(ResultStatus.NotFound);
        unknown.Errors.Should().ContainSingle().Which.Should().Be("No notification with idempotency key 'k-404' in the outbox.");
        (await Store.Outbox.PendingAsync(At(3, 0, 0), 10)).Select(n => n.IdempotencyKey).Should().Equal("k-2");
        (await Store.Outbox.EnqueueAsync([Note("k-1", At(2, 9, 30))])).Value.Should().Be(0);
        (await Store.Outbox.PendingAsync(At(3, 0, 0), 10)).Select(n => n.IdempotencyKey).Should().Equal("k-2");
        (await Store.Outbox.MarkSentAsync("k-2", At(2, 9, 32))).IsSuccess.Should().BeTrue();
        (await Store.Outbox.PendingAsync(At(3, 0, 0), 10)).Should().BeEmpty();
    }

    // ---- data and helpers

    private static readonly Instant _queryAt = At(2, 12, 0);

    private static readonly TicketRecord[] _tickets =
    [
        Record("T-07", "complaint", "marketing", true, _queryAt),                                    // due exactly now: not overdue
        Record("T-01", "complaint", "engineering", true, At(2, 10, 0), "major", extraEvent: true),
        Record("t-08", "repair", "Engineering", true, At(2, 11, 0)),                                  // department is case-sensitive
        Record("T-02", "complaint", "engineering", false, At(2, 9, 0)),                               // closed: never overdue
        Record("T-03", "repair", "engineering", true, null),
        Record("T-10", "complaint", "engineering", true, At(1, 0, 0)),
        Record("T-04", "repair", "marketing", true, At(3, 10, 0)),
        Record("T-05", "complaint", null, true, _queryAt.PlusNanoseconds(-1), "major"),
        Record("T-06", "help", "marketing", false, null),
    ];

    private static Specification<T> Frozen<T>(Specification<T> specification) => new ExpressionSpecification<T>(specification.Name, specification.Criteria);

    private static Specification<T> All<T>() => new ExpressionSpecification<T>("all", _ => true);

    private static readonly ExpressionSpecification<TicketRecord> _majorWithHistory =
        new("major with more than one event", r => r.Ticket.Severity == "major" && r.Ticket.Events.Length > 1);

    private static readonly ExpressionSpecification<TicketRecord> _noDepartment = new("no department", r => r.Department == null);

    private static readonly Dictionary<string, (Specification<TicketRecord> Specification, string[] Expected)> _ticketCases = new()
    {
        ["open of engineering"] = (new OpenTicketsOfDepartment("engineering"), ["T-01", "T-03", "T-10"]),
        ["open of marketing"] = (new OpenTicketsOfDepartment("marketing"), ["T-04", "T-07"]),
        ["open of nobody's department"] = (new OpenTicketsOfDepartment("finance"), []),
        ["overdue at noon"] = (new OverdueTicketsAt(_queryAt), ["T-01", "T-05", "T-10", "t-08"]),
        ["overdue a nanosecond earlier"] = (new OverdueTicketsAt(_queryAt.PlusNanoseconds(-1)), ["T-01", "T-10", "t-08"]),
        ["of kind complaint"] = (new TicketsOfKind("complaint"), ["T-01", "T-02", "T-05", "T-07", "T-10"]),
        ["of kind repair"] = (new TicketsOfKind("repair"), ["T-03", "T-04", "t-08"]),
        ["of kind Complaint (case)"] = (new TicketsOfKind("Complaint"), []),
        ["custom: major with history"] = (_majorWithHistory, ["T-01"]),
        ["custom: no department"] = (_noDepartment, ["T-05"]),
        ["custom or custom"] = (_majorWithHistory.Or(_noDepartment), ["T-01", "T-05"]),
        ["custom and not custom"] = (All<TicketRecord>().And(_noDepartment.Not()), ["T-01", "T-02", "T-03", "T-04", "T-06", "T-07", "T-10", "t-08"]),
        ["open of engineering and complaint"] = (Frozen(new OpenTicketsOfDepartment("engineering")).And(Frozen(new TicketsOfKind("complaint"))), ["T-01", "T-10"]),
        ["repair or overdue"] = (Frozen(new TicketsOfKind("repair")).Or(Frozen(new OverdueTicketsAt(_queryAt))), ["T-01", "T-03", "T-04", "T-05", "T-10", "t-08"]),
        ["not complaint"] = (Frozen(new TicketsOfKind("complaint")).Not(), ["T-03", "T-04", "T-06", "t-08"]),
        ["complaint and not overdue"] = (Frozen(new TicketsOfKind("complaint")).And(Frozen(new OverdueTicketsAt(_queryAt)).Not()), ["T-02", "T-07"]),
        ["custom and shipped"] = (_majorWithHistory.Or(_noDepartment).And(Frozen(new OverdueTicketsAt(_queryAt))), ["T-01", "T-05"]),
    };

    private static readonly Instant _from = At(2, 0, 0);
    private static readonly Instant _to = At(9, 0, 0);

    private static readonly FollowUpEntry[] _followUps =
    [
        new() { ItemId = "F-6", Kind = "complaint", Opens = _from, Closes = _to.PlusNanoseconds(-1) },
        new() { ItemId = "F-1", Kind = "complaint", Opens = _from, Closes = _from },                               // start is inclusive
        new() { ItemId = "F-2", Kind = "complaint", Opens = _from, Closes = _to },                                 // end is exclusive
        new() { ItemId = "F-3", Kind = "complaint", Opens = _from, Closes = At(4, 0, 0), DoneAt = At(3, 0, 0), Method = "phone", Satisfied = false },
        new() { ItemId = "F-4", Kind = "repair", Opens = _from, Closes = At(5, 12, 0).PlusNanoseconds(1) },
        new() { ItemId = "F-5", Kind = "repair", Opens = _from, Closes = _from.PlusNanoseconds(-1) },
        new() { ItemId = "F-7", Kind = "repair", Opens = _from, Closes = At(20, 0, 0), DoneAt = At(3, 0, 0), Method = "visit", Satisfied = true, Evidence = ["signature"] },
    ];

    private static readonly Dictionary<string, (Specification<FollowUpEntry> Specification, string[] Expected)> _followUpCases = new()
    {
        ["due between"] = (new FollowUpsDueBetween(_from, _to), ["F-1", "F-4", "F-6"]),
        ["due in an empty window"] = (new FollowUpsDueBetween(_to, _to), []),
        ["custom: unsatisfied"] = (new ExpressionSpecification<FollowUpEntry>("unsatisfied", e => e.Satisfied == false), ["F-3"]),
        ["custom: with evidence"] = (new ExpressionSpecification<FollowUpEntry>("with evidence", e => e.Evidence.Length > 0), ["F-7"]),
        ["not due between"] = (Frozen(new FollowUpsDueBetween(_from, _to)).Not(), ["F-2", "F-3", "F-5", "F-7"]),
        ["due between and complaint"] = (Frozen(new FollowUpsDueBetween(_from, _to)).And(new ExpressionSpecification<FollowUpEntry>("complaint", e => e.Kind == "complaint")), ["F-1", "F-6"]),
        ["due between or done"] = (Frozen(new FollowUpsDueBetween(_from, _to)).Or(new ExpressionSpecification<FollowUpEntry>("done", e => e.DoneAt != null)), ["F-1", "F-3", "F-4", "F-6", "F-7"]),
    };

    private static readonly LedgerLine[] _ledgerData =
    [
        Line("L-06", "p1", new YearMonth(2025, 3), 100m),      // same month number, another year
        Line("L-01", "p1", new YearMonth(2026, 3), 1100.10m),
        Line("L-02", "p1", new YearMonth(2026, 4), 200m),
        Line("L-03", "p2", new YearMonth(2026, 3), 300m),
        Line("L-04", null, new YearMonth(2026, 3), null),
        Line("L-05", "p1", new YearMonth(2026, 3), 0.01m),
    ];

    private static readonly Dictionary<string, (Specification<LedgerLine> Specification, string[] Expected)> _ledgerCases = new()
    {
        ["p1 in 2026-03"] = (new LedgerOfPersonInMonth("p1", new YearMonth(2026, 3)), ["L-01", "L-05"]),
        ["p1 in 2026-04"] = (new LedgerOfPersonInMonth("p1", new YearMonth(2026, 4)), ["L-02"]),
        ["p3 in 2026-03"] = (new LedgerOfPersonInMonth("p3", new YearMonth(2026, 3)), []),
        ["custom: no amount"] = (new ExpressionSpecification<LedgerLine>("no amount", l => l.Amount == null), ["L-04"]),
        ["custom: over 1000"] = (new ExpressionSpecification<LedgerLine>("over 1000", l => l.Amount > 1000m), ["L-01"]),
        ["not p1 in 2026-03"] = (Frozen(new LedgerOfPersonInMonth("p1", new YearMonth(2026, 3))).Not(), ["L-02", "L-03", "L-04", "L-06"]),
        ["p1 or p2 in 2026-03"] = (Frozen(new LedgerOfPersonInMonth("p1", new YearMonth(2026, 3))).Or(Frozen(new LedgerOfPersonInMonth("p2", new YearMonth(2026, 3)))), ["L-01", "L-03", "L-05"]),
        ["p1 in 2026-03 and over 1"] = (Frozen(new LedgerOfPersonInMonth("p1", new YearMonth(2026, 3))).And(new ExpressionSpecification<LedgerLine>("over 1", l => l.Amount > 1m)), ["L-01"]),
    };

    private async Task SeedTicketsAsync()
    {
        foreach (var record in _tickets)
        {
            (await Store.Tickets.SaveAsync(record)).IsSuccess.Should().BeTrue();
        }
    }

    private async Task SeedFollowUpsAsync()
    {
        foreach (var entry in _followUps)
        {
            (await Store.FollowUps.SaveAsync(entry)).IsSuccess.Should().BeTrue();
        }
    }

    /// <summary>A ticket record opened by a call at 09:00 on 2 March.</summary>
    protected static TicketRecord Record(string id, string kind, string? department, bool isOpen, Instant? nextDue, string severity = "general", bool extraEvent = false)
    {
        TicketEvent[] events = extraEvent
            ? [new("call-ended", At(2, 9, 0)), new("order-drafted", At(2, 9, 10))]
            : [new("call-ended", At(2, 9, 0))];
        return new TicketRecord { Ticket = new Ticket(id, kind, severity, events), Department = department, IsOpen = isOpen, NextDue = nextDue };
    }

    private static LedgerLine Line(string id, string? person, YearMonth month, decimal? amount) => new()
    {
        Id = id,
        PersonId = person,
        Month = month,
        TicketId = "C-1",
        RuleId = "P3-accountable",
        Amount = amount,
        Currency = "CNY",
        Computation = $"{id}: 7 days x 100 = 700; \"quoted\" 说明",
    };

    private static Notification Note(string key, Instant due) => new()
    {
        IdempotencyKey = key,
        TicketId = "C-1",
        RecipientRole = "accountable",
        Channel = "sms",
        TemplateKey = "daily-reminder",
        DueAt = due,
    };

    /// <summary>Member-wise equality of ticket records (Ticket is a class; its arrays and dictionaries compare by reference).</summary>
    protected static void ShouldEqual(TicketRecord actual, TicketRecord expected)
    {
        actual.Should().NotBeNull();
        actual.Id.Should().Be(expected.Id);
        actual.Ticket.Kind.Should().Be(expected.Ticket.Kind);
        actual.Ticket.Severity.Should().Be(expected.Ticket.Severity);
        actual.Ticket.Category.Should().Be(expected.Ticket.Category);
        actual.Ticket.Project.Should().Be(expected.Ticket.Project);
        actual.Ticket.Events.Should().Equal(expected.Ticket.Events);
        actual.Ticket.Fields.Should().Equal(expected.Ticket.Fields);
        actual.Department.Should().Be(expected.Department);
        actual.IsOpen.Should().Be(expected.IsOpen);
        actual.NextDue.Should().Be(expected.NextDue);
        actual.Version.Should().Be(expected.Version);
    }

    private static void ShouldEqual(FollowUpEntry actual, FollowUpEntry expected)
    {
        actual.Should().NotBeNull();
        actual.Should().Be(expected with { Evidence = actual.Evidence });   // every scalar member
        actual.Evidence.Should().Equal(expected.Evidence);
    }

    private static void ShouldEqual(Notification actual, Notification expected)
    {
        actual.Should().Be(expected with { Parameters = actual.Parameters });   // every scalar member
        actual.Parameters.Should().Equal(expected.Parameters);
    }
}
