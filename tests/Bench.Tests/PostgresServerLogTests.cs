using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Tests;

/// <summary>The server's logged events inside a window, placed in seconds after its origin.</summary>
public sealed class PostgresServerLogTests
{
    private const string Log = """
        2026-11-26 10:00:05.000 UTC [100] LOG:  checkpoint starting: time
        2026-11-26 10:00:20.500 UTC [200] LOG:  automatic vacuum of table "wealthactors.public.orleans_storage": index scans: 1
        	pages: 0 removed, 2500 remain, 2500 scanned (100.00% of total)
        	system usage: CPU: user: 0.90 s, system: 0.10 s, elapsed: 1.75 s
        2026-11-26 10:00:21.000 UTC [200] LOG:  automatic analyze of table "wealthactors.pg_catalog.pg_class"
        	system usage: CPU: user: 0.00 s, system: 0.00 s, elapsed: 0.00 s
        2026-11-26 10:00:25.000 UTC [201] LOG:  automatic vacuum of table "wealthactors.pg_toast.pg_toast_16400": index scans: 1
        	system usage: CPU: user: 0.30 s, system: 0.05 s, elapsed: 0.40 s
        2026-11-26 10:00:30.000 UTC [300] LOG:  duration: 310.500 ms  execute <unnamed>: UPDATE orleans_storage SET payload = $1
        2026-11-26 10:00:34.000 UTC [301] LOG:  duration: 450.000 ms  execute <unnamed>: INSERT INTO orleans_reminders VALUES ($1)
        2026-11-26 10:00:45.000 UTC [302] LOG:  duration: 220.000 ms  execute <unnamed>: SELECT 1
        2026-11-26 10:01:00.250 UTC [100] LOG:  checkpoint complete: wrote 900 buffers (2.7%); 0 WAL file(s) added, 0 removed, 1 recycled; write=54.000 s, sync=0.812 s, total=55.250 s; sync files=40, longest=0.300 s, average=0.020 s; distance=9000 kB, estimate=9000 kB
        2026-11-26 10:02:00.000 UTC [303] LOG:  duration: 999.000 ms  execute <unnamed>: SELECT 2
        """;

    private static readonly DateTimeOffset Origin = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Describe_Window_PlacesCheckpointsVacuumsAndSlowStatements_LeavingOutCatalogAndLaterLines()
    {
        var text = PostgresServerLog.Describe(Log, Origin, Origin, Origin.AddSeconds(90));

        Assert.Equal(
            "+21s autovacuum orleans_storage ended (1.75 s); +25s autovacuum toast pg_toast_16400 ended (0.40 s); " +
            "+60s checkpoint done (write 54.000 s, sync 0.812 s, longest file sync 0.300 s); " +
            "statements over the logging threshold: 3, slowest 450 ms at +34s, by 10-s bin: +30s: 2, +40s: 1",
            text);
    }

    [Fact]
    public void Describe_QuietWindow_SaysSo()
    {
        var text = PostgresServerLog.Describe(Log, Origin, Origin.AddSeconds(61), Origin.AddSeconds(90));

        Assert.Equal("no checkpoints or autovacuum; statements over the logging threshold: none", text);
    }
}
