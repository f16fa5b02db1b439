using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Hosting;

namespace WealthActors.Integration.Storage;

/// <summary>Grain state on PostgreSQL through the exact-key decorator: one row per grain, ETags that catch stale writers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : IAsyncLifetime
{
    private PostgresTestSilo _silo = null!;

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.GrainStorageName);

    public async Task InitializeAsync() => _silo = await PostgresTestSilo.SharedAsync(server, "grain_storage");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteState_ThroughGrain_StoresOneRowKeyedByGrainTypeAndExactKey()
    {
        // Hexadecimal-looking keys are where the bare AdoNet provider folds distinct keys into one number.
        var key = "c0ffee-" + Guid.NewGuid().ToString("N");
        var grain = _silo.Grains.GetGrain<ICounterGrain>(key);

        await grain.Increment();
        await grain.Increment();

        var id = await grain.GetId();
        var rows = await Sql.RowsAsync(_silo.ConnectionString,
            $"SELECT grain_type, grain_n0, grain_n1, version FROM orleans_storage WHERE grain_ext = '~{key}'");
        Assert.Equal($"{id.Type}/state:0:0:2", Assert.Single(rows));
    }

    [Fact]
    public async Task WriteState_ThroughGrain_StoresThePayloadSealedWithTheCurrentKey()
    {
        var key = NewKey();
        var grain = _silo.Grains.GetGrain<ICounterGrain>(key);

        await grain.Increment();

        var payload = await Sql.ScalarAsync<byte[]>(_silo.ConnectionString, $"SELECT payload FROM orleans_storage WHERE grain_ext = '~{key}'");
        Assert.Equal(TestKeyRing.KeyId, SealedPayloadFormat.ReadHeader(payload).KeyId);
        Assert.Equal(1, (await Read(await grain.GetId())).State!.Value);
    }

    [Fact]
    public async Task ReadState_PayloadFromBeforeSealing_ReadsItAndTheNextWriteSealsIt()
    {
        var id = GrainId.Create("counter", NewKey());
        await Storage.WriteStateAsync("state", id, new GrainState<CounterState>(new CounterState { Value = 41 }));
        // What a release before sealing stored: the Orleans serializer's bytes as they are.
        var plain = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(_silo.Services).Serialize(new CounterState { Value = 41 }).ToArray();
        await Sql.ExecuteAsync(_silo.ConnectionString,
            $"UPDATE orleans_storage SET payload = decode('{Convert.ToHexString(plain)}', 'hex') WHERE grain_ext = '~{id.Key}'");

        var read = await Read(id);
        Assert.Equal(41, read.State!.Value);
        read.State.Value = 42;
        await Storage.WriteStateAsync("state", id, read);

        var payload = await Sql.ScalarAsync<byte[]>(_silo.ConnectionString, $"SELECT payload FROM orleans_storage WHERE grain_ext = '~{id.Key}'");
        Assert.True(SealedPayloadFormat.IsSealed(payload));
        Assert.Equal(42, (await Read(id)).State!.Value);
    }

    [Fact]
    public async Task WriteState_StaleEtag_ThrowsInconsistentStateExceptionAndKeepsNewerState()
    {
        var id = GrainId.Create("counter", NewKey());
        var current = new GrainState<CounterState>(new CounterState { Value = 1 });
        await Storage.WriteStateAsync("state", id, current);
        var stale = new GrainState<CounterState>(new CounterState { Value = 99 }) { ETag = current.ETag };
        current.State!.Value = 2;
        await Storage.WriteStateAsync("state", id, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, stale));

        Assert.Equal(2, (await Read(id)).State!.Value);
    }

    [Fact]
    public async Task WriteState_FirstWriteWhenRowExists_ThrowsInconsistentStateException()
    {
        var id = GrainId.Create("counter", NewKey());
        await Storage.WriteStateAsync("state", id, new GrainState<CounterState>(new CounterState { Value = 1 }));

        // A second activation that never saw the row writes with no ETag.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync("state", id, new GrainState<CounterState>(new CounterState { Value = 5 })));
    }

    /// <summary>
    /// Fail-over can leave two activations of one grain for a moment (the old silo not yet declared dead). Each does
    /// read-modify-write; the loser of every race gets InconsistentStateException, reloads and applies its change
    /// again. No increment may be lost and none applied twice.
    /// </summary>
    [Fact]
    public async Task WriteState_TwoActivationsRacing_LoserReloadsAndNoUpdateIsLost()
    {
        const int incrementsEach = 40;
        var id = GrainId.Create("counter", NewKey());
        var conflicts = 0;
        using var bothLoaded = new Barrier(2);

        async Task Activation()
        {
            var state = await Read(id);
            // Both start from the same (missing) row, so their first writes race for the same version.
            bothLoaded.SignalAndWait();
            for (var i = 0; i < incrementsEach; i++)
            {
                while (true)
                {
                    state.State!.Value++;
                    try
                    {
                        await Storage.WriteStateAsync("state", id, state);
                        break;
                    }
                    catch (InconsistentStateException)
                    {
                        Interlocked.Increment(ref conflicts);
                        state = await Read(id);
                    }
                }
            }
        }

        await Task.WhenAll(Task.Run(Activation), Task.Run(Activation));

        var stored = await Read(id);
        Assert.Equal(2 * incrementsEach, stored.State!.Value);
        Assert.True(conflicts > 0, "the two writers never raced");
        Assert.Equal((2 * incrementsEach).ToString(System.Globalization.CultureInfo.InvariantCulture), stored.ETag);
    }

    [Fact]
    public async Task GrainWrite_AnotherActivationWroteFirst_CallFailsThenNextActivationContinuesFromStoredState()
    {
        var grain = _silo.Grains.GetGrain<ICounterGrain>(NewKey());
        await grain.Increment();
        var id = await grain.GetId();
        var other = await Read(id);
        other.State!.Value = 10;
        await Storage.WriteStateAsync("state", id, other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());

        // Orleans deactivates the stale activation; the next one reads 10 and the retried increment wins.
        Assert.Equal(11, await grain.Increment());
    }

    [Fact]
    public async Task ClearState_AfterWrite_ReadsEmptyStateAndNextWriteContinuesTheVersion()
    {
        var id = GrainId.Create("counter", NewKey());
        var state = new GrainState<CounterState>(new CounterState { Value = 3 });
        await Storage.WriteStateAsync("state", id, state);

        await Storage.ClearStateAsync("state", id, state);

        var read = await Read(id);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Value);
        Assert.Equal("2", read.ETag);
        read.State.Value = 4;
        await Storage.WriteStateAsync("state", id, read);
        Assert.Equal("3", read.ETag);
    }

    private async Task<GrainState<CounterState>> Read(GrainId id)
    {
        var state = new GrainState<CounterState>();
        await Storage.ReadStateAsync("state", id, state);
        return state;
    }

    private static string NewKey() => "K-" + Guid.NewGuid().ToString("N");
}
