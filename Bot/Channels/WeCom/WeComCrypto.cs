using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// WXBizMsgCrypt for a self-built app's callback: the <c>msg_signature</c> and the AES-256-CBC envelope.
/// Plaintext = random(16) + big-endian length(4) + UTF-8 message + receiveId, padded to 32-byte blocks;
/// the IV is the first 16 bytes of the key. Thread-safe.
/// </summary>
public sealed class WeComCrypto
{
    private const int RandomLength = 16;
    private const int HeaderLength = RandomLength + sizeof(int);
    private const int IvLength = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;

    /// <param name="token">The callback Token from the admin console.</param>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey.</param>
    /// <param name="receiveId">The corp id for a self-built app; it closes every plaintext.</param>
    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(receiveId);
        _token = token;
        _key = WeComEncodingAesKey.Decode(encodingAesKey);
        _receiveId = Encoding.UTF8.GetBytes(receiveId);
    }

    /// <summary>Lowercase hex SHA-1 of token, timestamp, nonce and encrypt, sorted ordinally and concatenated.</summary>
    public string Signature(string timestamp, string nonce, string encrypt)
    {
        string[] parts = [_token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
#pragma warning disable CA5350 // WeCom's callback protocol defines the signature as SHA-1; the body itself is AES-encrypted.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
#pragma warning restore CA5350
    }

    /// <summary>True when <paramref name="msgSignature"/> signs the other three values; the comparison takes constant time.</summary>
    public bool VerifySignature(string? msgSignature, string timestamp, string nonce, string encrypt)
    {
        if (string.IsNullOrEmpty(msgSignature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(timestamp, nonce, encrypt));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(msgSignature));
    }

    /// <summary>
    /// Decrypts an <c>echostr</c> or an <c>Encrypt</c> element and returns the message.
    /// Verify the signature first: this method cannot tell a forged ciphertext from a damaged one.
    /// </summary>
    /// <exception cref="WeComCryptoException">The ciphertext, its padding, its length field or its receiveId is wrong.</exception>
    public string Decrypt(string encryptBase64)
    {
        ArgumentNullException.ThrowIfNull(encryptBase64);
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encryptBase64);
        }
        catch (FormatException ex)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidBase64, "The ciphertext is not Base64.", ex);
        }

        if (cipher.Length == 0 || cipher.Length % WeComPkcs7.BlockSize != 0)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidLength,
                $"The ciphertext is {cipher.Length} bytes, not a positive multiple of {WeComPkcs7.BlockSize}.");
        }

        using var aes = CreateAes();
        var padded = aes.DecryptCbc(cipher, _key.AsSpan(0, IvLength), PaddingMode.None);
        var plainLength = WeComPkcs7.UnpaddedLength(padded);
        if (plainLength < 0)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidPadding, "The plaintext padding is malformed.");
        }

        var plain = padded.AsSpan(0, plainLength);
        if (plain.Length < HeaderLength)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidLength, "The plaintext is shorter than its header.");
        }

        var messageLength = BinaryPrimitives.ReadInt32BigEndian(plain[RandomLength..]);
        if (messageLength < 0 || messageLength > plain.Length - HeaderLength)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidLength, "The message length field exceeds the plaintext.");
        }

        var receiveId = plain[(HeaderLength + messageLength)..];
        if (!CryptographicOperations.FixedTimeEquals(receiveId, _receiveId))
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidReceiveId, "The message is addressed to another receiveId.");
        }

        try
        {
            return StrictUtf8.GetString(plain.Slice(HeaderLength, messageLength));
        }
        catch (DecoderFallbackException ex)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidUtf8, "The message is not valid UTF-8.", ex);
        }
    }

    /// <summary>Encrypts <paramref name="message"/> behind 16 cryptographically random bytes.</summary>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts with the given 16 leading bytes; deterministic, which the official vectors rely on.</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random16)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random16.Length != RandomLength)
        {
            throw new ArgumentException($"Exactly {RandomLength} random bytes are required.", nameof(random16));
        }

        var messageLength = StrictUtf8.GetByteCount(message);
        var plainLength = HeaderLength + messageLength + _receiveId.Length;
        var buffer = new byte[plainLength + WeComPkcs7.PadLength(plainLength)];
        random16.CopyTo(buffer);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(RandomLength), messageLength);
        StrictUtf8.GetBytes(message, buffer.AsSpan(HeaderLength));
        _receiveId.CopyTo(buffer.AsSpan(HeaderLength + messageLength));
        WeComPkcs7.Pad(buffer, plainLength);

        using var aes = CreateAes();
        return Convert.ToBase64String(aes.EncryptCbc(buffer, _key.AsSpan(0, IvLength), PaddingMode.None));
    }

    // A fresh instance per call: Aes objects are not documented as safe for concurrent use.
    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }
}
