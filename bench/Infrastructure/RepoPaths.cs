namespace WealthActors.Bench.Infrastructure;

/// <summary>Where the built executables the driver starts live, found from the driver's own build output.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this driver was built with; the processes it starts come from the same one.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";

    public static string SiloAssembly => Existing(Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "WealthActors.Silo.dll"));

    public static string InsideAssembly =>
        Existing(Path.Combine(Root, "bench", "Inside", "bin", Configuration, "net10.0", "WealthActors.Bench.Inside.dll"));

    public static string BenchAssembly => Existing(Path.Combine(AppContext.BaseDirectory, "WealthActors.Bench.dll"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution ({Configuration}) first; missing {Path.GetFileName(path)}.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WealthActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("WealthActors.sln not found above the bench binaries.");
    }
}
