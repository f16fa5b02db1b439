using System.Data.Common;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// The data source Orleans' AdoNet providers and the writers open their connections from. With a gate, each
/// opened connection holds a slot of it until it is disposed, so only a few connections touch the
/// file at once and the rest wait asynchronously here rather than in SQLite's lock retry loop; without one it serves
/// readers, which WAL lets run beside the writer. Each connection gets
/// the per-connection pragmas that no connection-string keyword can set.
/// </summary>
internal sealed class SqliteDataSource(string connectionString, SemaphoreSlim? gate, string connectionPragmas) : DbDataSource
{
    public override string ConnectionString => connectionString;

    // Orleans calls this only to check the connection type; such a connection holds no slot.
    protected override DbConnection CreateDbConnection() => new LeasedSqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        gate?.Wait();
        return OpenHoldingGate();
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return OpenHoldingGate();
    }

    private LeasedSqliteConnection OpenHoldingGate()
    {
        var connection = new LeasedSqliteConnection(connectionString);
        if (gate is not null)
        {
            connection.HoldGate(gate);
        }

        try
        {
            // Microsoft.Data.Sqlite opens synchronously either way; a pooled open is cheap.
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = connectionPragmas;
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
