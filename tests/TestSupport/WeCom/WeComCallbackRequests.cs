using System.Globalization;
using System.Security;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Testing.WeCom;

/// <summary>A callback as WeCom would post it: the query's signature parameters and the encrypted XML body.</summary>
public sealed record WeComSignedCallback(string MsgSignature, string Timestamp, string Nonce, string Body)
{
    public string Query => $"msg_signature={MsgSignature}&timestamp={Timestamp}&nonce={Nonce}";
}

/// <summary>Builds signed, encrypted callbacks and reads passive replies, with the app settings the tests configure.</summary>
public static class WeComCallbackRequests
{
    public const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    public const int AgentId = FakeWeComServer.AgentId;

    public static WeComCrypto Crypto { get; } = new(Token, EncodingAesKey, FakeWeComServer.CorpId);

    /// <summary>The settings that point a WeCom-enabled host at <paramref name="server"/>.</summary>
    public static Dictionary<string, string?> Settings(FakeWeComServer server) => new()
    {
        ["WeCom:CorpId"] = FakeWeComServer.CorpId,
        ["WeCom:AgentId"] = AgentId.ToString(CultureInfo.InvariantCulture),
        ["WeCom:Secret"] = FakeWeComServer.Secret,
        ["WeCom:Token"] = Token,
        ["WeCom:EncodingAesKey"] = EncodingAesKey,
        ["WeCom:ApiBaseUrl"] = server.BaseAddress.ToString(),
        ["WeCom:OAuthAuthorizeUrl"] = server.OAuthAuthorizeUrl,
        ["WeCom:QrLoginUrl"] = server.QrLoginUrl,
    };

    public static string TextXml(string fromUser, string content, string msgId, DateTimeOffset at) =>
        $"<xml><ToUserName><![CDATA[{FakeWeComServer.CorpId}]]></ToUserName><FromUserName><![CDATA[{fromUser}]]></FromUserName>"
        + $"<CreateTime>{at.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>{AgentId}</AgentID></xml>";

    public static string CardClickXml(string fromUser, string eventKey, string taskId, string responseCode, DateTimeOffset at) =>
        $"<xml><ToUserName><![CDATA[{FakeWeComServer.CorpId}]]></ToUserName><FromUserName><![CDATA[{fromUser}]]></FromUserName>"
        + $"<CreateTime>{at.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + $"<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[{SecurityElement.Escape(eventKey)}]]></EventKey>"
        + $"<TaskId><![CDATA[{taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
        + $"<ResponseCode><![CDATA[{responseCode}]]></ResponseCode><AgentID>{AgentId}</AgentID></xml>";

    public static WeComSignedCallback Sign(string plainXml, DateTimeOffset now, string? nonce = null)
    {
        var encrypt = Crypto.Encrypt(plainXml);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        nonce ??= Random.Shared.Next(100_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var body = $"<xml><ToUserName><![CDATA[{FakeWeComServer.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{AgentId}]]></AgentID></xml>";
        return new WeComSignedCallback(Crypto.Signature(timestamp, nonce, encrypt), timestamp, nonce, body);
    }

    /// <summary>Checks a passive reply's signature, decrypts it and returns the message inside.</summary>
    public static WeComCallbackMessage ReadReply(string replyBody)
    {
        var root = System.Xml.Linq.XElement.Parse(replyBody);
        var encrypt = (string)root.Element("Encrypt")!;
        var signature = (string)root.Element("MsgSignature")!;
        var timestamp = (string)root.Element("TimeStamp")!;
        var nonce = (string)root.Element("Nonce")!;
        Assert.True(Crypto.VerifySignature(signature, timestamp, nonce, encrypt), "the passive reply's signature does not verify");
        return WeComCallbackXml.ParseMessage(Crypto.Decrypt(encrypt));
    }
}
