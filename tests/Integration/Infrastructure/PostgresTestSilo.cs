using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Integration.Infrastructure;

/// <summary>One in-process silo whose grain state and reminders are on PostgreSQL (through <c>UseWealthActorsStorage</c>).</summary>
public sealed class PostgresTestSilo : IAsyncLifetime
{
    private readonly PostgresServer _server;
    private readonly string _database;
    private IHost _host = null!;

    public PostgresTestSilo(PostgresServer server, string database)
    {
        _server = server;
        _database = database;
    }

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
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
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: FreePort.Next());
            silo.UseWealthActorsStorage(builder.Configuration, builder.Environment);
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
