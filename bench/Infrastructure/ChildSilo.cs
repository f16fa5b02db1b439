using System.Diagnostics;
using System.Net.Http.Headers;
using WealthActors.Testing;

namespace WealthActors.Bench.Infrastructure;

/// <summary>
/// A silo executable (the real Silo, or the bench-only host) in its own process on free loopback ports with its own
/// SQLite file. Its output is drained continuously (a full pipe would stall its logging) and the tail is kept for
/// diagnosis. Only this process, by its handle, is ever stopped.
/// </summary>
public sealed class ChildSilo : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef";

    private const int TailLines = 200;

    private static readonly List<ChildSilo> Running = [];

    /// <summary>
    /// Configuration given with <c>--silo-env Key=Value,…</c>, applied to every silo a scenario starts: for trying a
    /// setting (for example <c>Storage__Sqlite__MaxWriteConnections=4</c>) without changing the product.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Overrides { get; set; } = new Dictionary<string, string>();

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    static ChildSilo() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    private ChildSilo(Process process, int httpPort, int gatewayPort, Stopwatch sinceStart)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        GatewayPort = gatewayPort;
        SinceStart = sinceStart;
    }

    public Uri BaseAddress { get; }

    public int GatewayPort { get; }

    /// <summary>Started just before the process was created.</summary>
    public Stopwatch SinceStart { get; }

    /// <summary>Process start until <c>/health</c> first answered 200.</summary>
    public TimeSpan TimeToHealthy { get; private set; }

    public int ProcessId => _process.Id;

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts the real Silo on the given SQLite file.</summary>
    public static Task<ChildSilo> StartSilo(string databaseFile, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(RepoPaths.SiloAssembly, [], databaseFile, environment);

    /// <summary>Starts the bench-only host: the same silo plus a diagnostics endpoint.</summary>
    public static Task<ChildSilo> StartInside(string databaseFile, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(RepoPaths.InsideAssembly, [], databaseFile, environment);

    private static async Task<ChildSilo> Start(
        string assembly, IReadOnlyList<string> arguments, string databaseFile, IReadOnlyDictionary<string, string>? environment)
    {
        var httpPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Storage__Sqlite__Path"] = databaseFile;
        info.Environment["Orleans__SiloPort"] = FreePort.Next().ToString();
        info.Environment["Orleans__GatewayPort"] = gatewayPort.ToString();
        info.Environment["Auth__ApiKeys__0__Name"] = "bench";
        info.Environment["Auth__ApiKeys__0__Key"] = AdminKey;
        var roles = new[] { "Admin", "System", "Manager", "Advisor", "Compliance" };
        for (var i = 0; i < roles.Length; i++)
        {
            info.Environment[$"Auth__ApiKeys__0__Roles__{i}"] = roles[i];
        }

        if (PerfProfile.Enabled)
        {
            // Names JIT-compiled methods for perf (PerfProfile); with write-xor-execute on, the code runs from a second
            // mapping of its memory that perf cannot match to the names.
            info.Environment["DOTNET_PerfMapEnabled"] = "1";
            info.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        foreach (var (key, value) in (environment ?? new Dictionary<string, string>()).Concat(Overrides))
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("The silo process did not start.");
        var silo = new ChildSilo(process, httpPort, gatewayPort, clock);
        lock (Running)
        {
            Running.Add(silo);
        }

        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitHealthy(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    public HttpClient Http(TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Resident set size of the silo process, from the OS.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>CPU time the silo process has used so far (user and system), from the OS.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async Task Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        lock (Running)
        {
            Running.Remove(this);
        }

        _process.Dispose();
    }

    private static void StopAll()
    {
        lock (Running)
        {
            foreach (var silo in Running)
            {
                try
                {
                    if (!silo._process.HasExited)
                    {
                        silo._process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private async Task WaitHealthy(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (SinceStart.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Tail}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    TimeToHealthy = SinceStart.Elapsed;
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

            // Fine-grained so the start-up time is measured to a few tens of milliseconds.
            await Task.Delay(20);
        }

        throw new TimeoutException($"The silo was not healthy within {timeout}:\n{Tail}");
    }
}
