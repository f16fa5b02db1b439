using System.Reflection;

namespace WealthActors.Silo.Hosting;

/// <summary>
/// Makes the Orleans Dashboard read Orleans' gauges at the operators' sample interval. The dashboard's counters come
/// from a metrics reader of its own that the package starts at a fixed 1 s; one of the gauges it reads counts over every
/// activation, and with the directory cache's size they took about 4 % of the CPU of a busy silo holding a few hundred
/// thousand grains. The package keeps the interval on its (internal) host as an init-only property: the host is built here with
/// the interval set on it, and a package that no longer has the property stops the silo at start, so an upgrade that
/// changes it is caught by the first test run instead of silently sampling every second again.
/// </summary>
internal static class DashboardSampling
{
    private const string HostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string IntervalProperty = "ExportIntervalMilliseconds";

    public static void Apply(IServiceCollection services, TimeSpan interval)
    {
        var registration = services.SingleOrDefault(d => d.ServiceType.FullName == HostTypeName && d.ImplementationType is not null)
            ?? throw Changed("is no longer registered by its type");
        var hostType = registration.ServiceType;
        var property = hostType.GetProperty(IntervalProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        if (property?.SetMethod is not { } setInterval || property.PropertyType != typeof(int))
        {
            throw Changed($"has no int property {IntervalProperty}");
        }

        var milliseconds = (int)interval.TotalMilliseconds;
        services.Remove(registration);
        services.AddSingleton(hostType, provider =>
        {
            var host = ActivatorUtilities.CreateInstance(provider, hostType);
            setInterval.Invoke(host, [milliseconds]);
            return host;
        });
    }

    private static InvalidOperationException Changed(string what) =>
        new($"The Orleans Dashboard's {HostTypeName} {what}; review {nameof(DashboardSampling)} for this version of the package.");
}
