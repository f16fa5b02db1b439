using System.Globalization;
using System.Runtime.InteropServices;

namespace WealthActors.Bench.Infrastructure;

/// <summary>The machine as the tool reads it, for the report: nothing here is typed by hand.</summary>
public static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("CPU", CpuModel()),
        ("memory", $"{MemoryGiB():0.0} GiB"),
        ("OS", $"{OsName()}, kernel {Kernel()}, {RuntimeInformation.OSArchitecture}"),
        (".NET", RuntimeInformation.FrameworkDescription),
    ];

    /// <summary>The 1-minute load average: above the core count, other work was competing for the CPU.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static double MemoryGiB()
    {
        var total = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        return total is not null
            ? long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / (1024.0 * 1024)
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
    }

    private static string Kernel() =>
        File.Exists("/proc/sys/kernel/osrelease") ? $"Linux {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}" : Environment.OSVersion.VersionString;

    private static string OsName()
    {
        const string file = "/etc/os-release";
        var pretty = File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
        return pretty?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
    }
}
