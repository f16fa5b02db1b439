using System.Xml.Linq;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComCallbackXmlReplyTests
{
    [Theory]
    [InlineData("已受理")]
    [InlineData("]]>")]
    [InlineData("a]]>b]]>c")]
    [InlineData("ends with ]]")]
    [InlineData("]]]>>")]
    [InlineData("<![CDATA[inner]]> & <tag/>")]
    [InlineData("")]
    public void BuildTextReply_AnyContent_ParsesBackUnchanged(string content)
    {
        var xml = WeComCallbackXml.BuildTextReply("ZhangSan", "ww1436e0e65a779aee", 1700000000, content);

        var parsed = WeComCallbackXml.ParseMessage(xml);
        Assert.Equal(content, parsed.Content);
        Assert.Equal("ZhangSan", parsed.ToUserName);
        Assert.Equal("ww1436e0e65a779aee", parsed.FromUserName);
        Assert.Equal(1700000000, parsed.CreateTime);
        Assert.True(parsed.IsText);
    }

    [Fact]
    public void BuildTextReply_CharactersXmlCannotCarry_AreDroppedAndPairsKept()
    {
        var xml = WeComCallbackXml.BuildTextReply("u", "c", 1, "a\u0001b\u0000c\uD800d😀");

        Assert.Equal("abcd😀", WeComCallbackXml.ParseMessage(xml).Content);
    }

    [Fact]
    public void BuildEncryptedReply_OfficialKey_SignatureVerifiesAndDecryptsToReply()
    {
        var (crypto, _) = WeComCryptoTests.Official("set2", "message");
        var reply = WeComCallbackXml.BuildTextReply("ChenJiaShun", "ww1436e0e65a779aee", 1476422779, "收到 ]]> ok");

        var envelope = XDocument.Parse(WeComCallbackXml.BuildEncryptedReply(crypto, reply, "1476422779", "1597212914")).Root!;

        Assert.Equal(["Encrypt", "MsgSignature", "TimeStamp", "Nonce"], envelope.Elements().Select(e => e.Name.LocalName));
        var encrypt = envelope.Element("Encrypt")!.Value;
        Assert.Equal("1476422779", envelope.Element("TimeStamp")!.Value);
        Assert.Equal("1597212914", envelope.Element("Nonce")!.Value);
        Assert.True(crypto.VerifySignature(envelope.Element("MsgSignature")!.Value, "1476422779", "1597212914", encrypt));
        Assert.Equal(reply, crypto.Decrypt(encrypt));
    }

    [Fact]
    public void BuildEncryptedEnvelope_Values_WritesWeComLayout()
    {
        var xml = WeComCallbackXml.BuildEncryptedEnvelope("ENC", "SIG", "1409659813", "N1");

        Assert.Equal(
            "<xml><Encrypt><![CDATA[ENC]]></Encrypt><MsgSignature><![CDATA[SIG]]></MsgSignature>"
            + "<TimeStamp>1409659813</TimeStamp><Nonce><![CDATA[N1]]></Nonce></xml>",
            xml);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12<34")]
    [InlineData("-1")]
    public void BuildEncryptedEnvelope_TimestampNotDigits_ThrowsArgumentException(string timestamp)
    {
        Assert.Throws<ArgumentException>(() => WeComCallbackXml.BuildEncryptedEnvelope("ENC", "SIG", timestamp, "N1"));
    }
}
