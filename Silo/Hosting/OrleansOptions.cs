namespace WealthActors.Silo.Hosting;

/// <summary>Configuration section <c>Orleans</c>: the cluster identity and this silo's endpoints.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    /// <summary>Sub-section bound onto Orleans' <c>ClusterMembershipOptions</c> (failure detection), PostgreSQL mode only.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>Idle-activation collection (e.g. <c>Orleans:GrainCollection:CollectionAge</c>, Orleans' default 15 minutes).</summary>
    public const string GrainCollectionSection = "Orleans:GrainCollection";

    /// <summary>
    /// The reminder service's table refresh: <c>Orleans:ReminderService:RefreshReminderListPeriod</c> and
    /// <c>ReminderLoadingWindow</c>, which must not be shorter (defaults in <see cref="ReminderServiceDefaults"/>).
    /// </summary>
    public const string ReminderServiceSection = "Orleans:ReminderService";

    /// <summary>Silos (and clients) with the same cluster id form one cluster; a blue/green deployment uses a new one.</summary>
    public string ClusterId { get; set; } = "wealthactors";

    /// <summary>Stays the same across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "wealthactors";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at (an IP address or a host name resolved at start).
    /// PostgreSQL mode only; unset, Orleans picks an address of this machine's network interfaces.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Listen for other silos on every interface instead of only the advertised address: for a container or NAT that
    /// forwards the advertised address to this host. The gateway is not affected (see <see cref="GatewayListenOnAnyAddress"/>).
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// Open the client gateway on every interface. Off by default: the gateway authenticates nobody, so it listens on
    /// loopback only unless an operator opens it (with <see cref="Tls"/> on, so that only holders of the cluster's
    /// certificate get in).
    /// </summary>
    public bool GatewayListenOnAnyAddress { get; set; }

    /// <summary>An address of this machine to open the gateway on instead of loopback (PostgreSQL mode).</summary>
    public string? GatewayListenAddress { get; set; }

    /// <summary>TLS with mutual certificates for silo-to-silo and gateway connections (<c>Orleans:Tls:*</c>).</summary>
    public OrleansTlsOptions Tls { get; set; } = new();

    public static OrleansOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<OrleansOptions>() ?? new OrleansOptions();
}
