using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Hosting;

/// <summary>Cluster membership (docs/ARCHITECTURE.md §5): one localhost silo on SQLite, any number of silos on PostgreSQL.</summary>
public static class ClusteringHostingExtensions
{
    /// <summary>
    /// Failure detection in PostgreSQL mode. Each silo probes the others every <see cref="ProbeTimeout"/>; after
    /// <see cref="MissedProbes"/> missed probes it votes the silo dead, and two votes declare it dead. A killed silo is
    /// therefore out of the cluster, and its reminders and grains taken over, about
    /// <see cref="ProbeTimeout"/> × <see cref="MissedProbes"/> (6 s) after it stopped answering. Orleans' defaults
    /// (5 s × 3) are tuned for large clusters; a deadline escalation should not wait that long. <c>Orleans:Membership</c>
    /// overrides any of these.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public const int MissedProbes = 3;

    /// <summary>Upper bound of the failure-detection time the defaults give (probing plus vote propagation).</summary>
    public static TimeSpan FailureDetectionTime => ProbeTimeout * MissedProbes + TimeSpan.FromSeconds(2);

    public static ISiloBuilder UseWealthActorsClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = OrleansOptions.From(configuration);
        if (StorageOptions.From(configuration).Provider != StorageProvider.PostgreSql)
        {
            // SQLite has one writer and the memory store is per process: one silo, on this host.
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            return silo;
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans.ClusterId;
            o.ServiceId = orleans.ServiceId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = orleans.SiloPort;
            o.GatewayPort = orleans.GatewayPort;
            if (orleans.AdvertisedAddress is { Length: > 0 } advertised)
            {
                o.AdvertisedIPAddress = Resolve(advertised);
            }

            if (orleans.ListenOnAnyAddress)
            {
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, orleans.SiloPort);
            }

            o.GatewayListeningEndpoint = new IPEndPoint(GatewayListenAddress(orleans), orleans.GatewayPort);
        });
        silo.UseAdoNetClustering(builder => builder.Configure<PostgresDatabase>((options, database) =>
        {
            options.Invariant = PostgresDatabase.Invariant;
            options.DataSource = database.DataSource;
        }));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = ProbeTimeout;
            o.NumMissedProbesLimit = MissedProbes;
            // A silo that missed a membership change learns it within this period even if gossip did not reach it.
            o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(OrleansOptions.MembershipSection));
        return silo;
    }

    /// <summary>
    /// The gateway lets any client that reaches it call any grain, so it stays on loopback (clients on this machine)
    /// unless it is opened on purpose: on every interface, or on one address.
    /// </summary>
    public static IPAddress GatewayListenAddress(OrleansOptions orleans) =>
        orleans.GatewayListenAddress is { Length: > 0 } address
            ? IPAddress.TryParse(address, out var ip) ? ip : throw new InvalidOperationException($"Orleans:GatewayListenAddress '{address}' is not an IP address.")
            : orleans.GatewayListenOnAnyAddress ? IPAddress.Any : IPAddress.Loopback;

    private static IPAddress Resolve(string address)
    {
        if (IPAddress.TryParse(address, out var ip))
        {
            return ip;
        }

        // A host name (a pod's or a VM's DNS name): its first IPv4 address, as Orleans advertises one address.
        var addresses = Dns.GetHostAddresses(address);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"Orleans:AdvertisedAddress '{address}' does not resolve to an address.");
    }
}
