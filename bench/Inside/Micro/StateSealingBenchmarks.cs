using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Orleans.Serialization;
using Orleans.Storage;
using WealthActors.Clients;
using WealthActors.Grains.Clients;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Bench.Inside.Micro;

/// <summary>
/// What sealing adds to a grain-state write and read: a realistic client state (profile, three holdings, a household
/// member, five interactions) through the Orleans serializer alone, and sealed with AES-256-GCM and with SM4-GCM.
/// </summary>
[MemoryDiagnoser]
public class StateSealingBenchmarks
{
    private IGrainStorageSerializer _plain = null!;
    private IGrainStorageSerializer _aes = null!;
    private IGrainStorageSerializer _sm4 = null!;
    private ClientState _state = null!;
    private BinaryData _plainPayload = null!;
    private BinaryData _aesPayload = null!;
    private BinaryData _sm4Payload = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection()
            .AddSingleton<ClientStateCallbacks>()
            .AddSerializer(builder => builder.AddAssembly(typeof(ClientState).Assembly).AddAssembly(typeof(ClientProfile).Assembly))
            .BuildServiceProvider();
        _plain = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
        _aes = new SealingGrainStorageSerializer(_plain, Sealer(new DataKey("aes", SealingAlgorithm.Aes256Gcm, RandomNumberGenerator.GetBytes(32))));
        _sm4 = new SealingGrainStorageSerializer(_plain, Sealer(new DataKey("sm4", SealingAlgorithm.Sm4Gcm, RandomNumberGenerator.GetBytes(16))));
        _state = ClientSeeder.State(4242);
        _plainPayload = _plain.Serialize(_state);
        _aesPayload = _aes.Serialize(_state);
        _sm4Payload = _sm4.Serialize(_state);
        Console.WriteLine($"  payload: {_plainPayload.ToMemory().Length} bytes plain, {_aesPayload.ToMemory().Length} sealed");
    }

    [Benchmark(Baseline = true)]
    public BinaryData WritePlain() => _plain.Serialize(_state);

    [Benchmark]
    public BinaryData WriteAes() => _aes.Serialize(_state);

    [Benchmark]
    public BinaryData WriteSm4() => _sm4.Serialize(_state);

    [Benchmark]
    public ClientState? ReadPlain() => _plain.Deserialize<ClientState>(_plainPayload);

    [Benchmark]
    public ClientState? ReadAes() => _aes.Deserialize<ClientState>(_aesPayload);

    [Benchmark]
    public ClientState? ReadSm4() => _sm4.Deserialize<ClientState>(_sm4Payload);

    private static PayloadSealer Sealer(DataKey key) => new(new KeyRing([key], key.Id));
}
