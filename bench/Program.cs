using WealthActors.Bench.Infrastructure;
using WealthActors.Bench.Scenarios;

namespace WealthActors.Bench;

public static class Program
{
    private static readonly Dictionary<string, Func<BenchArgs, Task<int>>> Scenarios = new(StringComparer.Ordinal)
    {
        ["escalation-lateness"] = EscalationLateness.Run,
        ["command-throughput"] = CommandThroughput.Run,
        ["audit-overhead"] = AuditOverhead.Run,
        ["bot-roundtrip"] = BotRoundtrip.Run,
        ["chat-wave"] = ChatWave.Run,
        ["grain-memory"] = GrainMemory.Run,
        ["startup"] = Startup.Run,
        ["care-scan"] = CareScan.Run,
        ["excel-import"] = ExcelImport.Run,
        ["console-board"] = ConsoleBoard.Run,
        ["list-query"] = ListQuery.Run,
        ["sla-eval"] = Micro.Run,
        ["wecom-crypto"] = Micro.Run,
        ["state-sealing"] = Micro.Run,
        ["report"] = ReportCommand.Run,
    };

    public static async Task<int> Main(string[] args)
    {
        BenchArgs parsed;
        try
        {
            parsed = new BenchArgs(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        ChildSilo.Overrides = parsed.Get("silo-env", "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
        if (ChildSilo.Overrides.Count > 0)
        {
            Out.Detail($"silo configuration overrides: {string.Join(", ", ChildSilo.Overrides.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        PerfProfile.KeepAs = parsed.Get("profile-keep", "") is { Length: > 0 } keep ? Path.GetFullPath(keep) : null;
        PerfProfile.Enabled = parsed.Has("profile") || PerfProfile.KeepAs is not null;
        if (!Scenarios.TryGetValue(parsed.Scenario, out var run))
        {
            Console.WriteLine("usage: dotnet run -c Release --project bench -- <scenario> [--quick] [--storage sqlite|postgres|memory] [--silo-env Key=Value,…]");
            Console.WriteLine($"scenarios: {string.Join(", ", Scenarios.Keys)}");
            return parsed.Scenario == "help" ? 0 : 2;
        }

        return await run(parsed);
    }
}
