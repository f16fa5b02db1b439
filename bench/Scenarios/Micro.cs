using System.Diagnostics;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the domain code (SLA evaluation, WeCom crypto, sealing grain state). They run in the bench host's
/// executable, which references the domain assemblies; the driver relays its output and ends with its summary line.
/// </summary>
public static class Micro
{
    public static async Task<int> Run(BenchArgs args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoPaths.InsideAssembly);
        info.ArgumentList.Add("micro");
        info.ArgumentList.Add(args.Scenario);
        if (args.Quick)
        {
            info.ArgumentList.Add("--quick");
        }

        if (args.Has("tiny"))
        {
            info.ArgumentList.Add("--tiny");
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The micro-benchmark process did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        string? summary = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith($"{args.Scenario}: ", StringComparison.Ordinal))
            {
                summary = line;
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith('|'))
            {
                // The per-benchmark lines and BenchmarkDotNet's result table; its progress chatter is left out.
                Console.WriteLine(line.StartsWith('|') ? $"  {line}" : line);
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || summary is null)
        {
            Console.Error.WriteLine(await errors);
            return process.ExitCode == 0 ? 1 : process.ExitCode;
        }

        Console.WriteLine(summary);
        return 0;
    }
}
