using System.Data.Common;

namespace WealthActors.Silo.Storage;

/// <summary>What differs between databases when applying the schema; the scripts live in <c>Storage/Sql/{Name}/</c>.</summary>
public interface ISchemaDialect
{
    /// <summary>The folder of the dialect's scripts under <c>Storage/Sql</c>, for example <c>sqlite</c> or <c>postgres</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Runs on the open connection before any script, outside a transaction: settings that cannot change inside
    /// one (SQLite's journal mode) or a session lock that keeps two migrating processes apart.
    /// </summary>
    Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken);
}
