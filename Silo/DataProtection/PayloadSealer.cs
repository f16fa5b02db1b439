using System.Security.Cryptography;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// Seals bytes with the ring's current key and opens what any key of the ring sealed (<see cref="SealedPayloadFormat"/>).
/// A context (for a read-model value, its table, column and row) is authenticated with the payload and not stored, so a
/// sealed value copied to another row does not open there.
/// </summary>
internal sealed class PayloadSealer(KeyRing ring)
{
    private const int StackContextLimit = 256;

    private readonly NonceSequence _nonces = new();

    public KeyRing Ring => ring;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context = default)
    {
        var key = ring.Current;
        var header = key.Header;
        var sealedPayload = new byte[header.Length + AeadCipher.NonceSize + plaintext.Length + AeadCipher.TagSize];
        header.CopyTo(sealedPayload, 0);
        var nonce = sealedPayload.AsSpan(header.Length, AeadCipher.NonceSize);
        _nonces.Next(nonce);
        var output = sealedPayload.AsSpan(header.Length + AeadCipher.NonceSize);
        if (context.IsEmpty)
        {
            key.Cipher.Encrypt(nonce, plaintext, header, output);
        }
        else
        {
            Span<byte> buffer = header.Length + context.Length <= StackContextLimit ? stackalloc byte[StackContextLimit] : new byte[header.Length + context.Length];
            key.Cipher.Encrypt(nonce, plaintext, AssociatedData(header, context, buffer), output);
        }

        return sealedPayload;
    }

    /// <summary>
    /// The plaintext of a sealed payload. A payload whose key is not in the ring throws
    /// <see cref="SealingKeyMissingException"/>, one that does not authenticate <see cref="SealedPayloadTamperedException"/>:
    /// never a guess at the plaintext.
    /// </summary>
    public byte[] Open(ReadOnlySpan<byte> sealedPayload, ReadOnlySpan<byte> context = default)
    {
        var header = SealedPayloadFormat.ReadHeader(sealedPayload);
        if (!ring.TryGet(header.KeyId, out var key))
        {
            throw new SealingKeyMissingException(header.KeyId);
        }

        if (key.Algorithm != header.Algorithm)
        {
            throw new SealedPayloadTamperedException(header.KeyId, header.Algorithm);
        }

        var nonce = sealedPayload.Slice(header.Length, AeadCipher.NonceSize);
        var body = sealedPayload[(header.Length + AeadCipher.NonceSize)..];
        var plaintext = new byte[body.Length - AeadCipher.TagSize];
        var headerBytes = sealedPayload[..header.Length];
        Span<byte> buffer = header.Length + context.Length <= StackContextLimit ? stackalloc byte[StackContextLimit] : new byte[header.Length + context.Length];
        try
        {
            key.Cipher.Decrypt(nonce, body, context.IsEmpty ? headerBytes : AssociatedData(headerBytes, context, buffer), plaintext);
        }
        catch (CryptographicException)
        {
            throw new SealedPayloadTamperedException(header.KeyId, header.Algorithm);
        }

        return plaintext;
    }

    // The header is self-delimiting (its key id is length-prefixed), so header + context is unambiguous.
    private static ReadOnlySpan<byte> AssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> context, Span<byte> buffer)
    {
        header.CopyTo(buffer);
        context.CopyTo(buffer[header.Length..]);
        return buffer[..(header.Length + context.Length)];
    }
}
