namespace WealthActors.Bench.Infrastructure;

/// <summary>The targets of the benchmarks issue (for this two-core machine) and how a summary line compares.</summary>
public static class Targets
{
    public static (string Target, string Verdict) Judge(SummaryLine? line)
    {
        if (line is null)
        {
            return ("", "no summary line (failed)");
        }

        if (line.NotAvailable)
        {
            return (TargetText(line), $"not available: {line.Values.GetValueOrDefault("reason")}");
        }

        var v = line.Number;
        return line.Scenario switch
        {
            "escalation-lateness" => Lateness(line),
            "command-throughput" => line.Values.GetValueOrDefault("storage") switch
            {
                "postgres" => ("ratio ≥ 0.6 on PostgreSQL; of_limit ≥ 0.8", Verdict(v("ratio") >= 0.6, v("of_limit") >= 0.8, "ratio", "of_limit")),
                "memory" => ("the silo's own limit", "measured"),
                _ => ("of_limit ≥ 0.8 (the ratio to raw upserts applies to PostgreSQL only)", Verdict(v("of_limit") >= 0.8)),
            },
            "audit-overhead" => ("ratio ≥ 0.9 (commands with the audit trail on / off)", Verdict(v("ratio") >= 0.9)),
            "bot-roundtrip" => ("p99 ≤ 50 ms", Verdict(v("p99_ms") <= 50)),
            "chat-wave" => ("p99 ≤ 60,000 ms from deadline to chat, dropped 0",
                Verdict(v("p99_to_chat_ms") <= 60_000, v("dropped") == 0, "p99", "dropped")),
            "grain-memory" => ("≤ 4,096 bytes per grain, cold p99 ≤ 20 ms",
                Verdict(v("bytes_per_grain") <= 4096, v("cold_p99_ms") <= 20, "bytes per grain", "cold p99")),
            "startup" => ("≤ 5,000 ms each", Verdict(v("empty_ms") <= 5000, v("loaded_ms") <= 5000, "empty", "loaded")),
            // The target is set at a million clients; a smaller scan says nothing about it either way.
            "care-scan" => ("≤ 60 s over 1,000,000 clients", v("clients") >= 1_000_000 ? Verdict(v("seconds") <= 60) : "not judged at this size"),
            "excel-import" => ("≤ 60 s for 100,000 rows, memory bounded", v("rows") >= 100_000 ? Verdict(v("seconds") <= 60) : "not judged at this size"),
            "console-board" => ("p95 ≤ 150 ms with 100,000 open, live p99 ≤ 1,000 ms", v("open") >= 100_000
                ? Verdict(v("p95_ms") <= 150, v("live_p99_ms") <= 1000, "p95", "live p99")
                : "not judged at this size"),
            "list-query" => ("p95 ≤ 50 ms over 1,000,000 rows", v("rows") >= 1_000_000 ? Verdict(v("p95_ms") <= 50) : "not judged at this size"),
            _ => ("no target (micro-benchmark)", "measured"),
        };
    }

    private static string TargetText(SummaryLine line) => line.Scenario switch
    {
        "escalation-lateness" => "PostgreSQL n=100,000: p99 ≤ 250 ms, missed = duplicated = 0",
        "command-throughput" => "ratio ≥ 0.6 on PostgreSQL; of_limit ≥ 0.8",
        "bot-roundtrip" => "p99 ≤ 50 ms",
        "chat-wave" => "p99 ≤ 60,000 ms from deadline to chat, dropped 0",
        "audit-overhead" => "ratio ≥ 0.9 (commands with the audit trail on / off)",
        "care-scan" => "≤ 60 s over 1,000,000 clients",
        "excel-import" => "≤ 60 s for 100,000 rows, memory bounded",
        "console-board" => "p95 ≤ 150 ms with 100,000 open, live p99 ≤ 1,000 ms",
        "list-query" => "p95 ≤ 50 ms over 1,000,000 rows",
        _ => "",
    };

    private static (string, string) Lateness(SummaryLine line)
    {
        var n = line.Number("n");
        var p99 = line.Number("p99_ms");
        var clean = line.Number("missed") == 0 && line.Number("duplicated") == 0;
        var postgres = line.Values.GetValueOrDefault("storage") == "postgres";
        if (postgres && n >= 1_000_000)
        {
            return (MillionTarget, clean
                ? Verdict(p99 <= 100, line.Number("open_per_s") >= 3000, "p99", "opening rate")
                : "MISSED: escalations missed or duplicated");
        }

        var (target, limit) = postgres
            ? ("PostgreSQL n=100,000: p99 ≤ 250 ms, missed = duplicated = 0", n >= 100_000 ? 250.0 : double.NaN)
            : n >= 50_000
                ? ("SQLite n=50,000: nothing missed, p99 ≤ 2,000 ms, no duplicates", 2000.0)
                : n >= 10_000
                    ? ("SQLite n=10,000: p99 ≤ 500 ms, missed = duplicated = 0", 500.0)
                    : ("missed = duplicated = 0 (no latency target at this size)", double.NaN);
        if (!clean)
        {
            return (target, "MISSED: escalations missed or duplicated");
        }

        // PostgreSQL's latency target is set at n=100,000; a smaller run shows only that nothing was missed or repeated.
        return double.IsNaN(limit)
            ? (target, postgres ? "none missed or duplicated; p99 not judged below n=100,000" : "met")
            : (target, Verdict(p99 <= limit));
    }

    private const string MillionTarget = "PostgreSQL n=1,000,000: p99 ≤ 100 ms, missed = duplicated = 0, opening ≥ 3,000 per second";

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string Verdict(bool first, bool second, string firstName, string secondName) =>
        (first, second) switch
        {
            (true, true) => "met",
            (false, true) => $"MISSED ({firstName})",
            (true, false) => $"MISSED ({secondName})",
            _ => $"MISSED ({firstName} and {secondName})",
        };
}
