using WealthActors.Integration.Infrastructure;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Integration.Storage;

/// <summary>Silos sharing a PostgreSQL database share one key ring: none may start with a ring of its own making.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKeyRingTests(PostgresServer server)
{
    [Fact]
    public async Task SiloStart_PostgreSqlWithoutAKeyRing_RefusesNamingTheKeysToSet()
    {
        var node = new SiloNode(await server.DatabaseAsync("no_key_ring"), "no-key-ring", 0);
        var environment = node.Environment
            .Where(setting => !setting.Key.StartsWith("Security__DataProtection__", StringComparison.Ordinal))
            .ToDictionary();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.Start(environment, node.HttpPort));

        Assert.Contains("The Silo exited", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:Keys (each { Id, Key, Algorithm }", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:CurrentKeyId", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Security:DataProtection:KeyFile", refused.Message, StringComparison.Ordinal);
    }
}
