using System.Buffers.Binary;
using System.Text;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComCryptoTamperTests
{
    [Theory]
    [InlineData("signature")]
    [InlineData("timestamp")]
    [InlineData("nonce")]
    [InlineData("encrypt")]
    public void VerifySignature_OneValueTampered_ReturnsFalse(string tampered)
    {
        var (crypto, s) = WeComCryptoTests.Official("set1", "message");

        var valid = crypto.VerifySignature(
            tampered == "signature" ? Flip(s.MsgSignature) : s.MsgSignature,
            tampered == "timestamp" ? Flip(s.Timestamp) : s.Timestamp,
            tampered == "nonce" ? Flip(s.Nonce) : s.Nonce,
            tampered == "encrypt" ? Flip(s.Encrypt) : s.Encrypt);

        Assert.False(valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("477715D11CDB4164915DEBCBA66CB864D751F3E6")]
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e")]
    public void VerifySignature_MissingOrMalformedSignature_ReturnsFalse(string? signature)
    {
        var (crypto, s) = WeComCryptoTests.Official("set1", "message");

        Assert.False(crypto.VerifySignature(signature, s.Timestamp, s.Nonce, s.Encrypt));
    }

    [Fact]
    public void Decrypt_LastPadByteFlipped_ThrowsInvalidPadding()
    {
        var (crypto, s) = WeComCryptoTests.Official("set1", "message");
        var cipher = Convert.FromBase64String(s.Encrypt);
        // In CBC a bit flipped in the previous cipher block flips the same bit of the last plaintext byte, the pad.
        cipher[^17] ^= 0x01;

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(Convert.ToBase64String(cipher)));
        Assert.Equal(WeComCryptoError.InvalidPadding, ex.Error);
    }

    [Fact]
    public void Decrypt_LengthFieldFlipped_ThrowsInvalidLength()
    {
        var (crypto, s) = WeComCryptoTests.Official("set2", "message");
        var cipher = Convert.FromBase64String(s.Encrypt);
        // Byte 0 of the first block feeds byte 16 of the plaintext: the top byte of the message length.
        cipher[0] ^= 0x80;

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(Convert.ToBase64String(cipher)));
        Assert.Equal(WeComCryptoError.InvalidLength, ex.Error);
    }

    [Fact]
    public void Decrypt_OtherReceiveId_ThrowsInvalidReceiveId()
    {
        var set = WeComVectors.Get("set1");
        var crypto = new WeComCrypto(set.Token, set.EncodingAesKey, "wwsomeoneelse00000");

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(set.Message.Encrypt));
        Assert.Equal(WeComCryptoError.InvalidReceiveId, ex.Error);
    }

    [Fact]
    public void Decrypt_OtherKey_IsRejected()
    {
        var set1 = WeComVectors.Get("set1");
        var set2 = WeComVectors.Get("set2");
        var crypto = new WeComCrypto(set1.Token, set2.EncodingAesKey, set1.ReceiveId);

        Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(set1.Message.Encrypt));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("abc")]
    public void Decrypt_NotBase64_ThrowsInvalidBase64(string encrypt)
    {
        var (crypto, _) = WeComCryptoTests.Official("set1", "message");

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(encrypt));
        Assert.Equal(WeComCryptoError.InvalidBase64, ex.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(48)]
    public void Decrypt_LengthNotMultipleOf32_ThrowsInvalidLength(int length)
    {
        var (crypto, _) = WeComCryptoTests.Official("set1", "message");

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(Convert.ToBase64String(new byte[length])));
        Assert.Equal(WeComCryptoError.InvalidLength, ex.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(255)]
    public void Decrypt_PadValueOutOfRange_ThrowsInvalidPadding(byte pad)
    {
        var set = WeComVectors.Get("set1");
        var crypto = new WeComCrypto(set.Token, set.EncodingAesKey, set.ReceiveId);
        var plaintext = Plaintext(Encoding.UTF8.GetBytes("hello"), set.ReceiveId, totalLength: 64);
        plaintext.AsSpan(plaintext.Length - 1).Fill(pad);

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(WeComRawAes.Encrypt(set.EncodingAesKey, plaintext)));
        Assert.Equal(WeComCryptoError.InvalidPadding, ex.Error);
    }

    [Fact]
    public void Decrypt_MessageNotUtf8_ThrowsInvalidUtf8()
    {
        var set = WeComVectors.Get("set1");
        var crypto = new WeComCrypto(set.Token, set.EncodingAesKey, set.ReceiveId);
        var plaintext = Plaintext([0xC3, 0x28], set.ReceiveId, totalLength: 64);

        var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(WeComRawAes.Encrypt(set.EncodingAesKey, plaintext)));
        Assert.Equal(WeComCryptoError.InvalidUtf8, ex.Error);
    }

    // random(16) + length + message + receiveId, then well-formed 32-byte padding up to totalLength.
    private static byte[] Plaintext(byte[] message, string receiveId, int totalLength)
    {
        var receive = Encoding.UTF8.GetBytes(receiveId);
        var buffer = new byte[totalLength];
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(16), message.Length);
        message.CopyTo(buffer, 20);
        receive.CopyTo(buffer, 20 + message.Length);
        var used = 20 + message.Length + receive.Length;
        buffer.AsSpan(used).Fill((byte)(totalLength - used));
        return buffer;
    }

    private static string Flip(string value) =>
        (value[0] == '1' ? '2' : '1') + value[1..];
}
