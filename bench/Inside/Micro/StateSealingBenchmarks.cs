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
/// member, five interactions) through the Orleans serializer alone, and sealed with AES-256-GCM and with SM4-GCM; and the
/// sealing alone, on the serializer's bytes of that state.
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
    private PayloadSealer _aesSealer = null!;
    private PayloadSealer _sm4Sealer = null!;
    private byte[] _plainBytes = null!;
    private byte[] _aesSealed = null!;
    private byte[] _sm4Sealed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection()
            .AddSingleton<ClientStateCallbacks>()
            .AddSerializer(builder => builder.AddAssembly(typeof(ClientState).Assembly).AddAssembly(typeof(ClientProfile).Assembly))
            .BuildServiceProvider();
        _plain = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
        _aesSealer = Sealer(new DataKey("aes", SealingAlgorithm.Aes256Gcm, RandomNumberGenerator.GetBytes(32)));
        _sm4Sealer = Sealer(new DataKey("sm4", SealingAlgorithm.Sm4Gcm, RandomNumberGenerator.GetBytes(16)));
        _aes = new SealingGrainStorageSerializer(_plain, _aesSealer);
        _sm4 = new SealingGrainStorageSerializer(_plain, _sm4Sealer);
        _state = ClientSeeder.State(4242);
        _plainPayload = _plain.Serialize(_state);
        _aesPayload = _aes.Serialize(_state);
        _sm4Payload = _sm4.Serialize(_state);
        _plainBytes = _plainPayload.ToArray();
        _aesSealed = _aesSealer.Seal(_plainBytes);
        _sm4Sealed = _sm4Sealer.Seal(_plainBytes);
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

    [Benchmark]
    public byte[] SealAes() => _aesSealer.Seal(_plainBytes);

    [Benchmark]
    public byte[] OpenAes() => _aesSealer.Open(_aesSealed);

    [Benchmark]
    public byte[] SealSm4() => _sm4Sealer.Seal(_plainBytes);

    [Benchmark]
    public byte[] OpenSm4() => _sm4Sealer.Open(_sm4Sealed);

    /// <summary>
    /// The same operations timed by the thread's CPU time (<see cref="ThreadCpuTime"/>), which a busy machine distorts far
    /// less than the wall-clock means above.
    /// </summary>
    public static IReadOnlyList<(string Method, double Nanoseconds)> CpuTimes(int iterations)
    {
        var bench = new StateSealingBenchmarks();
        bench.Setup();
        return
        [
            (nameof(WritePlain), ThreadCpuTime.PerOperation(() => bench.WritePlain(), iterations)),
            (nameof(WriteAes), ThreadCpuTime.PerOperation(() => bench.WriteAes(), iterations)),
            (nameof(WriteSm4), ThreadCpuTime.PerOperation(() => bench.WriteSm4(), iterations)),
            (nameof(ReadPlain), ThreadCpuTime.PerOperation(() => bench.ReadPlain(), iterations)),
            (nameof(ReadAes), ThreadCpuTime.PerOperation(() => bench.ReadAes(), iterations)),
            (nameof(ReadSm4), ThreadCpuTime.PerOperation(() => bench.ReadSm4(), iterations)),
            (nameof(SealAes), ThreadCpuTime.PerOperation(() => bench.SealAes(), iterations)),
            (nameof(OpenAes), ThreadCpuTime.PerOperation(() => bench.OpenAes(), iterations)),
            (nameof(SealSm4), ThreadCpuTime.PerOperation(() => bench.SealSm4(), iterations)),
            (nameof(OpenSm4), ThreadCpuTime.PerOperation(() => bench.OpenSm4(), iterations)),
        ];
    }

    private static PayloadSealer Sealer(DataKey key) => new(new KeyRing([key], key.Id));
}
