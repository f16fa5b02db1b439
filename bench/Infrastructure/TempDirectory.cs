namespace WealthActors.Bench.Infrastructure;

/// <summary>A private folder for one run's database file, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => FullPath = Directory.CreateTempSubdirectory("wealthactors-bench-").FullName;

    public string FullPath { get; }

    public string File(string name) => Path.Combine(FullPath, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a child still closing its file handle leaves it to the OS temp cleanup.
        }
    }
}
