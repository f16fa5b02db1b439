using System.Globalization;
using Npgsql;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// What the PostgreSQL server did, from its statistics views: commits, write-ahead log written and flushed, full-page
/// images (the first change to each page after a checkpoint logs the whole page), and checkpoints, on their timer or
/// forced by the log's volume. Two snapshots bracket a window; a commit waits for its log flush, so this is what
/// the durable writes inside the window cost the server.
/// </summary>
public sealed record PostgresActivity(
    DateTimeOffset At, long Commits, long WalBytes, long FullPageImages, long WalSyncs, long TimedCheckpoints, long ForcedCheckpoints)
{
    private const string Query = """
        select (select xact_commit from pg_stat_database where datname = current_database())::bigint,
               wal_bytes::bigint, wal_fpi::bigint, wal_sync::bigint,
               (select checkpoints_timed from pg_stat_bgwriter)::bigint,
               (select checkpoints_req from pg_stat_bgwriter)::bigint
        from pg_stat_wal
        """;

    /// <summary>A snapshot of the server behind <paramref name="storage"/>; null on SQLite.</summary>
    public static async Task<PostgresActivity?> Take(BenchStorage storage)
    {
        if (!storage.IsPostgres)
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(storage.Postgres.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PostgresActivity(
            DateTimeOffset.UtcNow, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public string DescribeSince(PostgresActivity start)
    {
        var seconds = Math.Max((At - start.At).TotalSeconds, 0.001);
        var commits = Commits - start.Commits;
        var megabytes = (WalBytes - start.WalBytes) / 1_000_000.0;
        var syncs = WalSyncs - start.WalSyncs;
        return string.Create(CultureInfo.InvariantCulture,
            $"{commits} commits ({commits / seconds:0}/s); write-ahead log {megabytes:0} MB ({megabytes / seconds:0.0} MB/s) " +
            $"with {FullPageImages - start.FullPageImages} full-page images, flushed {syncs} times ({syncs / seconds:0}/s); " +
            $"checkpoints: {TimedCheckpoints - start.TimedCheckpoints} on the timer, {ForcedCheckpoints - start.ForcedCheckpoints} forced by the log's volume");
    }
}
