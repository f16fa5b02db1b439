namespace WealthActors.Silo.Hosting;

/// <summary>Configuration section <c>Orleans</c>: the cluster identity and this silo's ports.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "wealthactors";

    public string ServiceId { get; set; } = "wealthactors";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
