using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using WealthActors.Clients;
using WealthActors.Grains.Clients;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>Grain state through the sealing serializer, as the storage providers use it, without a silo.</summary>
public sealed class SealingGrainStorageSerializerTests
{
    private static readonly IGrainStorageSerializer Plain = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(
        new ServiceCollection()
            .AddSingleton<ClientStateCallbacks>()
            .AddSerializer(builder => builder.AddAssembly(typeof(ClientState).Assembly).AddAssembly(typeof(ClientProfile).Assembly))
            .BuildServiceProvider());

    [Theory]
    [InlineData(SealingAlgorithm.Aes256Gcm)]
    [InlineData(SealingAlgorithm.Sm4Gcm)]
    public void Serialize_ClientState_IsSealedAndReadsBack(SealingAlgorithm algorithm)
    {
        var serializer = new SealingGrainStorageSerializer(Plain, TestKeys.Sealer(algorithm == SealingAlgorithm.Sm4Gcm ? TestKeys.Sm4("k") : TestKeys.Aes("k")));
        var state = State();

        var stored = serializer.Serialize(state).ToArray();
        var read = serializer.Deserialize<ClientState>(new BinaryData(stored))!;

        Assert.True(SealedPayloadFormat.IsSealed(stored));
        Assert.Equal(-1, stored.AsSpan().IndexOf("13912345678"u8));
        Assert.Equal(-1, stored.AsSpan().IndexOf("310101197105201234"u8));
        AssertSameProfile(state, read);
    }

    [Fact]
    public void Deserialize_PlainPayloadFromBeforeSealing_ReadsIt()
    {
        var state = State();
        var plain = Plain.Serialize(state);
        var serializer = new SealingGrainStorageSerializer(Plain, TestKeys.Sealer(TestKeys.Aes("k")));

        var read = serializer.Deserialize<ClientState>(plain)!;

        AssertSameProfile(state, read);
        // The test is only worth something if the plain payload really held the phone number in clear.
        Assert.NotEqual(-1, plain.ToMemory().Span.IndexOf("13912345678"u8));
    }

    [Fact]
    public void Deserialize_PayloadSealedWithAKeyNoLongerInTheRing_ThrowsNamingTheKey()
    {
        var stored = new SealingGrainStorageSerializer(Plain, TestKeys.Sealer(TestKeys.Aes("retired"))).Serialize(State());
        var serializer = new SealingGrainStorageSerializer(Plain, TestKeys.Sealer(TestKeys.Aes("current")));

        var error = Assert.Throws<SealingKeyMissingException>(() => serializer.Deserialize<ClientState>(stored));

        Assert.Contains("'retired'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainOrleansPayloads_NeverStartWithTheSealedMarker()
    {
        // Whatever a release before sealing stored must not be taken for a sealed payload.
        object?[] states = [State(), new ClientState(), 42, "text", null, new List<string> { "a" }, DateOnly.MinValue];

        foreach (var state in states)
        {
            Assert.False(SealedPayloadFormat.IsSealed(Plain.Serialize(state).ToMemory().Span), $"{state?.GetType().Name ?? "null"}");
        }
    }

    private static void AssertSameProfile(ClientState expected, ClientState actual)
    {
        Assert.Equal(expected.Profile! with { Tags = [] }, actual.Profile! with { Tags = [] });
        Assert.Equal(expected.Profile.Tags, actual.Profile.Tags);
    }

    private static ClientState State() => new()
    {
        Profile = new ClientProfile("周杰 Zhou Jie", new DateOnly(1971, 5, 20), "13912345678", "310101197105201234", "SH01", "E100",
            ManualVip: true, RiskLevel.C3, new DateOnly(2026, 1, 5), ["vip"]),
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Revision = 3,
    };
}
