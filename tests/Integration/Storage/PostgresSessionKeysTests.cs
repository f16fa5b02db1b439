using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Integration.Storage;

/// <summary>Silos sharing a PostgreSQL database share the keys of their cookies: a session opened on one opens on all.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionKeysTests(PostgresServer server) : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = new PostgresDatabase(await server.DatabaseAsync("session_keys"), NullLoggerFactory.Instance);
        await _database.EnsureSchemaAsync();
        await Sql.ExecuteAsync(_database.ConnectionString, "TRUNCATE wa_session_keys");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void CookieProtectedOnOneSilo_OpensOnAnother_AndTheStoredKeyIsSealed()
    {
        using var one = Silo();
        using var other = Silo();

        var cookie = one.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Protect("employee E300");

        Assert.Equal("employee E300", other.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(cookie));
        var stored = Assert.Single(new DatabaseXmlRepository(_database.DataSource, () => Task.CompletedTask).GetAllElements());
        Assert.NotNull(stored.Descendants(SealedXmlEncryptor.ElementName).SingleOrDefault());
        Assert.Empty(stored.Descendants("masterKey"));
    }

    /// <summary>The services of a silo as far as its cookies go: Data Protection over the shared table, sealed with the ring.</summary>
    private ServiceProvider Silo()
    {
        var sealer = TestKeyRing.Sealer();
        var services = new ServiceCollection();
        services.AddSingleton(sealer);
        services.AddDataProtection().SetApplicationName("WealthActors");
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseXmlRepository(_database.DataSource, () => _database.EnsureSchemaAsync());
            o.XmlEncryptor = new SealedXmlEncryptor(sealer);
        });
        return services.BuildServiceProvider();
    }
}
