using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Storage.Postgres;

/// <summary>
/// The option that a grain's read-model row commits in one unit with its state write (docs/ARCHITECTURE.md §5.4):
/// <see cref="PostgresBatchedGrainStorage"/> joins the row's statements to the write only where this is registered,
/// which the read-model registration does when the read model lives in the grain-state PostgreSQL database. Without
/// it, a grain publishes its row to the read model after its write.
/// </summary>
internal sealed class PostgresStateWriteProjection(SqlReadModel readModel)
{
    /// <summary>The statements that publish <paramref name="row"/>, to run after the state write in its unit.</summary>
    public PostgresStatement[] Statements(IReadModelRow row) => row switch
    {
        ComplaintRow complaint => [PostgresReadModelDialect.Statement(readModel.ComplaintWrite(complaint))],
        ClientRow client => PostgresReadModelDialect.Statements(readModel.ClientWrites(client)),
        _ => throw new ArgumentException($"No read-model statements for {row.GetType().Name}.", nameof(row)),
    };

    /// <summary>Called once the statements of <paramref name="row"/> committed with the state write.</summary>
    public void Committed(IReadModelRow row)
    {
        if (row is ComplaintRow)
        {
            readModel.ComplaintCommitted();
        }
    }
}
