using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.ReadModel;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>Choosing PostgreSQL through configuration, checked without a server (tests/Integration runs one).</summary>
public sealed class PostgresConfigurationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=5432;Database=wealthactors;Username=wa";

    [Fact]
    public void AddWealthActorsReadModel_PostgreSqlProvider_OnePostgresSingletonServesBothInterfaces()
    {
        var settings = TestKeyRing.Settings();
        settings["Storage:Provider"] = "PostgreSql";
        settings["ConnectionStrings:WealthActors"] = ConnectionString;
        using var services = Build(settings);

        var writer = services.GetRequiredService<IReadModelWriter>();

        Assert.IsType<SqlReadModel>(writer);
        Assert.Same(writer, services.GetRequiredService<IReadModelQueries>());
        // The read model is in the grain-state database, so its rows commit with their state writes.
        Assert.NotNull(services.GetService<StateWriteProjection>());
    }

    [Fact]
    public void AddWealthActorsReadModel_PostgreSqlWithoutConnectionString_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Storage:Provider"] = "PostgreSql" }));

        Assert.Contains("ConnectionStrings:WealthActors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWealthActorsReadModel_PostgreSqlWithoutKeyRing_RefusesNamingTheKeysToSet()
    {
        using var services = Build(new() { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:WealthActors"] = ConnectionString });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IReadModelWriter>());

        Assert.Contains("Security:DataProtection:Keys", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:CurrentKeyId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:KeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageOptions_PostgreSql_MigratesOnStartUnlessTurnedOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:MigrateOnStart"] = "false",
            ["ConnectionStrings:WealthActors"] = ConnectionString,
        }).Build();

        var options = StorageOptions.From(configuration);

        Assert.Equal(StorageProvider.PostgreSql, options.Provider);
        Assert.False(options.MigrateOnStart);
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.True(new StorageOptions().MigrateOnStart);
    }

    [Fact]
    public void Load_PostgresDialect_QueryScriptsRepeatableTableScriptsNot()
    {
        var scripts = SchemaScript.Load("postgres");

        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
        Assert.All(scripts, s => Assert.Equal(s.Name.EndsWith("-queries", StringComparison.Ordinal), s.IsRepeatable));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWealthActorsReadModel(configuration, new Environment());
        return services.BuildServiceProvider();
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "WealthActors.Silo.Tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
