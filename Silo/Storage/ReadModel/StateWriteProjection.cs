using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The option that a grain's read-model row commits in one unit with its state write (docs/ARCHITECTURE.md §5.4): a
/// batched grain storage (<see cref="BatchedGrainStorage"/>) joins the row's statements to the write only where this is
/// registered, which the read-model registration does when the read model lives in the grain-state database (the
/// SQLite file or the PostgreSQL database). Without it, a grain publishes its row to the read model after its write.
/// </summary>
internal sealed class StateWriteProjection(SqlReadModel readModel)
{
    /// <summary>The statements that publish <paramref name="row"/>, to run after the state write in its unit.</summary>
    public ReadModelWrite[] Statements(IReadModelRow row) => row switch
    {
        ComplaintRow complaint => [readModel.ComplaintWrite(complaint)],
        ClientRow client => readModel.ClientWrites(client),
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
