using Orleans.Storage;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Grain state sealed at rest: the inner serializer's bytes are sealed before the storage provider writes them and
/// opened after it reads them. A payload written before sealing was switched on has no sealed header and is read as it
/// is, so an existing database keeps working; its next write seals it.
/// </summary>
internal sealed class SealingGrainStorageSerializer(IGrainStorageSerializer inner, PayloadSealer sealer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(sealer.Seal(inner.Serialize(input).ToMemory().Span));

    public T? Deserialize<T>(BinaryData input)
    {
        var payload = input.ToMemory().Span;
        return SealedPayloadFormat.IsSealed(payload)
            ? inner.Deserialize<T>(new BinaryData(sealer.Open(payload)))
            : inner.Deserialize<T>(input);
    }
}
