using BenchmarkDotNet.Attributes;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bench.Inside.Micro;

/// <summary>
/// The WeCom callback envelope work on each chat message: check the signature and decrypt what arrives, encrypt and
/// sign the passive reply.
/// </summary>
[MemoryDiagnoser]
public class WeComCryptoBenchmarks
{
    private const string Token = "QDG6eK";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wx5823bf96d3bd56c7";

    private readonly WeComCrypto _crypto = new(Token, AesKey, CorpId);
    private string _encrypt = "";
    private string _signature = "";

    private const string Message =
        "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>" +
        "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我的待办]]></Content>" +
        "<MsgId>1234567890123456</MsgId><AgentID>128</AgentID></xml>";

    [GlobalSetup]
    public void Setup()
    {
        _encrypt = _crypto.Encrypt(Message);
        _signature = _crypto.Signature("1409659813", "1372623149", _encrypt);
    }

    [Benchmark]
    public string VerifyAndDecrypt() =>
        _crypto.VerifySignature(_signature, "1409659813", "1372623149", _encrypt) ? _crypto.Decrypt(_encrypt) : "";

    [Benchmark]
    public string EncryptReply() =>
        WeComCallbackXml.BuildEncryptedReply(_crypto, WeComCallbackXml.BuildTextReply("zhangsan", CorpId, 1348831861, "你有 3 条待办 / 3 open items"), "1409659813", "1372623149");
}
