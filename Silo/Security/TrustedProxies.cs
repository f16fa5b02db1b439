using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WealthActors.Silo.Security;

/// <summary>
/// Configuration section <c>Network:TrustedProxies</c>: the reverse proxies or load balancers in front of the Silo
/// (addresses, and networks in CIDR form). Only from them is <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// believed, so that the audit trail and the per-address rate limit see the caller's address, and cookies and sign-in
/// redirects see the HTTPS the caller used. Empty (the default): the headers are ignored, as anyone could send them.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string Section = "Network:TrustedProxies";

    public List<string> Addresses { get; set; } = [];

    public List<string> Networks { get; set; } = [];

    /// <summary>How many proxies in a row may have added to the headers.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Enabled => Addresses.Count > 0 || Networks.Count > 0;

    public IEnumerable<string> Problems()
    {
        foreach (var address in Addresses.Where(a => !IPAddress.TryParse(a, out _)))
        {
            yield return $"{Section}:Addresses: '{address}' is not an IP address.";
        }

        foreach (var network in Networks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return $"{Section}:Networks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8).";
        }

        if (ForwardLimit < 1)
        {
            yield return $"{Section}:ForwardLimit must be at least 1.";
        }
    }
}

public static class TrustedProxies
{
    public static IServiceCollection AddWealthActorsTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(TrustedProxiesOptions.Section).Get<TrustedProxiesOptions>() ?? new TrustedProxiesOptions();
        services.AddOptions<TrustedProxiesOptions>().Bind(configuration.GetSection(TrustedProxiesOptions.Section))
            .Validate(o => !o.Problems().Any(), string.Join(" ", proxies.Problems()))
            .ValidateOnStart();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxies.ForwardLimit;
            // Replace the framework's defaults (loopback): only what the operator names is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxies.Addresses.Where(a => IPAddress.TryParse(a, out _)))
            {
                o.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxies.Networks.Where(n => System.Net.IPNetwork.TryParse(n, out _)))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First of all, where proxies are configured: everything after it sees the caller's address and scheme.</summary>
    public static WebApplication UseWealthActorsTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrustedProxiesOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
