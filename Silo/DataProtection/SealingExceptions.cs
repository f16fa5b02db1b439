using System.Security.Cryptography;

namespace WealthActors.Silo.DataProtection;

/// <summary>A sealed payload names a key the ring does not hold: the data is there but cannot be read with this ring.</summary>
public sealed class SealingKeyMissingException(string keyId) : CryptographicException(
    $"A sealed payload names key '{keyId}', which is not in the key ring. Add that key back to Security:DataProtection:Keys " +
    "or the key file: a key can leave the ring only after everything sealed with it has been written again.")
{
    public string KeyId { get; } = keyId;
}

/// <summary>A sealed payload does not authenticate: it was altered, cut short or belongs to another record.</summary>
public sealed class SealedPayloadTamperedException(string keyId, SealingAlgorithm algorithm) : CryptographicException(
    $"A sealed payload failed authentication under key '{keyId}' ({SealingAlgorithms.Name(algorithm)}): it was altered, " +
    "cut short or copied from another record, and is not read.")
{
    public string KeyId { get; } = keyId;
}
