using Microsoft.Data.Sqlite;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// A connection that holds one slot of the write gate from the moment the data source opened it until it is
/// closed or disposed. It stays a <see cref="SqliteConnection"/> because Orleans checks that the data source
/// creates connections of the provider's type.
/// </summary>
internal sealed class LeasedSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    private SemaphoreSlim? _gate;

    internal void HoldGate(SemaphoreSlim gate) => _gate = gate;

    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            ReleaseGate();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            ReleaseGate();
        }
    }

    // Close and Dispose may both run; the slot is returned once.
    private void ReleaseGate() => Interlocked.Exchange(ref _gate, null)?.Release();
}
