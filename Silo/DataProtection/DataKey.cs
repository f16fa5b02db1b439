namespace WealthActors.Silo.DataProtection;

/// <summary>
/// One key of the ring: its id, its algorithm and the cipher made from its material. The material itself is not kept
/// here and this type never prints it.
/// </summary>
internal sealed class DataKey
{
    public DataKey(string id, SealingAlgorithm algorithm, ReadOnlySpan<byte> material)
    {
        Header = SealedPayloadFormat.Header(algorithm, id);
        Id = id;
        Algorithm = algorithm;
        Cipher = AeadCipher.Create(algorithm, material);
    }

    public string Id { get; }

    public SealingAlgorithm Algorithm { get; }

    /// <summary>The header of every payload this key seals (<see cref="SealedPayloadFormat"/>).</summary>
    public byte[] Header { get; }

    public AeadCipher Cipher { get; }

    public override string ToString() => $"{Id} ({SealingAlgorithms.Name(Algorithm)})";
}
