using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Integration.Storage;

/// <summary>Writes of many grains sharing one transaction on PostgreSQL, each caller still getting its own outcome.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStatementBatcherTests(PostgresServer server) : IAsyncLifetime
{
    private PostgresTestSilo _silo = null!;

    private PostgresStatementBatcher Batcher => _silo.Services.GetRequiredService<PostgresStatementBatcher>();

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.GrainStorageName);

    public async Task InitializeAsync() => _silo = await PostgresTestSilo.SharedAsync(server, "grain_storage");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Query_ManyAtOnce_ShareFewTransactionsAndEachGetsItsOwnRows()
    {
        var queries = Enumerable.Range(0, 60).Select(i => Batcher.Query("SELECT $1, txid_current()", parameters =>
            parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = i }))).ToArray();

        var results = await Task.WhenAll(queries).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 60), results.Select(rows => (int)Assert.Single(rows)[0]!));
        // The first goes at once; the rest queue behind it and share the next transaction(s).
        var transactions = results.Select(rows => (long)rows[0][1]!).Distinct().Count();
        Assert.InRange(transactions, 1, 5);
    }

    [Fact]
    public async Task Query_OneFailingStatementInABatch_FailsOnlyItsCaller()
    {
        var first = Batcher.Query("SELECT pg_sleep(0.2)::text", _ => { });
        var good = Enumerable.Range(0, 10).Select(i => Batcher.Query("SELECT $1", parameters =>
            parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = i }))).ToArray();
        var bad = Batcher.Query("SELECT 1 / 0", _ => { });

        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 10), (await Task.WhenAll(good).WaitAsync(TimeSpan.FromSeconds(30))).Select(rows => (int)rows[0][0]!));
        var error = await Assert.ThrowsAsync<PostgresException>(() => bad.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(PostgresErrorCodes.DivisionByZero, error.SqlState);
    }

    [Fact]
    public async Task WriteState_ManyGrainsAtOnceWithOneStaleEtag_OnlyTheStaleWriterFailsAndEveryOtherRowHoldsItsState()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => GrainId.Create("counter", Guid.NewGuid().ToString("N"))).ToArray();
        var stale = new GrainState<CounterState>(new CounterState { Value = 1 });
        await Storage.WriteStateAsync("state", ids[0], stale);
        await Storage.WriteStateAsync("state", ids[0], new GrainState<CounterState>(new CounterState { Value = 2 }) { ETag = stale.ETag });

        var states = ids.Select((_, i) => new GrainState<CounterState>(new CounterState { Value = 100 + i })).ToArray();
        states[0] = new GrainState<CounterState>(new CounterState { Value = 99 }) { ETag = stale.ETag };
        var writes = ids.Select((id, i) => Storage.WriteStateAsync("state", id, states[i])).ToArray();

        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[0]);
        await Task.WhenAll(writes[1..]).WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<CounterState>();
            await Storage.ReadStateAsync("state", ids[i], read);
            Assert.Equal(i == 0 ? 2 : 100 + i, read.State!.Value);
            Assert.Equal(i == 0 ? "2" : "1", read.ETag);
        }
    }

    [Fact]
    public async Task Execute_UnitsWithoutRowsBetweenQueries_AreAllCommittedAndEachQueryStillGetsItsOwnRows()
    {
        var table = await NewTable();
        // Holds the batcher busy, so the units and queries below queue up and share the next batch.
        var first = Batcher.Query("SELECT pg_sleep(0.2)::text", _ => { });
        var writes = new List<Task>();
        var queries = new List<Task<IReadOnlyList<object?[]>>>();
        for (var i = 0; i < 10; i++)
        {
            var id = i;
            writes.Add(Batcher.Execute(
            [
                new PostgresStatement($"INSERT INTO {table} (id, v) VALUES (@id, 'new')", p => p.AddWithValue("id", id)),
                new PostgresStatement($"UPDATE {table} SET v = @v WHERE id = @id", p =>
                {
                    p.AddWithValue("v", $"v{id}");
                    p.AddWithValue("id", id);
                }),
            ]));
            queries.Add(Batcher.Query("SELECT $1", p => p.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = id })));
        }

        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 10), (await Task.WhenAll(queries)).Select(rows => (int)Assert.Single(rows)[0]!));
        var stored = await Batcher.Query($"SELECT id, v FROM {table} ORDER BY id", _ => { });
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), stored.Select(row => (string)row[1]!));
    }

    [Fact]
    public async Task Execute_AUnitWhoseSecondStatementFails_KeepsNoneOfItAndFailsNoOtherUnit()
    {
        var table = await NewTable();
        var first = Batcher.Query("SELECT pg_sleep(0.2)::text", _ => { });
        var bad = Batcher.Execute(
        [
            new PostgresStatement($"INSERT INTO {table} (id, v) VALUES (1, 'kept?')", _ => { }),
            new PostgresStatement($"INSERT INTO {table} (id, v) VALUES (1, 'duplicate')", _ => { }),
        ]);
        var good = Batcher.Execute([new PostgresStatement($"INSERT INTO {table} (id, v) VALUES (2, 'good')", _ => { })]);

        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await good.WaitAsync(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<PostgresException>(() => bad.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        var stored = await Batcher.Query($"SELECT id FROM {table} ORDER BY id", _ => { });
        Assert.Equal([2], stored.Select(row => (int)row[0]!));
    }

    [Fact]
    public async Task ReadState_AbsentWrittenAndClearedRows_ReadAsTheAdoNetProviderReadsThem()
    {
        var provider = new ExactKeyGrainStorage(_silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.AdoNetStorageName));
        var id = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

        await AssertReadsAlike(provider, id, exists: false, etag: null, value: 0);
        var written = new GrainState<CounterState>(new CounterState { Value = 5 });
        await Storage.WriteStateAsync("state", id, written);
        await Storage.WriteStateAsync("state", id, new GrainState<CounterState>(new CounterState { Value = 6 }) { ETag = written.ETag });
        await AssertReadsAlike(provider, id, exists: true, etag: "2", value: 6);
        var cleared = new GrainState<CounterState>();
        await Storage.ReadStateAsync("state", id, cleared);
        await Storage.ClearStateAsync("state", id, cleared);
        await AssertReadsAlike(provider, id, exists: false, etag: cleared.ETag, value: 0);
    }

    private async Task AssertReadsAlike(IGrainStorage provider, GrainId id, bool exists, string? etag, int value)
    {
        var batched = new GrainState<CounterState>();
        var direct = new GrainState<CounterState>();
        await Storage.ReadStateAsync("state", id, batched);
        await provider.ReadStateAsync("state", id, direct);

        Assert.Equal((exists, etag, value), (batched.RecordExists, batched.ETag, batched.State!.Value));
        Assert.Equal((direct.RecordExists, direct.ETag, direct.State!.Value), (batched.RecordExists, batched.ETag, batched.State!.Value));
    }

    private async Task<string> NewTable()
    {
        var table = "batch_units_" + Guid.NewGuid().ToString("N")[..8];
        await Batcher.Execute([new PostgresStatement($"CREATE TABLE {table} (id integer PRIMARY KEY, v text NOT NULL)", _ => { })]);
        return table;
    }
}
