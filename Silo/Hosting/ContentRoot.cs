namespace WealthActors.Silo.Hosting;

/// <summary>
/// Where the Silo finds <c>appsettings.json</c> and <c>wwwroot</c>, and against which a relative
/// <c>Storage:Sqlite:Path</c> resolves. ASP.NET Core's default is the working folder, so a published Silo started
/// from anywhere else ran without its settings and its pages. Here it is the application's own folder, unless the
/// content root is configured (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>) or the Silo runs from its project
/// folder (<c>dotnet run --project Silo</c>), where the settings, the pages and <c>data/</c> are that folder's.
/// </summary>
public static class ContentRoot
{
    public static string? Choose(IReadOnlyList<string> hostArguments)
    {
        var configured = hostArguments.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (configured || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "Silo.csproj")))
        {
            return null;
        }

        return AppContext.BaseDirectory;
    }
}
