using System.Security.Cryptography;
using System.Text;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// The layout of a sealed payload:
/// <c>magic (F7 'W' 'A') | format version (1) | algorithm | key id length | key id (ASCII) | nonce (12) | ciphertext | tag (16)</c>.
/// The header (magic through key id) is authenticated as associated data, so a payload whose header was changed to
/// name another key or algorithm does not open.
/// </summary>
/// <remarks>
/// The first byte tells a sealed payload from one the Orleans binary serializer wrote before sealing was switched on:
/// an Orleans payload starts with a field tag, and 0xF7 is the extended wire type with an extended type Orleans does
/// not define (it has end-of-object 0b00 and end-of-base 0b01 only), so no Orleans payload starts with it.
/// </remarks>
internal static class SealedPayloadFormat
{
    public const byte Version = 1;

    public const int MaxKeyIdLength = 64;

    private const int FixedHeaderSize = 6;

    public static ReadOnlySpan<byte> Magic => [0xF7, (byte)'W', (byte)'A'];

    /// <summary>Whether <paramref name="payload"/> is sealed (a payload from before sealing is not).</summary>
    public static bool IsSealed(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic);

    /// <summary>The header a key writes in front of every payload it seals.</summary>
    public static byte[] Header(SealingAlgorithm algorithm, string keyId)
    {
        if (!KeyIds.IsValid(keyId))
        {
            throw new ArgumentException($"Key id '{keyId}' is not {KeyIds.Rule}.", nameof(keyId));
        }

        var header = new byte[FixedHeaderSize + keyId.Length];
        Magic.CopyTo(header);
        header[3] = Version;
        header[4] = (byte)algorithm;
        header[5] = (byte)keyId.Length;
        Encoding.ASCII.GetBytes(keyId, header.AsSpan(FixedHeaderSize));
        return header;
    }

    /// <summary>Reads the header of a sealed payload; a malformed one throws <see cref="CryptographicException"/>.</summary>
    public static SealedHeader ReadHeader(ReadOnlySpan<byte> payload)
    {
        if (!IsSealed(payload) || payload.Length < FixedHeaderSize)
        {
            throw new CryptographicException("The payload is not sealed.");
        }

        if (payload[3] != Version)
        {
            throw new CryptographicException($"The sealed payload has format version {payload[3]}; this release reads version {Version}.");
        }

        var keyIdLength = payload[5];
        var length = FixedHeaderSize + keyIdLength;
        if (keyIdLength is 0 or > MaxKeyIdLength || payload.Length < length + AeadCipher.NonceSize + AeadCipher.TagSize)
        {
            throw new CryptographicException("The sealed payload is truncated or its header is malformed.");
        }

        var keyId = Encoding.ASCII.GetString(payload.Slice(FixedHeaderSize, keyIdLength));
        if (!KeyIds.IsValid(keyId))
        {
            throw new CryptographicException("The sealed payload's header names a malformed key id.");
        }

        return new SealedHeader((SealingAlgorithm)payload[4], keyId, length);
    }
}

/// <summary>What a sealed payload's header says: its algorithm, its key and where the nonce starts.</summary>
internal readonly record struct SealedHeader(SealingAlgorithm Algorithm, string KeyId, int Length);

/// <summary>Key ids are written into every sealed payload and named in errors, so they are short and plain.</summary>
public static class KeyIds
{
    public const string Rule = "1–64 letters, digits, '.', '_' or '-'";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= SealedPayloadFormat.MaxKeyIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
