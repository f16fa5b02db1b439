using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// Samples, through a measured window, how busy this machine's CPUs are (once a second, from <c>/proc/stat</c>) and,
/// on PostgreSQL, how long one durable single-row commit takes (ten times a second, on a connection of its own). A burst
/// of late escalations can then be set beside what the machine and the database were doing at that moment.
/// </summary>
public sealed class WindowProbe : IAsyncDisposable
{
    private static readonly TimeSpan CommitEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CpuEvery = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTimeOffset At, double Ms)> _commits = [];
    private readonly List<(DateTimeOffset At, double BusyPercent)> _cpu = [];
    private readonly Task _running;
    private int _failedCommits;

    private WindowProbe(BenchStorage storage) =>
        _running = Task.WhenAll(SampleCpu(_stop.Token), storage.IsPostgres ? SampleCommits(storage, _stop.Token) : Task.CompletedTask);

    public static WindowProbe Start(BenchStorage storage) => new(storage);

    /// <summary>
    /// The samples in seconds after <paramref name="origin"/>: overall, the worst seconds, and the 10-s bins given.
    /// </summary>
    public async Task<string> StopAndDescribe(DateTimeOffset origin, IEnumerable<int> binStarts)
    {
        await _stop.CancelAsync();
        await _running;
        string At(DateTimeOffset at) => $"+{(at - origin).TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}s";
        var parts = new List<string>
        {
            $"CPU busy (1-s samples): mean {Stats.F0(_cpu.Select(c => c.BusyPercent).DefaultIfEmpty(double.NaN).Average())}%, " +
            $"{_cpu.Count(c => c.BusyPercent >= 95)} of {_cpu.Count} seconds at 95% or more",
        };
        if (_commits.Count > 0 || _failedCommits > 0)
        {
            parts.Add($"one-row commit: {Stats.Describe(_commits.Select(c => c.Ms))}, {_failedCommits} failed, slowest at " +
                      string.Join(", ", _commits.OrderByDescending(c => c.Ms).Take(5).OrderBy(c => c.At).Select(c => $"{At(c.At)} {Stats.F0(c.Ms)} ms")));
        }

        foreach (var start in binStarts)
        {
            var from = origin.AddSeconds(start);
            var to = from.AddSeconds(10);
            var cpu = _cpu.Where(c => c.At > from && c.At <= to.AddSeconds(1)).Select(c => c.BusyPercent).ToArray();
            var commits = _commits.Where(c => c.At >= from && c.At < to).Select(c => c.Ms).ToArray();
            parts.Add($"bin +{start}s: CPU {(cpu.Length == 0 ? "n/a" : string.Join("/", cpu.Select(Stats.F0)))}%" +
                      (commits.Length == 0 ? "" : $", commit max {Stats.F0(commits.Max())} ms"));
        }

        return string.Join("; ", parts);
    }

    private async Task SampleCpu(CancellationToken cancel)
    {
        var previous = ReadCpu();
        using var timer = new PeriodicTimer(CpuEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                var now = ReadCpu();
                var total = now.Total - previous.Total;
                // The busy share of the interval; the sample is stamped at its end.
                _cpu.Add((DateTimeOffset.UtcNow, total == 0 ? 0 : 100.0 * (total - (now.Idle - previous.Idle)) / total));
                previous = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>All CPUs' time since boot from the first line of <c>/proc/stat</c>: idle counts idle and I/O wait.</summary>
    private static (long Total, long Idle) ReadCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum(), fields[3] + fields[4]);
    }

    private async Task SampleCommits(BenchStorage storage, CancellationToken cancel)
    {
        await using var connection = new NpgsqlConnection(storage.Postgres.ConnectionString());
        try
        {
            await connection.OpenAsync(cancel);
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_commit_probe (at timestamptz NOT NULL)", connection);
            await create.ExecuteNonQueryAsync(cancel);
        }
        catch (NpgsqlException)
        {
            // Like a failed sample below: the scenario goes on and the line says the probe failed.
            _failedCommits++;
            return;
        }

        await using var insert = new NpgsqlCommand("INSERT INTO bench_commit_probe VALUES (now())", connection);
        using var timer = new PeriodicTimer(CommitEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                var started = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                try
                {
                    await insert.ExecuteNonQueryAsync(cancel);
                    _commits.Add((started, clock.Elapsed.TotalMilliseconds));
                }
                catch (NpgsqlException)
                {
                    // A probe that fails must not end the scenario; the count is reported.
                    _failedCommits++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Only the samples are lost.
        }

        _stop.Dispose();
    }
}
