using System.Diagnostics;

namespace WealthActors.Silo.Tests.Infrastructure;

/// <summary>One run of the real Silo executable with a verb (<c>audit verify</c>, <c>migrate</c>): its exit code and output.</summary>
public static class SiloCommand
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepositoryPaths.SiloAssembly },
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The Silo did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"silo {string.Join(' ', arguments)} did not finish: {await output}{await errors}");
        }

        return new Result(process.ExitCode, await output, await errors);
    }
}
