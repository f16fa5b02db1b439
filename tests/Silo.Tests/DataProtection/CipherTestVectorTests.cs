using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using WealthActors.Silo.DataProtection;

namespace WealthActors.Silo.Tests.DataProtection;

/// <summary>The ciphers against published test vectors, through the same engines the sealer uses.</summary>
public sealed class CipherTestVectorTests
{
    // GB/T 32907-2016, appendix A, example 1: key and plaintext 0123456789abcdeffedcba9876543210.
    private const string Sm4Key = "0123456789abcdeffedcba9876543210";

    [Fact]
    public void Sm4Engine_GbT32907Example1_EncryptsToThePublishedCiphertext()
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(TestKeys.Hex(Sm4Key)));
        var block = TestKeys.Hex(Sm4Key);

        engine.ProcessBlock(block, 0, block, 0);

        Assert.Equal("681edf34d206965e86b3e94f536e4246", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void Sm4Engine_GbT32907Example2_MillionEncryptionsGiveThePublishedCiphertext()
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(TestKeys.Hex(Sm4Key)));
        var block = TestKeys.Hex(Sm4Key);

        for (var i = 0; i < 1_000_000; i++)
        {
            engine.ProcessBlock(block, 0, block, 0);
        }

        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void Sm4Gcm_Rfc8998AppendixA1_SealsAndOpensThePublishedVector()
    {
        var cipher = AeadCipher.Create(SealingAlgorithm.Sm4Gcm, TestKeys.Hex("0123456789ABCDEFFEDCBA9876543210"));
        var nonce = TestKeys.Hex("00001234567800000000ABCD");
        var aad = TestKeys.Hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plaintext = TestKeys.Hex(
            "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        const string expected =
            "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D" +
            "83DE3541E4C2B58177E065A9BF7B62EC";

        var output = new byte[plaintext.Length + AeadCipher.TagSize];
        cipher.Encrypt(nonce, plaintext, aad, output);
        var opened = new byte[plaintext.Length];
        cipher.Decrypt(nonce, TestKeys.Hex(expected), aad, opened);

        Assert.Equal(expected, Convert.ToHexString(output));
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void Aes256Gcm_GcmSpecificationTestCase16_SealsAndOpensThePublishedVector()
    {
        var cipher = AeadCipher.Create(SealingAlgorithm.Aes256Gcm, TestKeys.Hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"));
        var nonce = TestKeys.Hex("cafebabefacedbaddecaf888");
        var aad = TestKeys.Hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        var plaintext = TestKeys.Hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        const string expected =
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" +
            "76fc6ece0f4e1768cddf8853bb2d551b";

        var output = new byte[plaintext.Length + AeadCipher.TagSize];
        cipher.Encrypt(nonce, plaintext, aad, output);
        var opened = new byte[plaintext.Length];
        cipher.Decrypt(nonce, TestKeys.Hex(expected), aad, opened);

        Assert.Equal(expected, Convert.ToHexStringLower(output));
        Assert.Equal(plaintext, opened);
    }

    [Theory]
    [InlineData(SealingAlgorithm.Aes256Gcm, 32)]
    [InlineData(SealingAlgorithm.Sm4Gcm, 16)]
    public void Decrypt_WrongTag_ThrowsAndReleasesNoPlaintext(SealingAlgorithm algorithm, int keySize)
    {
        var cipher = AeadCipher.Create(algorithm, new byte[keySize]);
        var nonce = new byte[AeadCipher.NonceSize];
        var output = new byte[5 + AeadCipher.TagSize];
        cipher.Encrypt(nonce, "hello"u8, [], output);
        output[^1] ^= 0x80;
        var plaintext = new byte[5];

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Decrypt(nonce, output, [], plaintext));
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }
}
