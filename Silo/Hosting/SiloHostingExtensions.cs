namespace WealthActors.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Adds the Orleans silo with the configured storage, and the services the grains need.</summary>
    public static WebApplicationBuilder AddWealthActorsSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.UseLocalhostClustering());
        return builder;
    }
}
