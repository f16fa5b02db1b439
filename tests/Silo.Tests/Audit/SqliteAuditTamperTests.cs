using Microsoft.Data.Sqlite;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.Sqlite;
using WealthActors.Silo.Tests.Storage;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>The tamper suite on the embedded SQLite file, one file per test.</summary>
public sealed class SqliteAuditTamperTests : AuditTamperContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;
    private readonly SqliteAuditStore _store;

    public SqliteAuditTamperTests()
    {
        _database = TestDatabases.Create(_folder);
        _store = new SqliteAuditStore(_database);
    }

    internal override IAuditStore Store => _store;

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await _database.EnsureSchemaAsync();
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DisableAppendOnlyAsync() =>
        ExecuteAsync("DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete;");

    // Each test has a new file, whose schema has the triggers.
    protected override Task EnableAppendOnlyAsync() => _database.EnsureSchemaAsync();
}
