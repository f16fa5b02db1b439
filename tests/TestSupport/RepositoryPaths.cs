namespace WealthActors.Testing;

public static class RepositoryPaths
{
    /// <summary>The folder holding WealthActors.sln, found by walking up from the test binaries.</summary>
    public static string Root => RepositoryFiles.Root;

    /// <summary>The Silo's own build output for the configuration these tests were built with.</summary>
    public static string SiloAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release"
                : "Debug";
            var path = Path.Combine(Root, "Silo", "bin", configuration, "net10.0", "WealthActors.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the Silo ({configuration}) first; not found: {path}");
        }
    }
}
