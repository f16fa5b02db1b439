using System.Data.Common;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// The data source Orleans' AdoNet providers and the read-model writer open their connections from. Each
/// opened connection holds a slot of a shared gate until it is disposed, so only a few connections touch the
/// file at once and the rest wait asynchronously here rather than in SQLite's lock retry loop; and each gets
/// the per-connection pragmas that no connection-string keyword can set.
/// </summary>
internal sealed class SqliteWriteDataSource(string connectionString, SemaphoreSlim gate, string connectionPragmas) : DbDataSource
{
    public override string ConnectionString => connectionString;

    // Orleans calls this only to check the connection type; such a connection holds no slot.
    protected override DbConnection CreateDbConnection() => new LeasedSqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        gate.Wait();
        return OpenHoldingGate();
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        return OpenHoldingGate();
    }

    private LeasedSqliteConnection OpenHoldingGate()
    {
        var connection = new LeasedSqliteConnection(connectionString);
        connection.HoldGate(gate);
        try
        {
            // Microsoft.Data.Sqlite opens synchronously either way; a pooled open is cheap.
            connection.Open();
            SqliteDatabase.ApplyPragmas(connection, connectionPragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
