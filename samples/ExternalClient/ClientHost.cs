using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace WealthActors.Samples.ExternalClient;

/// <summary>
/// Builds an Orleans client host for a WealthActors cluster from configuration, the same keys the Silo reads:
/// <c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>, and either <c>ConnectionStrings:WealthActors</c> (find the
/// gateways in the PostgreSQL membership table, so silos can come and go) or <c>Orleans:Gateways</c>
/// (a fixed list such as <c>10.0.0.5:30000</c>). A cluster that runs TLS (<c>Orleans:Tls:CertificatePath</c> and
/// <c>Password</c> on the silos) is reached with the same certificate, or one the silos list in
/// <c>Orleans:Tls:AllowedThumbprints</c>.
/// </summary>
public static class ClientHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = builder.Configuration;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = configuration["Orleans:ClusterId"] ?? "wealthactors";
                options.ServiceId = configuration["Orleans:ServiceId"] ?? "wealthactors";
            });

            var gateways = configuration.GetSection("Orleans:Gateways").Get<string[]>() ?? [];
            if (gateways.Length > 0)
            {
                client.UseStaticClustering(gateways.Select(IPEndPoint.Parse).ToArray());
            }
            else if (configuration.GetConnectionString("WealthActors") is { Length: > 0 } connectionString)
            {
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;
                });
            }
            else
            {
                throw new InvalidOperationException("Set ConnectionStrings:WealthActors (PostgreSQL) or Orleans:Gateways:0 (host:port).");
            }

            if (configuration["Orleans:Tls:CertificatePath"] is { Length: > 0 } path)
            {
                UseTls(client, X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Orleans:Tls:Password"]),
                    configuration.GetSection("Orleans:Tls:AllowedThumbprints").Get<string[]>() ?? []);
            }
        });
        return builder.Build();
    }

    /// <summary>The client shows its certificate and accepts only a gateway showing a trusted one (pinned by thumbprint).</summary>
    private static void UseTls(IClientBuilder client, X509Certificate2 certificate, IEnumerable<string> allowedThumbprints)
    {
        var trusted = allowedThumbprints.Append(certificate.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        client.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => remote is not null && trusted.Contains(remote.Thumbprint);
        });
    }
}
