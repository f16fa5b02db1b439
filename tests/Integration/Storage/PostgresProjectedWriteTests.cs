using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using WealthActors.Grains.ReadModel;
using WealthActors.Integration.Infrastructure;
using WealthActors.ReadModel;
using WealthActors.Silo.Hosting;

namespace WealthActors.Integration.Storage;

[GenerateSerializer, Alias("WealthActors.Integration.ProjectedState")]
public sealed class ProjectedState : IProjectedState
{
    [field: NonSerialized]
    public IReadModelRow? PendingProjection { get; set; }

    [Id(0)] public int Value { get; set; }
}

/// <summary>
/// A grain state carrying its read-model row is written with the row in one transaction on PostgreSQL: both or neither,
/// and a stale write publishes nothing while the writes batched beside it still commit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresProjectedWriteTests(PostgresServer server) : IAsyncLifetime
{
    private PostgresTestSilo _silo = null!;

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.GrainStorageName);

    public async Task InitializeAsync() => _silo = await PostgresTestSilo.SharedAsync(server, "grain_storage");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteState_WithAPendingRow_CommitsTheRowInTheSameTransactionAndTakesItOffTheState()
    {
        var id = NewId();
        var state = new GrainState<ProjectedState>(new ProjectedState { Value = 1, PendingProjection = Complaint(id, ComplaintStatus.Open) });

        await Storage.WriteStateAsync("state", id, state);

        Assert.Null(state.State!.PendingProjection);
        Assert.Equal("1", state.ETag);
        Assert.Equal([$"{(int)ComplaintStatus.Open}"], await Sql.RowsAsync(_silo.ConnectionString, $"SELECT status FROM rm_complaints WHERE complaint_id = '{Key(id)}'"));
        // One transaction wrote both rows.
        Assert.Equal(
            await Sql.RowsAsync(_silo.ConnectionString, $"SELECT xmin FROM orleans_storage WHERE grain_ext LIKE '%{Key(id)}'"),
            await Sql.RowsAsync(_silo.ConnectionString, $"SELECT xmin FROM rm_complaints WHERE complaint_id = '{Key(id)}'"));
    }

    [Fact]
    public async Task WriteState_StaleEtagWithAPendingRow_FailsAsInconsistentAndPublishesNothingWhileTheOthersInItsBatchCommit()
    {
        // The stale writer expects version 1 and would write version 2, which the row already has from an earlier write.
        var ids = Enumerable.Range(0, 30).Select(_ => NewId()).ToArray();
        var first = new GrainState<ProjectedState>(new ProjectedState { Value = 1, PendingProjection = Complaint(ids[0], ComplaintStatus.Open) });
        await Storage.WriteStateAsync("state", ids[0], first);
        await Storage.WriteStateAsync("state", ids[0], new GrainState<ProjectedState>(new ProjectedState { Value = 2 }) { ETag = first.ETag });

        var states = ids.Select((id, i) => new GrainState<ProjectedState>(new ProjectedState { Value = 100 + i, PendingProjection = Complaint(id, ComplaintStatus.Acknowledged) })).ToArray();
        states[0].ETag = first.ETag;
        var writes = ids.Select((id, i) => Storage.WriteStateAsync("state", id, states[i])).ToArray();

        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[0]);
        await Task.WhenAll(writes[1..]).WaitAsync(TimeSpan.FromSeconds(30));
        var statuses = await Sql.RowsAsync(_silo.ConnectionString,
            $"SELECT complaint_id, status FROM rm_complaints WHERE complaint_id IN ({string.Join(", ", ids.Select(id => $"'{Key(id)}'"))})");
        Assert.Equal(
            ids.Select((id, i) => $"{Key(id)}:{(int)(i == 0 ? ComplaintStatus.Open : ComplaintStatus.Acknowledged)}").Order(StringComparer.Ordinal),
            statuses.Order(StringComparer.Ordinal));
        var stored = new GrainState<ProjectedState>();
        await Storage.ReadStateAsync("state", ids[0], stored);
        Assert.Equal((2, "2"), (stored.State!.Value, stored.ETag));
    }

    [Fact]
    public async Task WriteState_FirstWriteOfARowAnotherActivationCreated_FailsAsInconsistentAndPublishesNothing()
    {
        // Two activations of one grain that both start from nothing: the second first write finds the row taken.
        var id = NewId();
        await Storage.WriteStateAsync("state", id, new GrainState<ProjectedState>(new ProjectedState { Value = 1 }));
        var late = new GrainState<ProjectedState>(new ProjectedState { Value = 2, PendingProjection = Complaint(id, ComplaintStatus.Open) });

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, late));

        Assert.Equal(0L, await Sql.ScalarAsync<long>(_silo.ConnectionString, $"SELECT count(*) FROM rm_complaints WHERE complaint_id = '{Key(id)}'"));
        var stored = new GrainState<ProjectedState>();
        await Storage.ReadStateAsync("state", id, stored);
        Assert.Equal((1, "1"), (stored.State!.Value, stored.ETag));
    }

    [Fact]
    public async Task WriteState_WithoutAPendingRow_WritesTheStateAlone()
    {
        var id = NewId();
        var state = new GrainState<ProjectedState>(new ProjectedState { Value = 7 });

        await Storage.WriteStateAsync("state", id, state);

        Assert.Equal(0L, await Sql.ScalarAsync<long>(_silo.ConnectionString, $"SELECT count(*) FROM rm_complaints WHERE complaint_id = '{Key(id)}'"));
        var stored = new GrainState<ProjectedState>();
        await Storage.ReadStateAsync("state", id, stored);
        Assert.Equal(7, stored.State!.Value);
    }

    [Fact]
    public async Task WriteState_WithAClientRowCarryingNewInteractions_CommitsThemInTheSameTransaction()
    {
        var id = NewId();
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var row = new ClientRow(Key(id), "张伟", "B1", "E1", ClientTier.Mass, false, 0m, null, null, at, null, LifecycleStage.Prospect, 0, at,
            NewInteractions: [new InteractionRow(0, InteractionKind.Call, at, "E1", "called"), new InteractionRow(1, InteractionKind.Visit, at, "E1", "visited")]);

        await Storage.WriteStateAsync("state", id, new GrainState<ProjectedState>(new ProjectedState { Value = 1, PendingProjection = row }));

        Assert.Equal(["0", "1"], (await Sql.RowsAsync(_silo.ConnectionString, $"SELECT seq FROM rm_interactions WHERE client_id = '{Key(id)}'")).Order(StringComparer.Ordinal));
        Assert.Equal(
            await Sql.RowsAsync(_silo.ConnectionString, $"SELECT DISTINCT xmin FROM rm_interactions WHERE client_id = '{Key(id)}'"),
            await Sql.RowsAsync(_silo.ConnectionString, $"SELECT xmin FROM orleans_storage WHERE grain_ext LIKE '%{Key(id)}'"));
    }

    private static GrainId NewId() => GrainId.Create("projected", Guid.NewGuid().ToString("N"));

    private static string Key(GrainId id) => id.Key.ToString()!;

    private static ComplaintRow Complaint(GrainId id, ComplaintStatus status)
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        return new ComplaintRow(Key(id), "C1", "B1", "E1", status, SlaState.OnTrack, Severity.High, "fees", 0, at, null, null, at);
    }
}
