using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace WealthActors.Grains.Audit;

/// <summary>
/// The hash algorithms an audit entry may name. SHA-256 is the default; SM3 (GB/T 32905-2016, China's commercial
/// cryptographic hash) is there for deployments that must use the national algorithms. Each entry names its own, so
/// chains written under either verify side by side, and a chain may even mix them.
/// </summary>
public static class AuditHashAlgorithms
{
    public const string Sha256 = "SHA256";
    public const string Sm3 = "SM3";

    public static readonly IReadOnlyList<string> All = [Sha256, Sm3];

    public static bool IsKnown(string? algorithm) => algorithm is Sha256 or Sm3;

    /// <summary>The canonical name of <paramref name="name"/> in any letter case (<c>sha256</c>, <c>sm3</c>), or null.</summary>
    public static string? Canonical(string? name) =>
        All.FirstOrDefault(known => string.Equals(known, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Lower-case hex of <paramref name="algorithm"/> over <paramref name="data"/>.</summary>
    public static string Hash(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        Sha256 => Convert.ToHexStringLower(SHA256.HashData(data)),
        Sm3 => Convert.ToHexStringLower(Sm3Hash(data)),
        _ => throw new ArgumentException($"'{algorithm}' is not an audit hash algorithm; known: {string.Join(", ", All)}.", nameof(algorithm)),
    };

    private static byte[] Sm3Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return hash;
    }
}
