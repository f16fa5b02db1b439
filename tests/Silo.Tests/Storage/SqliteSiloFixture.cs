namespace WealthActors.Silo.Tests.Storage;

/// <summary>One silo on a temp SQLite file shared by a test class; tests use fresh grain keys.</summary>
public sealed class SqliteSiloFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public TestSilo Silo { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder.Path, "data", "wealthactors.db");

    public async Task InitializeAsync() => Silo = await TestSilo.StartAsync(_folder.Path);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _folder.Dispose();
    }
}
