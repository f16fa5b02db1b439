using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComCryptoTests
{
    public static TheoryData<string> SetNames => WeComVectors.SetNames;

    public static TheoryData<string, string> CasesWithRandom => new()
    {
        { "set1", "verifyUrl" },
        { "set1", "message" },
        { "set2", "message" },
    };

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Signature_OfficialUrlVerification_EqualsMsgSignature(string setName)
    {
        var (crypto, sample) = Official(setName, "verifyUrl");

        Assert.Equal(sample.MsgSignature, crypto.Signature(sample.Timestamp, sample.Nonce, sample.Encrypt));
        Assert.True(crypto.VerifySignature(sample.MsgSignature, sample.Timestamp, sample.Nonce, sample.Encrypt));
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Decrypt_OfficialEchostr_ReturnsExpectedPlaintext(string setName)
    {
        var (crypto, sample) = Official(setName, "verifyUrl");

        Assert.Equal(sample.ExpectedPlaintext, crypto.Decrypt(sample.Encrypt));
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void VerifySignature_OfficialMessage_ReturnsTrue(string setName)
    {
        var (crypto, sample) = Official(setName, "message");

        Assert.Equal(sample.MsgSignature, crypto.Signature(sample.Timestamp, sample.Nonce, sample.Encrypt));
        Assert.True(crypto.VerifySignature(sample.MsgSignature, sample.Timestamp, sample.Nonce, sample.Encrypt));
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Decrypt_OfficialMessage_ReturnsExpectedXml(string setName)
    {
        var (crypto, sample) = Official(setName, "message");

        Assert.Equal(sample.ExpectedPlaintext, crypto.Decrypt(sample.Encrypt));
    }

    [Theory]
    [MemberData(nameof(CasesWithRandom))]
    public void Encrypt_OfficialRandom_ReproducesOfficialCiphertext(string setName, string caseName)
    {
        var (crypto, sample) = Official(setName, caseName);
        Assert.NotNull(sample.Random);

        Assert.Equal(sample.Encrypt, crypto.Encrypt(sample.ExpectedPlaintext, sample.Random));
    }

    [Fact]
    public void EncryptThenDecrypt_Lengths0To100_RoundTripAndCoverEveryPadLength()
    {
        var set = WeComVectors.Get("set1");
        var crypto = new WeComCrypto(set.Token, set.EncodingAesKey, set.ReceiveId);
        var random = "0123456789abcdef"u8.ToArray();
        var padLengths = new HashSet<int>();

        for (var length = 0; length <= 100; length++)
        {
            var message = new string((char)('a' + length % 26), length);
            var encrypt = crypto.Encrypt(message, random);

            var padded = WeComRawAes.Decrypt(set.EncodingAesKey, Convert.FromBase64String(encrypt));
            var expectedPad = 32 - (20 + length + set.ReceiveId.Length) % 32;
            Assert.Equal(0, padded.Length % 32);
            Assert.All(padded[^expectedPad..], b => Assert.Equal(expectedPad, b));
            padLengths.Add(expectedPad);
            Assert.Equal(message, crypto.Decrypt(encrypt));
        }

        Assert.Equal(Enumerable.Range(1, 32), padLengths.Order());
    }

    [Fact]
    public void EncryptThenDecrypt_ChineseAndEmoji_RoundTrips()
    {
        var (crypto, _) = Official("set2", "message");
        const string message = "<xml><Content><![CDATA[客户 张三 投诉 😀]]></Content></xml>";

        Assert.Equal(message, crypto.Decrypt(crypto.Encrypt(message)));
    }

    [Fact]
    public void Encrypt_WithoutRandom_DiffersEachTimeAndDecrypts()
    {
        var (crypto, _) = Official("set1", "message");

        var first = crypto.Encrypt("hello");
        var second = crypto.Encrypt("hello");

        Assert.NotEqual(first, second);
        Assert.Equal("hello", crypto.Decrypt(first));
        Assert.Equal("hello", crypto.Decrypt(second));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void Encrypt_RandomNot16Bytes_ThrowsArgumentException(int length)
    {
        var (crypto, _) = Official("set1", "message");

        Assert.Throws<ArgumentException>(() => crypto.Encrypt("hello", new byte[length]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2CC")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2=")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B-C")]
    public void Ctor_MalformedEncodingAesKey_ThrowsArgumentExceptionNamingSetting(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new WeComCrypto("QDG6eK", key, "wx5823bf96d3bd56c7"));

        Assert.Contains("WeCom:EncodingAesKey", ex.Message);
    }

    internal static (WeComCrypto Crypto, WeComVectorCase Sample) Official(string setName, string caseName)
    {
        var set = WeComVectors.Get(setName);
        return (new WeComCrypto(set.Token, set.EncodingAesKey, set.ReceiveId), WeComVectors.Case(setName, caseName));
    }
}
