using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>
/// Runs the stored grain-state query texts directly, with the parameters Orleans binds, for the paths a silo
/// test does not reach (delete-on-clear, and a versioned write to a row that no longer exists).
/// </summary>
public sealed class StoredQueryTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = TestDatabases.Create(_folder);
        await _database.EnsureSchemaAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DeleteStorageKey_CurrentVersion_DeletesRowAndReturnsNextVersion()
    {
        Assert.Equal([1L], await RunAsync("WriteToStorageKey", version: null));

        Assert.Equal([2L], await RunAsync("DeleteStorageKey", version: 1));
        Assert.Empty(await RunAsync("ReadFromStorageKey", version: null));
    }

    [Fact]
    public async Task DeleteStorageKey_StaleVersion_ReturnsNoRow()
    {
        await RunAsync("WriteToStorageKey", version: null);
        await RunAsync("WriteToStorageKey", version: 1);

        Assert.Empty(await RunAsync("DeleteStorageKey", version: 1));
    }

    [Fact]
    public async Task WriteToStorageKey_VersionForMissingRow_ReturnsNoRowAndInsertsNothing()
    {
        Assert.Empty(await RunAsync("WriteToStorageKey", version: 5));
        Assert.Empty(await RunAsync("ReadFromStorageKey", version: null));
    }

    private async Task<List<object>> RunAsync(string queryKey, int? version)
    {
        await using var connection = _database.OpenRead();
        await using var lookup = connection.CreateCommand();
        lookup.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
        lookup.Parameters.AddWithValue("@key", queryKey);
        var sql = (string)(await lookup.ExecuteScalarAsync())!;

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("GrainIdHash", 7);
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", 0L);
        command.Parameters.AddWithValue("GrainTypeHash", 11);
        command.Parameters.AddWithValue("GrainTypeString", "test/state");
        command.Parameters.AddWithValue("GrainIdExtensionString", DBNull.Value);
        command.Parameters.AddWithValue("ServiceId", "service");
        command.Parameters.AddWithValue("GrainStateVersion", version is { } v ? v : DBNull.Value);
        command.Parameters.AddWithValue("PayloadBinary", new byte[] { 1, 2, 3 });

        // Like Orleans: every row of every result set, first column.
        var values = new List<object>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetValue(0));
            }
        }
        while (await reader.NextResultAsync());

        return values;
    }
}
