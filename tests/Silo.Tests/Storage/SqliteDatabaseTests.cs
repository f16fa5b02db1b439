using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Constructor_RelativePath_ResolvesAgainstContentRootAndCreatesFolder()
    {
        using var database = TestDatabases.Create(_folder, new SqliteStorageOptions { Path = "data/wealthactors.db" });

        Assert.Equal(Path.Combine(_folder.Path, "data", "wealthactors.db"), database.FilePath);
        Assert.True(Directory.Exists(Path.Combine(_folder.Path, "data")));
        Assert.Contains("Cache=Private", database.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InMemoryConnectionString_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            new SqliteDatabase(new SqliteStorageOptions(), "Data Source=:memory:", _folder.Path, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
    }

    [Fact]
    public async Task WriteDataSource_OpenedConnection_HasBusyTimeoutAndNormalSynchronous()
    {
        using var database = TestDatabases.Create(_folder, new SqliteStorageOptions { BusyTimeout = TimeSpan.FromSeconds(3) });

        await using var connection = await database.WriteDataSource.OpenConnectionAsync();

        Assert.Equal(3000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous"));
    }

    [Fact]
    public async Task WriteDataSource_AllSlotsTaken_NextOpenWaitsForADispose()
    {
        using var database = TestDatabases.Create(_folder, new SqliteStorageOptions { MaxWriteConnections = 1 });
        var first = await database.WriteDataSource.OpenConnectionAsync();

        var second = database.WriteDataSource.OpenConnectionAsync().AsTask();
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(System.Data.ConnectionState.Open, opened.State);
    }

    [Fact]
    public async Task EnsureSchemaAsync_ConcurrentCallers_MigrateOnce()
    {
        using var database = TestDatabases.Create(_folder);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => database.EnsureSchemaAsync()));
        await database.EnsureSchemaAsync();

        var versions = await TestDatabases.ColumnAsync(database, "SELECT count(*) FROM wa_schema_versions");
        Assert.Equal(SchemaScript.Load("sqlite").Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(versions));
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
