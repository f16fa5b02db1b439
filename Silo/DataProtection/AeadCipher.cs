using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// One key's authenticated cipher (GCM: 96-bit nonce, 128-bit tag). The output of <see cref="Encrypt"/> is the
/// ciphertext followed by the tag, the order a sealed payload stores them in. A failed authentication throws
/// <see cref="AuthenticationTagMismatchException"/> whichever library did the work, and writes no plaintext.
/// </summary>
internal abstract class AeadCipher
{
    public const int NonceSize = 12;

    public const int TagSize = 16;

    public static AeadCipher Create(SealingAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        if (key.Length != SealingAlgorithms.KeySize(algorithm))
        {
            throw new ArgumentException($"A {SealingAlgorithms.Name(algorithm)} key is {SealingAlgorithms.KeySize(algorithm)} bytes, not {key.Length}.", nameof(key));
        }

        return algorithm switch
        {
            SealingAlgorithm.Aes256Gcm => new AesGcmCipher(key),
            SealingAlgorithm.Sm4Gcm => new Sm4GcmCipher(key),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown sealing algorithm."),
        };
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="output"/> (its length plus <see cref="TagSize"/>).</summary>
    public abstract void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> output);

    /// <summary>Checks the tag at the end of <paramref name="sealedBody"/> and decrypts what precedes it into <paramref name="plaintext"/>.</summary>
    public abstract void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBody, ReadOnlySpan<byte> associatedData, Span<byte> plaintext);

    /// <summary>.NET's AES-GCM (the platform's OpenSSL). An instance keeps native state per call, so calls rent one each.</summary>
    private sealed class AesGcmCipher(ReadOnlySpan<byte> key) : AeadCipher
    {
        private readonly byte[] _key = key.ToArray();
        private readonly ConcurrentBag<AesGcm> _idle = [];

        public override void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> output)
        {
            var aes = Rent();
            try
            {
                aes.Encrypt(nonce, plaintext, output[..plaintext.Length], output.Slice(plaintext.Length, TagSize), associatedData);
            }
            finally
            {
                _idle.Add(aes);
            }
        }

        public override void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBody, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
        {
            var length = sealedBody.Length - TagSize;
            var aes = Rent();
            try
            {
                aes.Decrypt(nonce, sealedBody[..length], sealedBody[length..], plaintext, associatedData);
            }
            finally
            {
                _idle.Add(aes);
            }
        }

        private AesGcm Rent() => _idle.TryTake(out var aes) ? aes : new AesGcm(_key, TagSize);
    }

    /// <summary>
    /// SM4 in GCM mode through BouncyCastle. A cipher keeps its key schedule and GHASH tables after the first use, and
    /// is re-initialised for each call with only the nonce (a null key keeps the tables), so calls rent one each.
    /// </summary>
    private sealed class Sm4GcmCipher(ReadOnlySpan<byte> key) : AeadCipher
    {
        private readonly KeyParameter _key = new(key);
        private readonly ConcurrentBag<GcmBlockCipher> _idle = [];

        public override void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> output)
        {
            var gcm = Rent(forEncryption: true, nonce);
            try
            {
                gcm.ProcessAadBytes(associatedData);
                var written = gcm.ProcessBytes(plaintext, output);
                gcm.DoFinal(output[written..]);
            }
            finally
            {
                _idle.Add(gcm);
            }
        }

        public override void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedBody, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
        {
            var gcm = Rent(forEncryption: false, nonce);
            // BouncyCastle writes plaintext before it has checked the tag: decrypt aside, release only what authenticated.
            var buffer = new byte[sealedBody.Length];
            try
            {
                gcm.ProcessAadBytes(associatedData);
                var written = gcm.ProcessBytes(sealedBody, buffer);
                written += gcm.DoFinal(buffer.AsSpan(written));
                buffer.AsSpan(0, written).CopyTo(plaintext);
            }
            catch (InvalidCipherTextException)
            {
                throw new AuthenticationTagMismatchException();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(buffer);
                _idle.Add(gcm);
            }
        }

        private GcmBlockCipher Rent(bool forEncryption, ReadOnlySpan<byte> nonce)
        {
            if (_idle.TryTake(out var gcm))
            {
                gcm.Init(forEncryption, new AeadParameters(null, TagSize * 8, nonce.ToArray()));
                return gcm;
            }

            gcm = new GcmBlockCipher(new SM4Engine());
            gcm.Init(forEncryption, new AeadParameters(_key, TagSize * 8, nonce.ToArray()));
            return gcm;
        }
    }
}
