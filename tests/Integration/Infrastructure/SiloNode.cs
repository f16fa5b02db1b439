namespace WealthActors.Integration.Infrastructure;

/// <summary>
/// One silo of a PostgreSQL-backed cluster, run as the real Silo process with ports of its own. It keeps its ports
/// across a kill and a restart, as a silo restarted by systemd or Kubernetes on the same host would.
/// </summary>
/// <param name="settings">Further environment variables, such as a chat channel's or TLS settings.</param>
public sealed class SiloNode(string connectionString, string clusterId, int index, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private SiloProcess? _process;

    public int Index { get; } = index;

    public int HttpPort { get; } = FreePort.Next();

    public int SiloPort { get; } = FreePort.Next();

    public int GatewayPort { get; } = FreePort.Next();

    public bool IsRunning => _process is not null;

    public string Output => _process?.Output ?? "";

    public SiloProcess Process => _process ?? throw new InvalidOperationException($"Silo {Index} is not running.");

    /// <summary>The environment of a silo in PostgreSQL mode, as an operator would set it.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(BaseEnvironment.Concat(settings ?? new Dictionary<string, string>()));

    private Dictionary<string, string> BaseEnvironment => new(TestKeyRing.Environment())
    {
        ["Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__WealthActors"] = connectionString,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = "wealthactors-tests",
        ["Orleans__SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans__AdvertisedAddress"] = "127.0.0.1",
        // A deadline that passed while its reminder's silo was down fires at the next 2 s boundary after take-over.
        ["Sla__ReminderRetryPeriod"] = "00:00:02",
        // Console logging of every request costs CPU the other silos need on a small machine.
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public async Task StartAsync() => _process = await SiloProcess.Start(Environment, HttpPort);

    public HttpClient Client() => Process.Client();

    /// <summary>SIGKILL, keeping the output for diagnosis.</summary>
    public async Task<string> KillAsync()
    {
        var process = Process;
        _process = null;
        await process.Kill();
        var output = process.Output;
        await process.DisposeAsync();
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }
}
