using System.Runtime.Versioning;
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
    [UnsupportedOSPlatform("windows")]
    public async Task Constructor_NewFolder_FolderIs0700AndDatabaseWalAndShmAre0600()
    {
        using var database = TestDatabases.Create(_folder, new SqliteStorageOptions { Path = "secret/data/wealthactors.db" });
        await database.EnsureSchemaAsync();

        // While a connection is open in WAL mode, the -wal and -shm files exist.
        await using var connection = await database.WriteDataSource.OpenConnectionAsync();
        await using (var write = connection.CreateCommand())
        {
            write.CommandText = "CREATE TABLE IF NOT EXISTS mode_probe (x INTEGER); INSERT INTO mode_probe VALUES (1);";
            await write.ExecuteNonQueryAsync();
        }

        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_folder.Path, "secret", "data")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(database.FilePath));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(database.FilePath + "-wal"));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(database.FilePath + "-shm"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Constructor_ExistingFileReadableByOthers_IsTightenedAndItsSharedFolderLeftAlone()
    {
        var path = Path.Combine(_folder.Path, "wealthactors.db");
        File.WriteAllBytes(path, []);
        var folderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_folder.Path, folderMode);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var database = TestDatabases.Create(_folder, new SqliteStorageOptions { Path = "wealthactors.db" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(folderMode, File.GetUnixFileMode(_folder.Path));
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

        // An open that takes a free slot completes at once (the connection opens synchronously); one that must wait for
        // a slot is still waiting when the call returns, and only a dispose lets it on.
        var second = database.WriteDataSource.OpenConnectionAsync().AsTask();
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
