using System.Diagnostics;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// The daily care rules (birthday, maturity, dormancy, risk expiry) over a read model of N clients: the bench host
/// seeds the rows straight into a fresh SQLite file and times the product's runners and queries over it, then a
/// second run of the same day (which must deliver nothing). N is 1,000,000, 100,000 with --quick, or --clients.
/// </summary>
public static class CareScan
{
    public static async Task<int> Run(BenchArgs args)
    {
        if (args.Storage != "sqlite")
        {
            return Out.NotAvailable("care-scan", "seeds-sqlite-only", ("storage", args.Storage));
        }

        var clients = args.Int("clients", 1_000_000, 100_000);
        using var temp = new TempDirectory();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoPaths.InsideAssembly);
        foreach (var argument in new[] { "care-scan", "--database", temp.File("care.db"), "--clients", clients.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The care-scan host did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        string? result = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("care-scan-result: ", StringComparison.Ordinal))
            {
                result = line["care-scan-result: ".Length..];
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal))
            {
                Console.WriteLine(line);
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || result is null)
        {
            Console.Error.WriteLine(await errors);
            return process.ExitCode == 0 ? 1 : process.ExitCode;
        }

        Console.WriteLine($"care-scan: {result} storage=sqlite");
        return 0;
    }
}
