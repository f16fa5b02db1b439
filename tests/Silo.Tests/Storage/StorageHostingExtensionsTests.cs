using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Tests.Storage;

public sealed class StorageHostingExtensionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AddWealthActorsReadModel_NoConfiguration_OneSqliteSingletonServesBothInterfaces()
    {
        using var services = BuildReadModelServices([]);

        var writer = services.GetRequiredService<IReadModelWriter>();

        Assert.IsType<SqlReadModel>(writer);
        Assert.Same(writer, services.GetRequiredService<IReadModelQueries>());
        // The read model is in the grain-state file, so its rows commit with their state writes.
        Assert.NotNull(services.GetService<StateWriteProjection>());
    }

    [Fact]
    public void AddWealthActorsReadModel_MemoryProvider_OneInMemorySingletonServesBothInterfaces()
    {
        using var services = BuildReadModelServices(new() { ["Storage:Provider"] = "Memory" });

        var writer = services.GetRequiredService<IReadModelWriter>();

        Assert.IsType<InMemoryReadModel>(writer);
        Assert.Same(writer, services.GetRequiredService<IReadModelQueries>());
        Assert.Null(services.GetService<StateWriteProjection>());
    }

    [Fact]
    public async Task AddWealthActorsReadModel_ConnectionString_UsesThatFile()
    {
        var file = Path.Combine(_folder.Path, "elsewhere", "custom.db");
        using var services = BuildReadModelServices(new() { ["ConnectionStrings:WealthActors"] = $"Data Source={file}" });

        await services.GetRequiredService<IReadModelWriter>().UpsertClient(ReadModelContractTestsAccess.SampleClient("C1"));

        Assert.True(File.Exists(file));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "data", "wealthactors.db")));
    }

    [Fact]
    public void AddWealthActorsReadModel_InvalidSetting_ThrowsValidationError()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            BuildReadModelServices(new() { ["Storage:Sqlite:MaxWriteConnections"] = "0" }));

        Assert.Contains("MaxWriteConnections", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseWealthActorsStorage_MemoryProvider_KeepsStateAndRemindersWithoutAFile()
    {
        await using var silo = await TestSilo.StartAsync(_folder.Path, new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        var state = silo.Grains.GetGrain<IStateTestGrain>("memory");
        var reminders = silo.Grains.GetGrain<IReminderTestGrain>("memory");

        await state.SetValue("in memory");
        await reminders.Register("memory", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

        Assert.Equal("in memory", await state.GetValue());
        var row = await silo.Services.GetRequiredService<IReminderTable>().ReadRow(await reminders.GetId(), "memory");
        Assert.NotNull(row);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "data")));
    }

    private ServiceProvider BuildReadModelServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new TestEnvironment(_folder.Path);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWealthActorsReadModel(configuration, environment);
        return services.BuildServiceProvider();
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "WealthActors.Silo.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
