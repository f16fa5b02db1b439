using Npgsql;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>One statement of a write batch: its text and how its parameters are bound.</summary>
internal sealed record PostgresStatement(string Sql, Action<NpgsqlParameterCollection> Bind)
{
    /// <summary>The statements as one batch: sent in one round trip and run in one implicit transaction.</summary>
    public static NpgsqlBatch Batch(PostgresDatabase database, IEnumerable<PostgresStatement> statements)
    {
        var batch = database.DataSource.CreateBatch();
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            statement.Bind(command.Parameters);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }
}
