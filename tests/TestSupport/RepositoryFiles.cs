namespace WealthActors.Testing;

/// <summary>
/// Files of the repository that tests read, found from the test binaries. Everything a test reads lives inside the
/// repository (a clone stands alone); the official protocol documents are in <c>tests/Specs</c>.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding WealthActors.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A document of <c>tests/Specs</c> (see its README for where each comes from).</summary>
    public static string Spec(string fileName)
    {
        var path = Path.Combine(Root, "tests", "Specs", fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"tests/Specs/{fileName} is missing.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WealthActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains WealthActors.sln.");
    }
}
