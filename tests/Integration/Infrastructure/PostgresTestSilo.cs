using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WealthActors.Silo.Hosting;

namespace WealthActors.Integration.Infrastructure;

/// <summary>
/// One in-process silo whose grain state, reminders and read model are on PostgreSQL (through <c>UseWealthActorsStorage</c>
/// and <c>AddWealthActorsReadModel</c>).
/// </summary>
public sealed class PostgresTestSilo : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly string _database;
    private IHost _host = null!;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private PostgresTestSilo(PostgresServer server, string database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _server = server;
        _database = database;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>A silo of its own on <paramref name="database"/>, with extra configuration; the caller disposes it.</summary>
    public static async Task<PostgresTestSilo> StartAsync(PostgresServer server, string database, IReadOnlyDictionary<string, string?> settings)
    {
        var silo = new PostgresTestSilo(server, database, settings);
        await silo.StartAsync();
        return silo;
    }

    /// <summary>The silo on database <paramref name="database"/>, started by the first test class that asks for it.</summary>
    public static Task<PostgresTestSilo> SharedAsync(PostgresServer server, string database) =>
        server.SharedAsync($"silo:{database}", async () =>
        {
            var silo = new PostgresTestSilo(server, database);
            await silo.StartAsync();
            return silo;
        });

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    private async Task StartAsync()
    {
        ConnectionString = await _server.DatabaseAsync(_database);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Development,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:WealthActors"] = ConnectionString,
        });
        // Every silo of a PostgreSQL cluster shares one key ring; a test's own settings may replace it.
        builder.Configuration.AddInMemoryCollection(TestKeyRing.Settings());
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // As the Silo has it: the read model in the same database, so projected states commit with their rows.
        builder.Services.AddWealthActorsReadModel(builder.Configuration, builder.Environment);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: FreePort.Next());
            silo.UseWealthActorsStorage(builder.Configuration, builder.Environment);
        });
        _host = builder.Build();
        try
        {
            await _host.StartAsync();
        }
        catch
        {
            _host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
