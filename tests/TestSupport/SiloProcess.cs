using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace WealthActors.Testing;

/// <summary>The real Silo executable in its own process, on a loopback port, with its output kept for diagnosis.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string AdminKey = "process-test-admin-key-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the Silo listening on <paramref name="httpPort"/>; <paramref name="arguments"/> replace the default
    /// <c>--urls http://127.0.0.1:{httpPort}</c> (and must then name that address themselves), and
    /// <paramref name="workingDirectory"/> the default of the Silo's own folder.
    /// </summary>
    public static async Task<SiloProcess> Start(
        IReadOnlyDictionary<string, string> environment,
        int httpPort,
        IReadOnlyList<string>? arguments = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepositoryPaths.SiloAssembly },
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments ?? ["--urls", $"http://127.0.0.1:{httpPort}"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Auth__ApiKeys__0__Name"] = "admin";
        info.Environment["Auth__ApiKeys__0__Key"] = AdminKey;
        foreach (var (role, index) in new[] { ("Admin", 0), ("System", 1), ("Manager", 2), ("Advisor", 3) })
        {
            info.Environment[$"Auth__ApiKeys__0__Roles__{index}"] = role;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The Silo did not start.");
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await silo.WaitHealthy(TimeSpan.FromSeconds(60));
        return silo;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was acknowledged must already be durable.</summary>
    public async Task Kill()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitHealthy(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Exited is seen before the last lines of its output are read; waiting for exit waits for them too.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The Silo exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The Silo was not healthy within {timeout}:\n{Output}");
    }
}
