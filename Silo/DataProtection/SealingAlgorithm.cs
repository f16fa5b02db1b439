namespace WealthActors.Silo.DataProtection;

/// <summary>
/// The authenticated ciphers a sealed payload may name. The numeric value is written into every sealed payload's
/// header, so a value once shipped is never reused for another cipher.
/// </summary>
public enum SealingAlgorithm : byte
{
    /// <summary>AES-256 in GCM mode (96-bit nonce, 128-bit tag): the default.</summary>
    Aes256Gcm = 1,

    /// <summary>SM4 (GB/T 32907-2016, China's commercial block cipher) in GCM mode (96-bit nonce, 128-bit tag).</summary>
    Sm4Gcm = 2,
}

/// <summary>The configuration names and key sizes of <see cref="SealingAlgorithm"/>.</summary>
public static class SealingAlgorithms
{
    public const string Aes256GcmName = "AES-256-GCM";

    public const string Sm4GcmName = "SM4-GCM";

    /// <summary>The algorithm a key without one uses.</summary>
    public const SealingAlgorithm Default = SealingAlgorithm.Aes256Gcm;

    public static IReadOnlyList<string> Names { get; } = [Aes256GcmName, Sm4GcmName];

    public static string Name(SealingAlgorithm algorithm) => algorithm switch
    {
        SealingAlgorithm.Aes256Gcm => Aes256GcmName,
        SealingAlgorithm.Sm4Gcm => Sm4GcmName,
        _ => $"unknown algorithm {(byte)algorithm}",
    };

    /// <summary>The algorithm a configuration name stands for, ignoring case; an empty name is the default.</summary>
    public static bool TryParse(string? name, out SealingAlgorithm algorithm)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            algorithm = Default;
            return true;
        }

        if (string.Equals(name.Trim(), Aes256GcmName, StringComparison.OrdinalIgnoreCase))
        {
            algorithm = SealingAlgorithm.Aes256Gcm;
            return true;
        }

        if (string.Equals(name.Trim(), Sm4GcmName, StringComparison.OrdinalIgnoreCase))
        {
            algorithm = SealingAlgorithm.Sm4Gcm;
            return true;
        }

        algorithm = default;
        return false;
    }

    /// <summary>The key length in bytes: 32 for AES-256, 16 for SM4.</summary>
    public static int KeySize(SealingAlgorithm algorithm) => algorithm switch
    {
        SealingAlgorithm.Aes256Gcm => 32,
        SealingAlgorithm.Sm4Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown sealing algorithm."),
    };

    public static bool IsKnown(SealingAlgorithm algorithm) => algorithm is SealingAlgorithm.Aes256Gcm or SealingAlgorithm.Sm4Gcm;
}
