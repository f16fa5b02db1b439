namespace WealthActors.Silo.Imports;

public static class ImportsHostingExtensions
{
    /// <summary>Excel imports: the upload checks, the processor the API and the command line share, and the background runner.</summary>
    public static WebApplicationBuilder AddWealthActorsImports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ImportOptions>().Bind(builder.Configuration.GetSection(ImportOptions.SectionName))
            .Validate(o => o.MaxFileBytes > 0 && o.MaxUncompressedBytes > 0 && o.ChunkRows > 0 && o.Concurrency > 0 && o.MaxCompressionRatio > 0,
                "Imports: sizes, ChunkRows, Concurrency and MaxCompressionRatio must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ImportFolder>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<ImportProcessor>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        return builder;
    }
}
