using System.Text;
using System.Xml;

namespace WealthActors.Bot.Channels.WeCom;

public static partial class WeComCallbackXml
{
    /// <summary>The plaintext of a passive text reply; encrypt it with <see cref="BuildEncryptedReply"/>.</summary>
    /// <param name="toUserName">The member's UserID (the callback's FromUserName).</param>
    /// <param name="fromUserName">The corp id (the callback's ToUserName).</param>
    public static string BuildTextReply(string toUserName, string fromUserName, long createTime, string content)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(createTime);
        var xml = new StringBuilder(128 + content.Length);
        xml.Append("<xml><ToUserName>").Append(Cdata(toUserName)).Append("</ToUserName>")
            .Append("<FromUserName>").Append(Cdata(fromUserName)).Append("</FromUserName>")
            .Append("<CreateTime>").Append(createTime).Append("</CreateTime>")
            .Append("<MsgType>").Append(Cdata(WeComCallbackMessage.TextType)).Append("</MsgType>")
            .Append("<Content>").Append(Cdata(content)).Append("</Content></xml>");
        return xml.ToString();
    }

    /// <summary>Encrypts and signs <paramref name="replyXml"/> into the body of the callback's HTTP response.</summary>
    /// <param name="timestamp">Unix seconds; WeCom accepts the callback's own timestamp or a fresh one.</param>
    public static string BuildEncryptedReply(WeComCrypto crypto, string replyXml, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        var encrypt = crypto.Encrypt(replyXml);
        return BuildEncryptedEnvelope(encrypt, crypto.Signature(timestamp, nonce, encrypt), timestamp, nonce);
    }

    /// <summary><c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c>.</summary>
    public static string BuildEncryptedEnvelope(string encrypt, string msgSignature, string timestamp, string nonce)
    {
        // The timestamp is written bare, as WeCom does; only digits keep that safe without escaping.
        if (string.IsNullOrEmpty(timestamp) || !timestamp.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The timestamp must be Unix seconds in decimal digits.", nameof(timestamp));
        }

        return new StringBuilder(256 + encrypt.Length)
            .Append("<xml><Encrypt>").Append(Cdata(encrypt)).Append("</Encrypt>")
            .Append("<MsgSignature>").Append(Cdata(msgSignature)).Append("</MsgSignature>")
            .Append("<TimeStamp>").Append(timestamp).Append("</TimeStamp>")
            .Append("<Nonce>").Append(Cdata(nonce)).Append("</Nonce></xml>")
            .ToString();
    }

    /// <summary>
    /// Wraps text in CDATA. "]]>" would end the section early, so it is split across two sections; characters XML
    /// cannot carry at all are dropped, because WeCom silently discards a reply it cannot parse.
    /// </summary>
    internal static string Cdata(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(text.Length + 12).Append("<![CDATA[");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                clean.Append(c).Append(text[i + 1]);
                i++;
            }
        }

        return clean.Replace("]]>", "]]]]><![CDATA[>", 9, clean.Length - 9).Append("]]>").ToString();
    }
}
