using System.Security.Cryptography;
using System.Text;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>The sealing format and the key ring, without a silo.</summary>
public sealed class PayloadSealerTests
{
    public static TheoryData<string> Algorithms => [SealingAlgorithms.Aes256GcmName, SealingAlgorithms.Sm4GcmName];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Seal_ThenOpen_ReturnsThePlaintextForEverySize(string algorithm)
    {
        var sealer = TestKeys.Sealer(Key("k1", algorithm));

        foreach (var size in new[] { 0, 1, 15, 16, 17, 1000, 70_000 })
        {
            var plaintext = RandomNumberGenerator.GetBytes(size);

            var sealedPayload = sealer.Seal(plaintext);

            Assert.Equal(plaintext, sealer.Open(sealedPayload));
            Assert.Equal(6 + "k1".Length + AeadCipher.NonceSize + size + AeadCipher.TagSize, sealedPayload.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Seal_Header_NamesFormatVersionAlgorithmAndKey(string algorithm)
    {
        var key = Key("rotated-2026.q3_b", algorithm);
        var sealedPayload = TestKeys.Sealer(key).Seal("13912345678"u8);

        var header = SealedPayloadFormat.ReadHeader(sealedPayload);

        Assert.True(SealedPayloadFormat.IsSealed(sealedPayload));
        Assert.Equal([0xF7, (byte)'W', (byte)'A', SealedPayloadFormat.Version], sealedPayload[..4]);
        Assert.Equal(key.Algorithm, header.Algorithm);
        Assert.Equal("rotated-2026.q3_b", header.KeyId);
        Assert.Equal(6 + "rotated-2026.q3_b".Length, header.Length);
        Assert.Equal(-1, sealedPayload.AsSpan().IndexOf("13912345678"u8));
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesANewNonceEachTime()
    {
        var sealer = TestKeys.Sealer(TestKeys.Aes("k1"));
        var nonces = new HashSet<string>();

        for (var i = 0; i < 1000; i++)
        {
            var sealedPayload = sealer.Seal("same"u8);
            var header = SealedPayloadFormat.ReadHeader(sealedPayload);
            Assert.True(nonces.Add(Convert.ToHexString(sealedPayload.AsSpan(header.Length, AeadCipher.NonceSize))));
        }
    }

    [Fact]
    public void Open_KeyNotInTheRing_ThrowsNamingTheKeyId()
    {
        var sealedPayload = TestKeys.Sealer(TestKeys.Aes("key-a")).Seal("personal"u8);
        var withoutA = TestKeys.Sealer(TestKeys.Aes("key-b"));

        var error = Assert.Throws<SealingKeyMissingException>(() => withoutA.Open(sealedPayload));

        Assert.Equal("key-a", error.KeyId);
        Assert.Contains("'key-a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Open_AnyByteAfterTheHeaderChanged_FailsAuthentication(string algorithm)
    {
        var sealer = TestKeys.Sealer(Key("k1", algorithm));
        var sealedPayload = sealer.Seal(Encoding.UTF8.GetBytes("310101197105201234 周杰"));
        var header = SealedPayloadFormat.ReadHeader(sealedPayload);

        // Nonce, ciphertext and tag: every byte is covered.
        for (var i = header.Length; i < sealedPayload.Length; i++)
        {
            var tampered = (byte[])sealedPayload.Clone();
            tampered[i] ^= 0x01;

            var error = Assert.Throws<SealedPayloadTamperedException>(() => sealer.Open(tampered));
            Assert.Equal("k1", error.KeyId);
        }
    }

    [Fact]
    public void Open_HeaderNamingAnotherAlgorithm_FailsAuthentication()
    {
        var sm4 = TestKeys.Sm4("k1");
        var sealedPayload = TestKeys.Sealer(sm4).Seal("personal"u8);
        sealedPayload[4] = (byte)SealingAlgorithm.Aes256Gcm;

        Assert.Throws<SealedPayloadTamperedException>(() => TestKeys.Sealer(sm4).Open(sealedPayload));
    }

    [Fact]
    public void Open_CutShort_Fails()
    {
        var sealer = TestKeys.Sealer(TestKeys.Aes("k1"));
        var sealedPayload = sealer.Seal("personal"u8);

        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(sealedPayload.AsSpan(0, sealedPayload.Length - 1)));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(sealedPayload.AsSpan(0, 20)));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Open(sealedPayload.AsSpan(0, 4)));
    }

    [Fact]
    public void Open_OtherContext_Fails()
    {
        var sealer = TestKeys.Sealer(TestKeys.Aes("k1"));
        var sealedPayload = sealer.Seal("1971-05-20"u8, "rm_clients.birthday:C1"u8);

        Assert.Equal("1971-05-20"u8.ToArray(), sealer.Open(sealedPayload, "rm_clients.birthday:C1"u8));
        Assert.Throws<SealedPayloadTamperedException>(() => sealer.Open(sealedPayload, "rm_clients.birthday:C2"u8));
        Assert.Throws<SealedPayloadTamperedException>(() => sealer.Open(sealedPayload));
    }

    [Fact]
    public void Open_RingMixingAlgorithms_OpensWhatEitherKeySealed()
    {
        var aes = TestKeys.Aes("old-aes");
        var sm4 = TestKeys.Sm4("new-sm4");
        var beforeRotation = TestKeys.Sealer(aes).Seal("sealed under AES"u8);

        var afterRotation = TestKeys.Sealer(sm4, aes);
        var sealedNow = afterRotation.Seal("sealed under SM4"u8);

        Assert.Equal("new-sm4", SealedPayloadFormat.ReadHeader(sealedNow).KeyId);
        Assert.Equal(SealingAlgorithm.Sm4Gcm, SealedPayloadFormat.ReadHeader(sealedNow).Algorithm);
        Assert.Equal("sealed under AES"u8.ToArray(), afterRotation.Open(beforeRotation));
        Assert.Equal("sealed under SM4"u8.ToArray(), afterRotation.Open(sealedNow));
    }

    [Fact]
    public void KeyRing_DuplicateIdOrUnknownCurrent_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new KeyRing([TestKeys.Aes("a"), TestKeys.Sm4("a")], "a"));
        Assert.Throws<ArgumentException>(() => new KeyRing([TestKeys.Aes("a")], "b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ключ")]
    [InlineData("a/b")]
    public void DataKey_MalformedId_IsRefused(string id) =>
        Assert.Throws<ArgumentException>(() => TestKeys.Aes(id));

    [Fact]
    public void DataKey_WrongKeyLength_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new DataKey("k", SealingAlgorithm.Aes256Gcm, new byte[16]));
        Assert.Throws<ArgumentException>(() => new DataKey("k", SealingAlgorithm.Sm4Gcm, new byte[32]));
    }

    [Fact]
    public void IsSealed_PlainPayload_IsFalse()
    {
        Assert.False(SealedPayloadFormat.IsSealed([]));
        Assert.False(SealedPayloadFormat.IsSealed([0x20, 0x01, 0x02]));
        Assert.False(SealedPayloadFormat.IsSealed([0xF7, (byte)'W']));
    }

    private static DataKey Key(string id, string algorithm) =>
        algorithm == SealingAlgorithms.Sm4GcmName ? TestKeys.Sm4(id) : TestKeys.Aes(id);
}
