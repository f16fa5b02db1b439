using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace WealthActors.Bench.Infrastructure;

/// <summary>An external Orleans client, as an integrator runs one: static gateway on loopback, grain interfaces only.</summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost _host;

    private GatewayClient(IHost host) => _host = host;

    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<GatewayClient> Connect(int gatewayPort)
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole())
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
                // The Silo's defaults (Orleans:ClusterId and Orleans:ServiceId).
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "wealthactors";
                    o.ServiceId = "wealthactors";
                });
            })
            .Build();
        await host.StartAsync();
        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
