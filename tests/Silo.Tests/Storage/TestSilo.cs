using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WealthActors.Silo.Hosting;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>A single real silo configured through <see cref="StorageHostingExtensions.UseWealthActorsStorage"/>.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts a silo whose content root is <paramref name="contentRoot"/>; with no settings it uses the embedded SQLite
    /// default. With <paramref name="readModel"/>, the read model too, in the same storage.
    /// </summary>
    public static async Task<TestSilo> StartAsync(string contentRoot, IDictionary<string, string?>? settings = null, bool readModel = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Development,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (readModel)
        {
            builder.Services.AddWealthActorsReadModel(builder.Configuration, builder.Environment);
        }

        builder.UseOrleans(silo =>
        {
            // Free ports, so parallel test classes (and other builds on the machine) do not collide.
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.UseWealthActorsStorage(builder.Configuration, builder.Environment);
        });

        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
