using System.Globalization;
using System.Text.RegularExpressions;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// What the PostgreSQL server logged inside a window, placed in time: checkpoints (how long their writes and their
/// final file syncs took), autovacuum and autoanalyze runs per table, and statements slower than the server's
/// <c>log_min_duration_statement</c>. A late burst of escalations can then be set beside what the server was doing.
/// </summary>
public static partial class PostgresServerLog
{
    /// <summary>The server settings that make it log these events, with times in UTC.</summary>
    public const string Settings =
        "-c log_timezone=UTC -c log_checkpoints=on -c log_autovacuum_min_duration=0 -c log_min_duration_statement=200";

    /// <summary>
    /// One line naming each event between <paramref name="from"/> and <paramref name="to"/>, at its offset in seconds
    /// from <paramref name="origin"/>; the slow statements are counted, with their slowest.
    /// </summary>
    public static string Describe(string log, DateTimeOffset origin, DateTimeOffset from, DateTimeOffset to)
    {
        var events = new List<string>();
        var slow = new List<(double At, double Ms)>();
        var vacuumOpen = false;
        foreach (var line in log.Split('\n'))
        {
            if (Stamp().Match(line) is not { Success: true } stamp)
            {
                // A vacuum's report goes on over several lines; the one with its elapsed time completes the event.
                if (vacuumOpen && Elapsed().Match(line) is { Success: true } elapsed)
                {
                    events[^1] += $" ({elapsed.Groups[1].Value} s)";
                    vacuumOpen = false;
                }

                continue;
            }

            vacuumOpen = false;
            var at = DateTimeOffset.ParseExact(stamp.Groups[1].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal);
            if (at < from || at > to)
            {
                continue;
            }

            var offset = (at - origin).TotalSeconds;
            if (CheckpointDone().Match(line) is { Success: true } checkpoint)
            {
                events.Add(string.Create(CultureInfo.InvariantCulture,
                    $"+{offset:0}s checkpoint done (write {checkpoint.Groups[1].Value} s, sync {checkpoint.Groups[2].Value} s, longest file sync {checkpoint.Groups[3].Value} s)"));
            }
            else if (Vacuum().Match(line) is { Success: true } vacuum && !IsCatalog(vacuum.Groups[2].Value))
            {
                // Logged as the run ends; a table's large values live in a pg_toast table of their own.
                events.Add(string.Create(CultureInfo.InvariantCulture,
                    $"+{offset:0}s auto{vacuum.Groups[1].Value} {(vacuum.Groups[2].Value == "pg_toast" ? "toast " : "")}{vacuum.Groups[3].Value} ended"));
                vacuumOpen = true;
            }
            else if (Duration().Match(line) is { Success: true } duration)
            {
                slow.Add((offset, double.Parse(duration.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
        }

        var statements = slow.Count == 0
            ? "statements over the logging threshold: none"
            : string.Create(CultureInfo.InvariantCulture,
                $"statements over the logging threshold: {slow.Count}, slowest {slow.Max(s => s.Ms):0} ms at +{slow.MaxBy(s => s.Ms).At:0}s, " +
                $"by 10-s bin: {string.Join(", ", slow.GroupBy(s => (int)(s.At / 10) * 10).OrderBy(g => g.Key).Select(g => $"+{g.Key}s: {g.Count()}"))}");
        return (events.Count == 0 ? "no checkpoints or autovacuum" : string.Join("; ", events)) + "; " + statements;
    }

    // The server's own catalog tables, analysed after the schema is made, say nothing about the load.
    private static bool IsCatalog(string schema) => schema is "pg_catalog" or "information_schema";

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) UTC")]
    private static partial Regex Stamp();

    [GeneratedRegex(@"checkpoint complete:.*write=([\d.]+) s, sync=([\d.]+) s.*longest=([\d.]+) s")]
    private static partial Regex CheckpointDone();

    [GeneratedRegex(@"automatic (vacuum|analyze) of table ""[^"".]+\.([^"".]+)\.([^"".]+)""")]
    private static partial Regex Vacuum();

    [GeneratedRegex(@"elapsed: ([\d.]+) s")]
    private static partial Regex Elapsed();

    [GeneratedRegex(@"duration: ([\d.]+) ms")]
    private static partial Regex Duration();
}
