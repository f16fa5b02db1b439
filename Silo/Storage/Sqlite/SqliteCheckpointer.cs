using Microsoft.Data.Sqlite;

namespace WealthActors.Silo.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file beside the one writer instead of inside its commits. SQLite's own
/// checkpoint runs in the commit that grows the log past its limit, so the group commit (<see cref="SqliteStatementBatcher"/>)
/// would copy pages and wait for two flushes while every write queued behind it; here a connection of its own copies
/// what has been committed (a passive checkpoint, which never waits for the writer or for readers) after the writer's
/// commits, at most every <see cref="Pause"/>. The log is still restarted from its start only by a checkpoint that
/// finds nothing left to copy while no transaction runs; under a load that never pauses, that is the writer's own
/// checkpoint, kept at a higher limit (<see cref="WriterCheckpointPages"/>), which then finds almost everything
/// already copied.
/// </summary>
internal sealed class SqliteCheckpointer(SqliteDatabase database) : IDisposable
{
    /// <summary>The log's length in pages at which the writer's commit checkpoints it itself (SQLite's default: 1,000).</summary>
    public const int WriterCheckpointPages = 8_000;

    /// <summary>Between two checkpoints, so that a stream of commits shares one copy and one pair of flushes.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    private readonly Lock _lock = new();
    private Task _running = Task.CompletedTask;
    private bool _requested;
    private bool _active;
    private bool _disposed;
    private SqliteConnection? _connection;

    /// <summary>The writer committed: copy what it wrote soon, sharing the run with the commits that follow.</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _requested = true;
            if (!_active)
            {
                _active = true;
                _running = Task.Run(RunAsync);
            }
        }
    }

    /// <summary>Completes when no checkpoint runs or is asked for: everything committed before the call is in the file.</summary>
    internal async Task WhenIdle()
    {
        while (true)
        {
            Task running;
            lock (_lock)
            {
                if (!_active)
                {
                    return;
                }

                running = _running;
            }

            await running;
        }
    }

    /// <summary>Waits for a running checkpoint, then closes the connection; later requests are ignored.</summary>
    public void Dispose()
    {
        Task running;
        lock (_lock)
        {
            _disposed = true;
            running = _running;
        }

        // A checkpoint that fails has already logged nothing worth keeping: the next one (or the writer's) redoes it.
        running.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        _connection?.Dispose();
        _connection = null;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            lock (_lock)
            {
                if (!_requested || _disposed)
                {
                    _active = false;
                    return;
                }

                _requested = false;
            }

            try
            {
                Checkpoint();
            }
            catch (SqliteException)
            {
                // Busy or locked (a backup or another process's checkpoint): the writer's own checkpoint is the backstop.
                _connection?.Dispose();
                _connection = null;
            }

            await Task.Delay(Pause);
        }
    }

    private void Checkpoint()
    {
        // An ungated connection: a passive checkpoint neither writes rows nor waits for the writer.
        _connection ??= database.OpenRead();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        command.ExecuteNonQuery();
    }
}
