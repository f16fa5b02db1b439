using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Silo.Storage;

namespace WealthActors.Silo.Tests.Storage;

public sealed class SchemaMigratorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteConnection _connection;
    private readonly SchemaMigrator _migrator = new(new SqliteSchemaDialect(), NullLogger<SchemaMigrator>.Instance);

    public SchemaMigratorTests()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "schema.db")}");
        _connection.Open();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachScriptOnce()
    {
        var first = await _migrator.MigrateAsync(_connection);
        var second = await _migrator.MigrateAsync(_connection);

        var scripts = SchemaScript.Load("sqlite");
        Assert.Equal(scripts.Select(s => s.Version), first.Select(s => s.Version));
        Assert.Empty(second);
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_RecordsVersionsAndChecksums()
    {
        await _migrator.MigrateAsync(_connection);

        var recorded = await QueryAsync("SELECT version, checksum FROM wa_schema_versions ORDER BY version");
        var scripts = SchemaScript.Load("sqlite");
        Assert.Equal(scripts.Select(s => $"{s.Version}:{s.Checksum}"), recorded);
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_SwitchesFileToWal()
    {
        await _migrator.MigrateAsync(_connection);

        // A new connection sees the mode: WAL is stored in the file.
        await using var other = new SqliteConnection(_connection.ConnectionString);
        await other.OpenAsync();
        await using var command = other.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_StoresEveryQueryOrleansRequires()
    {
        await _migrator.MigrateAsync(_connection);

        var keys = await QueryAsync("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");
        string[] required =
        [
            "ClearStorageKey", "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "ReadFromStorageKey",
            "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey",
            "WriteToStorageKey",
        ];
        Assert.Equal(required, keys);
    }

    [Fact]
    public async Task MigrateAsync_RepeatableScriptChanged_ReappliesOnlyThatScript()
    {
        await _migrator.MigrateAsync(_connection);
        var queries = SchemaScript.Load("sqlite").First(s => s.IsRepeatable);
        await QueryAsync($"UPDATE wa_schema_versions SET checksum = 'older' WHERE version = {queries.Version}");
        await QueryAsync("UPDATE OrleansQuery SET QueryText = 'stale' WHERE QueryKey = 'WriteToStorageKey'");

        var applied = await _migrator.MigrateAsync(_connection);

        Assert.Equal([queries.Version], applied.Select(s => s.Version));
        var text = await QueryAsync("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        Assert.Contains("orleans_storage", Assert.Single(text));
    }

    [Fact]
    public async Task MigrateAsync_AppliedScriptChanged_Throws()
    {
        await _migrator.MigrateAsync(_connection);
        var table = SchemaScript.Load("sqlite").First(s => !s.IsRepeatable);
        await QueryAsync($"UPDATE wa_schema_versions SET checksum = 'older' WHERE version = {table.Version}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _migrator.MigrateAsync(_connection));

        Assert.Contains(table.Name, error.Message);
    }

    [Fact]
    public void Load_SqliteDialect_ReturnsScriptsInVersionOrderWithQueriesRepeatable()
    {
        var scripts = SchemaScript.Load("sqlite");

        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
        Assert.All(scripts.Where(s => s.Name.EndsWith("-queries", StringComparison.Ordinal)), s => Assert.True(s.IsRepeatable));
        Assert.All(scripts.Where(s => !s.Name.EndsWith("-queries", StringComparison.Ordinal)), s => Assert.False(s.IsRepeatable));
    }

    [Fact]
    public void Load_UnknownDialect_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => SchemaScript.Load("nosuchdialect"));
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(":", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i))));
        }

        return rows;
    }
}
