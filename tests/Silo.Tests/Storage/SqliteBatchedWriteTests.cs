using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using WealthActors.Grains.Diagnostics;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage;

[GenerateSerializer, Alias("WealthActors.Silo.Tests.ProjectedTestState")]
public sealed class ProjectedTestState : IProjectedState
{
    [field: NonSerialized]
    public IReadModelRow? PendingProjection { get; set; }

    [Id(0)] public int Value { get; set; }
}

/// <summary>A silo on a temp SQLite file with the read model in the same file, shared by a test class.</summary>
public sealed class SqliteReadModelSiloFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await TestSilo.StartAsync(_folder.Path, readModel: true);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>
/// Grain state on SQLite goes through the file's group commit: writes queued together share one transaction, a state's
/// read-model row commits in its unit (both or neither), a stale write fails alone, and reads never wait for the writer.
/// </summary>
public sealed class SqliteBatchedWriteTests : IClassFixture<SqliteReadModelSiloFixture>, IDisposable
{
    private readonly SqliteReadModelSiloFixture _fixture;
    private readonly ActivitySource _test = new($"WealthActors.Tests.{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SqliteBatchedWriteTests(SqliteReadModelSiloFixture fixture)
    {
        _fixture = fixture;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _test || source.Name == WealthActorsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private IGrainStorage Storage => _fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.GrainStorageName);

    private SqliteDatabase Database => _fixture.Silo.Services.GetRequiredService<SqliteDatabase>();

    public void Dispose()
    {
        _listener.Dispose();
        _test.Dispose();
    }

    [Fact]
    public async Task WriteState_ManyGrainsQueuedBehindTheWriter_ShareOneTransactionAndEachGetsItsOwnVersion()
    {
        var ids = Enumerable.Range(0, 60).Select(_ => NewId()).ToArray();
        var earlier = ids.Take(20).Select(id => new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 1 })).ToArray();
        await Task.WhenAll(ids.Take(20).Select((id, i) => Storage.WriteStateAsync("state", id, earlier[i])));
        var states = ids.Select((_, i) => new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 100 + i }) { ETag = i < 20 ? earlier[i].ETag : null }).ToArray();

        ActivityTraceId trace;
        Task[] writes;
        // The writer is busy (another connection holds the write gate), so every write queues.
        await using (await Database.OpenWriteAsync(CancellationToken.None))
        {
            using var command = _test.StartActivity("command")!;
            trace = command.TraceId;
            writes = ids.Select((id, i) => Storage.WriteStateAsync("state", id, states[i])).ToArray();
        }

        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ids.Select((_, i) => i < 20 ? "2" : "1"), states.Select(state => state.ETag));
        // The first write may have started a batch of its own before the others were queued; the rest share the next.
        var batches = await Eventually.Until(
            () => Task.FromResult(_stopped.Where(a => a.DisplayName == SqliteStatementBatcher.WriteBatchSpanName && a.Links.Any(l => l.Context.TraceId == trace)).ToList()),
            found => found.Sum(b => (int)b.GetTagItem("wealthactors.batch.size")!) >= ids.Length,
            "the batches that carried the writes");
        Assert.InRange(batches.Count, 1, 2);
        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<ProjectedTestState>();
            await Storage.ReadStateAsync("state", ids[i], read);
            Assert.Equal((100 + i, i < 20 ? "2" : "1"), (read.State!.Value, read.ETag));
        }
    }

    [Fact]
    public async Task ReadState_WhileTheWriterHoldsTheGate_AnswersAtOnceAndTheWriteWaits()
    {
        var id = NewId();
        var state = new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 1 });
        await Storage.WriteStateAsync("state", id, state);

        Task write;
        await using (await Database.OpenWriteAsync(CancellationToken.None))
        {
            state.State!.Value = 2;
            write = Storage.WriteStateAsync("state", id, state);
            var read = new GrainState<ProjectedTestState>();
            await Storage.ReadStateAsync("state", id, read).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal((1, "1"), (read.State!.Value, read.ETag));
            Assert.False(write.IsCompleted);
        }

        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("2", state.ETag);
    }

    [Fact]
    public async Task WriteState_WithAPendingRow_CommitsTheRowWithTheStateAndTakesItOffTheState()
    {
        var id = NewId();
        var state = new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 1, PendingProjection = Complaint(id, ComplaintStatus.Open) });

        await Storage.WriteStateAsync("state", id, state);

        Assert.Null(state.State!.PendingProjection);
        Assert.Equal("1", state.ETag);
        Assert.Equal([$"{(int)ComplaintStatus.Open}"], await TestDatabases.ColumnAsync(Database, $"SELECT status FROM rm_complaints WHERE complaint_id = '{Key(id)}'"));
    }

    [Fact]
    public async Task WriteState_StaleEtagWithAPendingRow_FailsAsInconsistentAndPublishesNothingWhileTheOthersInItsBatchCommit()
    {
        var ids = Enumerable.Range(0, 30).Select(_ => NewId()).ToArray();
        var first = new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 1, PendingProjection = Complaint(ids[0], ComplaintStatus.Open) });
        await Storage.WriteStateAsync("state", ids[0], first);
        await Storage.WriteStateAsync("state", ids[0], new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 2 }) { ETag = first.ETag });

        var states = ids.Select((id, i) => new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 100 + i, PendingProjection = Complaint(id, ComplaintStatus.Acknowledged) })).ToArray();
        states[0].ETag = first.ETag;
        var writes = ids.Select((id, i) => Storage.WriteStateAsync("state", id, states[i])).ToArray();

        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[0]);
        await Task.WhenAll(writes[1..]).WaitAsync(TimeSpan.FromSeconds(30));
        var statuses = await TestDatabases.ColumnAsync(Database,
            $"SELECT complaint_id || ':' || status FROM rm_complaints WHERE complaint_id IN ({string.Join(", ", ids.Select(id => $"'{Key(id)}'"))})");
        Assert.Equal(
            ids.Select((id, i) => $"{Key(id)}:{(int)(i == 0 ? ComplaintStatus.Open : ComplaintStatus.Acknowledged)}").Order(StringComparer.Ordinal),
            statuses.Order(StringComparer.Ordinal));
        Assert.NotNull(states[0].State!.PendingProjection);
        var stored = new GrainState<ProjectedTestState>();
        await Storage.ReadStateAsync("state", ids[0], stored);
        Assert.Equal((2, "2"), (stored.State!.Value, stored.ETag));
    }

    [Fact]
    public async Task WriteState_WhoseRowCannotBeWritten_KeepsNeitherAndFailsNoOtherWriter()
    {
        var ids = Enumerable.Range(0, 10).Select(_ => NewId()).ToArray();
        var before = new GrainState<ProjectedTestState>(new ProjectedTestState { Value = 1 });
        await Storage.WriteStateAsync("state", ids[0], before);
        // rm_complaints.client_id is NOT NULL: the row's statement fails after the state's has run in the same unit.
        var states = ids.Select((id, i) => new GrainState<ProjectedTestState>(new ProjectedTestState
        {
            Value = 100 + i,
            PendingProjection = i == 0 ? Complaint(id, ComplaintStatus.Open) with { ClientId = null! } : Complaint(id, ComplaintStatus.Open),
        })).ToArray();
        states[0].ETag = before.ETag;

        var writes = ids.Select((id, i) => Storage.WriteStateAsync("state", id, states[i])).ToArray();

        await Assert.ThrowsAsync<SqliteException>(() => writes[0]);
        await Task.WhenAll(writes[1..]).WaitAsync(TimeSpan.FromSeconds(30));
        var stored = new GrainState<ProjectedTestState>();
        await Storage.ReadStateAsync("state", ids[0], stored);
        Assert.Equal((1, "1"), (stored.State!.Value, stored.ETag));
        Assert.Equal(9L, await TestDatabases.ScalarAsync(Database,
            $"SELECT count(*) FROM rm_complaints WHERE complaint_id IN ({string.Join(", ", ids.Select(id => $"'{Key(id)}'"))})"));
    }

    private static GrainId NewId() => GrainId.Create("projected", Guid.NewGuid().ToString("N"));

    private static string Key(GrainId id) => id.Key.ToString()!;

    private static ComplaintRow Complaint(GrainId id, ComplaintStatus status)
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        return new ComplaintRow(Key(id), "C1", "B1", "E1", status, SlaState.OnTrack, Severity.High, "fees", 0, at, null, null, at);
    }
}
