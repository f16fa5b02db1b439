using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using WealthActors.Silo.Hosting;

namespace WealthActors.Silo.Tests.Storage;

public sealed class GrainStorageTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private IGrainStorage WealthStorage => fixture.Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageHostingExtensions.GrainStorageName);

    [Fact]
    public async Task WriteState_NewSiloOnSameFile_ReadsStateBack()
    {
        using var folder = new TempFolder();
        var key = NewKey();
        await using (var first = await TestSilo.StartAsync(folder.Path))
        {
            await first.Grains.GetGrain<IStateTestGrain>(key).SetValue("persisted");
            await first.Grains.GetGrain<IDefaultStateTestGrain>(key).SetValue("default provider");
        }

        Assert.True(File.Exists(Path.Combine(folder.Path, "data", "wealthactors.db")));
        await using var second = await TestSilo.StartAsync(folder.Path);
        Assert.Equal("persisted", await second.Grains.GetGrain<IStateTestGrain>(key).GetValue());
        Assert.Equal("default provider", await second.Grains.GetGrain<IDefaultStateTestGrain>(key).GetValue());
    }

    [Fact]
    public async Task WriteState_SameKeyDifferentGrainTypes_KeepsSeparateState()
    {
        // "C0FFEE" and "c0ffee" both parse as the same hexadecimal number, which Orleans' AdoNet provider
        // would otherwise treat as one integer key.
        var key = "C0FFEE" + Random.Shared.Next(0x1000, 0xFFFF).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        await fixture.Silo.Grains.GetGrain<IStateTestGrain>(key).SetValue("client");
        await fixture.Silo.Grains.GetGrain<IOtherStateTestGrain>(key).SetValue("employee");
        await fixture.Silo.Grains.GetGrain<IStateTestGrain>(key.ToLowerInvariant()).SetValue("lower case");

        Assert.Equal("client", await ReadStoredValue(await fixture.Silo.Grains.GetGrain<IStateTestGrain>(key).GetId()));
        Assert.Equal("employee", await ReadStoredValue(await fixture.Silo.Grains.GetGrain<IOtherStateTestGrain>(key).GetId()));
        Assert.Equal("lower case", await ReadStoredValue(await fixture.Silo.Grains.GetGrain<IStateTestGrain>(key.ToLowerInvariant()).GetId()));
    }

    [Fact]
    public async Task WriteState_ThroughGrain_StoresOneRowKeyedByGrainTypeAndExactKey()
    {
        var key = "c000123-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Silo.Grains.GetGrain<IStateTestGrain>(key);
        await grain.SetValue("row");
        var id = await grain.GetId();
        await using var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.DatabasePath}");
        await database.OpenAsync();
        await using var command = database.CreateCommand();
        command.CommandText = "SELECT grain_type, grain_n0, grain_n1, version FROM orleans_storage WHERE grain_ext = @ext";
        command.Parameters.AddWithValue("@ext", "~" + key);

        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal($"{id.Type}/state", reader.GetString(0));
        Assert.Equal(0L, reader.GetInt64(1));
        Assert.Equal(0L, reader.GetInt64(2));
        Assert.Equal(1L, reader.GetInt64(3));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task WriteState_StaleEtag_ThrowsInconsistentStateException()
    {
        var id = GrainId.Create("storagetest", NewKey());
        var first = new GrainState<TestState>(new TestState { Value = "a" });
        await WealthStorage.WriteStateAsync("state", id, first);
        var stale = new GrainState<TestState>(new TestState { Value = "stale" }) { ETag = first.ETag };
        first.State!.Value = "b";
        await WealthStorage.WriteStateAsync("state", id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WealthStorage.WriteStateAsync("state", id, stale));

        var read = new GrainState<TestState>();
        await WealthStorage.ReadStateAsync("state", id, read);
        Assert.Equal("b", read.State!.Value);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task WriteState_FirstWriteWhenRowExists_ThrowsInconsistentStateException()
    {
        var id = GrainId.Create("storagetest", NewKey());
        await WealthStorage.WriteStateAsync("state", id, new GrainState<TestState>(new TestState { Value = "winner" }));

        // A second activation that never saw the row writes with no ETag.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            WealthStorage.WriteStateAsync("state", id, new GrainState<TestState>(new TestState { Value = "loser" })));
    }

    [Fact]
    public async Task GrainWrite_StateChangedBehindTheGrain_ThrowsInconsistentStateException()
    {
        var grain = fixture.Silo.Grains.GetGrain<IStateTestGrain>(NewKey());
        await grain.SetValue("from grain");
        var id = await grain.GetId();
        var behind = new GrainState<TestState>();
        await WealthStorage.ReadStateAsync("state", id, behind);
        behind.State!.Value = "from elsewhere";
        await WealthStorage.WriteStateAsync("state", id, behind);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetValue("lost update"));

        // Orleans deactivates the activation after the conflict; the next one reads the stored state.
        Assert.Equal("from elsewhere", await grain.GetValue());
    }

    [Fact]
    public async Task ClearState_AfterWrite_ReadsEmptyStateAndNextWriteSucceeds()
    {
        var grain = fixture.Silo.Grains.GetGrain<IStateTestGrain>(NewKey());
        await grain.SetValue("to be cleared");
        var id = await grain.GetId();

        await grain.Clear();

        var read = new GrainState<TestState>();
        await WealthStorage.ReadStateAsync("state", id, read);
        Assert.Null(read.State!.Value);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Null(await grain.GetValue());
        await grain.SetValue("after clear");
        Assert.Equal("after clear", await grain.GetValue());
    }

    [Fact]
    public async Task ClearState_StaleEtag_ThrowsInconsistentStateException()
    {
        var id = GrainId.Create("storagetest", NewKey());
        var state = new GrainState<TestState>(new TestState { Value = "v1" });
        await WealthStorage.WriteStateAsync("state", id, state);
        var stale = new GrainState<TestState>(new TestState()) { ETag = state.ETag, RecordExists = true };
        await WealthStorage.WriteStateAsync("state", id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WealthStorage.ClearStateAsync("state", id, stale));
    }

    private async Task<string?> ReadStoredValue(GrainId id)
    {
        var state = new GrainState<TestState>();
        await WealthStorage.ReadStateAsync("state", id, state);
        return state.State!.Value;
    }

    private static string NewKey() => "K-" + Guid.NewGuid().ToString("N");
}
