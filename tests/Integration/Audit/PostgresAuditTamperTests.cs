using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Integration.Audit;

/// <summary>
/// The tamper suite on PostgreSQL: one database for the class, a chain of its own per test. Tampering disables the
/// append-only triggers first, as the table's owner could.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTamperTests(PostgresServer server) : AuditTamperContract, IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private PostgresAuditStore _store = null!;

    internal override IAuditStore Store => _store;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("audit_tamper"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        _store = new PostgresAuditStore(_database, new PostgresStatementBatcher(_database));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override Task ExecuteAsync(string sql) => Sql.ExecuteAsync(_database.ConnectionString, sql);

    protected override Task DisableAppendOnlyAsync() => ExecuteAsync("ALTER TABLE audit_entries DISABLE TRIGGER USER");

    protected override Task EnableAppendOnlyAsync() => ExecuteAsync("ALTER TABLE audit_entries ENABLE TRIGGER USER");

    [Fact]
    public async Task AppendOnly_Truncate_IsRefusedByTheDatabase()
    {
        await EnableAppendOnlyAsync();
        await WriteChain();

        var refused = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => ExecuteAsync("TRUNCATE audit_entries"));

        Assert.Contains("append-only", refused.MessageText);
    }
}
