using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using WealthActors.Grains.ReadModel;
using WealthActors.Integration.Infrastructure;
using WealthActors.ReadModel;
using WealthActors.Silo.DataProtection;
using WealthActors.Silo.Storage.Postgres;

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

    [Fact]
    public async Task Reseal_AfterRotation_LeavesNothingThatNeedsTheOldKey()
    {
        var keyA = Convert.ToBase64String(Enumerable.Repeat((byte)0xA1, 32).ToArray());
        var keyB = Convert.ToBase64String(Enumerable.Repeat((byte)0xB2, 16).ToArray());
        string connectionString;
        await using (var silo = await PostgresTestSilo.StartAsync(server, "reseal", TestKeyRing.Settings("a", ("a", keyA, "AES-256-GCM"))))
        {
            connectionString = silo.ConnectionString;
            await silo.Grains.GetGrain<ICounterGrain>("sealed-under-a").Increment();
            await silo.Grains.GetGrain<ICounterGrain>("from-before-sealing").Increment();
            var plain = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(silo.Services).Serialize(new CounterState { Value = 1 }).ToArray();
            await Sql.ExecuteAsync(connectionString,
                $"UPDATE orleans_storage SET payload = decode('{Convert.ToHexString(plain)}', 'hex') WHERE grain_ext = '~from-before-sealing'");
            await silo.Services.GetRequiredService<IReadModelWriter>().UpsertClient(new ClientRow(
                "C1", "Zhou", "B1", "E1", ClientTier.HighNetWorth, true, 8_000_000m, new DateOnly(1971, 5, 20), null, null, null,
                LifecycleStage.Active, 0, DateTimeOffset.UtcNow));
        }

        await using (var database = new PostgresDatabase(connectionString, NullLoggerFactory.Instance))
        {
            var ring = new KeyRing([new DataKey("a", SealingAlgorithm.Aes256Gcm, Convert.FromBase64String(keyA)), new DataKey("b", SealingAlgorithm.Sm4Gcm, Convert.FromBase64String(keyB))], "b");

            var result = await new Resealer(new PayloadSealer(ring)).Run(database.DataSource, CancellationToken.None);

            Assert.Equal(2, result.States);
            Assert.Equal(2, result.StatesResealed);
            Assert.Equal(1, result.StatesWerePlain);
            Assert.Equal(1, result.BirthdaysResealed);
            Assert.Equal(0, (await new Resealer(new PayloadSealer(ring)).Run(database.DataSource, CancellationToken.None)).StatesResealed);
        }

        // Key a has left the ring: everything still reads.
        await using (var silo = await PostgresTestSilo.StartAsync(server, "reseal", TestKeyRing.Settings("b", ("b", keyB, "SM4-GCM"))))
        {
            Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("sealed-under-a").Get());
            Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("from-before-sealing").Get());
            var client = Assert.Single(await silo.Services.GetRequiredService<IReadModelQueries>().SearchClients("C1", 10, null));
            Assert.Equal(new DateOnly(1971, 5, 20), client.Birthday);
        }
    }
}
