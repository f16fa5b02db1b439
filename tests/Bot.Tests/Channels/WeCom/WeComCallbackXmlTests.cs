using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComCallbackXmlTests
{
    private const string TemplateCardEventXml = """
        <xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>
        <FromUserName><![CDATA[ZhangSan]]></FromUserName>
        <CreateTime>1700000000</CreateTime>
        <MsgType><![CDATA[event]]></MsgType>
        <Event><![CDATA[template_card_event]]></Event>
        <EventKey><![CDATA[ack]]></EventKey>
        <TaskId><![CDATA[complaint-42_esc-1]]></TaskId>
        <CardType><![CDATA[button_interaction]]></CardType>
        <ResponseCode><![CDATA[rc-abc]]></ResponseCode>
        <AgentID>1000002</AgentID>
        <SelectedItems>
          <SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey>
            <OptionIds><OptionId><![CDATA[o1]]></OptionId><OptionId><![CDATA[o2]]></OptionId></OptionIds></SelectedItem>
          <SelectedItem><QuestionKey><![CDATA[q2]]></QuestionKey>
            <OptionIds><OptionId><![CDATA[o3]]></OptionId></OptionIds></SelectedItem>
        </SelectedItems>
        </xml>
        """;

    [Fact]
    public void ParseEnvelope_OfficialBody_ReturnsEncryptToUserAndAgentId()
    {
        var sample = WeComVectors.Get("set1").Message;

        var envelope = WeComCallbackXml.ParseEnvelope(sample.Body!);

        Assert.Equal("wx5823bf96d3bd56c7", envelope.ToUserName);
        Assert.Equal(sample.Encrypt, envelope.Encrypt);
        Assert.Equal("218", envelope.AgentId);
    }

    [Theory]
    [InlineData("set1", "mycreate", "hello", "4561255354251345929", "218", 1409659813L)]
    [InlineData("set2", "ChenJiaShun", "你好", "1456453720", "1000002", 1476422779L)]
    public void ParseMessage_OfficialPlaintext_ReadsTextMessage(
        string setName, string from, string content, string msgId, string agentId, long createTime)
    {
        var set = WeComVectors.Get(setName);

        var message = WeComCallbackXml.ParseMessage(set.Message.ExpectedPlaintext);

        Assert.True(message.IsText);
        Assert.False(message.IsTemplateCardEvent);
        Assert.Equal(set.ReceiveId, message.ToUserName);
        Assert.Equal(from, message.FromUserName);
        Assert.Equal(content, message.Content);
        Assert.Equal(msgId, message.MsgId);
        Assert.Equal(agentId, message.AgentId);
        Assert.Equal(createTime, message.CreateTime);
        Assert.Empty(message.SelectedItems);
    }

    [Fact]
    public void ParseMessage_TemplateCardEvent_ReadsCardFieldsAndSelections()
    {
        var message = WeComCallbackXml.ParseMessage(TemplateCardEventXml);

        Assert.True(message.IsTemplateCardEvent);
        Assert.Equal("event", message.MsgType);
        Assert.Equal("ZhangSan", message.FromUserName);
        Assert.Equal("ack", message.EventKey);
        Assert.Equal("complaint-42_esc-1", message.TaskId);
        Assert.Equal("button_interaction", message.CardType);
        Assert.Equal("rc-abc", message.ResponseCode);
        Assert.Equal("1000002", message.AgentId);
        Assert.Null(message.MsgId);
        Assert.Collection(message.SelectedItems,
            item => { Assert.Equal("q1", item.QuestionKey); Assert.Equal(["o1", "o2"], item.OptionIds); },
            item => { Assert.Equal("q2", item.QuestionKey); Assert.Equal(["o3"], item.OptionIds); });
    }

    [Fact]
    public void DeduplicationKey_TextMessage_UsesMsgId()
    {
        var message = WeComCallbackXml.ParseMessage(WeComVectors.Get("set1").Message.ExpectedPlaintext);

        Assert.Equal("msg:4561255354251345929", message.DeduplicationKey);
    }

    [Fact]
    public void DeduplicationKey_CardClick_UsesResponseCode()
    {
        Assert.Equal("card:rc-abc", WeComCallbackXml.ParseMessage(TemplateCardEventXml).DeduplicationKey);
    }

    [Fact]
    public void DeduplicationKey_OtherEvent_UsesSenderTimeAndEvent()
    {
        var message = WeComCallbackXml.ParseMessage(
            "<xml><ToUserName>c</ToUserName><FromUserName>u1</FromUserName><CreateTime>1408091189</CreateTime>"
            + "<MsgType>event</MsgType><Event>enter_agent</Event><EventKey></EventKey><AgentID>1</AgentID></xml>");

        Assert.Equal("event:u1:1408091189:enter_agent:", message.DeduplicationKey);
    }

    [Fact]
    public void ParseMessage_InternalEntityDtd_ThrowsWeComXmlException()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY who "attacker">]>
            <xml><ToUserName>c</ToUserName><FromUserName>&who;</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>
            """;

        Assert.Throws<WeComXmlException>(() => WeComCallbackXml.ParseMessage(xml));
    }

    [Fact]
    public void ParseEnvelope_ExternalEntity_ThrowsWeComXmlException()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <xml><ToUserName>c</ToUserName><Encrypt>&secret;</Encrypt></xml>
            """;

        Assert.Throws<WeComXmlException>(() => WeComCallbackXml.ParseEnvelope(xml));
    }

    [Fact]
    public void ParseMessage_EntityExpansionBomb_ThrowsWeComXmlException()
    {
        const string xml = """
            <!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <xml><Content>&c;</Content></xml>
            """;

        Assert.Throws<WeComXmlException>(() => WeComCallbackXml.ParseMessage(xml));
    }

    [Fact]
    public void ParseMessage_OverCharacterLimit_ThrowsWeComXmlException()
    {
        var xml = "<xml><Content>" + new string('x', WeComCallbackXml.MaxCharacters) + "</Content></xml>";

        Assert.Throws<WeComXmlException>(() => WeComCallbackXml.ParseMessage(xml));
    }

    [Theory]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><ToUserName>c</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")]
    [InlineData("<xml><FromUserName>u</FromUserName><ToUserName>c</ToUserName><CreateTime>1</CreateTime></xml>")]
    [InlineData("<message><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></message>")]
    [InlineData("<xml><ToUserName>c</ToUserName>")]
    [InlineData("")]
    public void ParseMessage_MissingOrMalformedField_ThrowsWeComXmlException(string xml)
    {
        Assert.Throws<WeComXmlException>(() => WeComCallbackXml.ParseMessage(xml));
    }

    [Fact]
    public void ParseEnvelope_WithoutEncrypt_ThrowsWeComXmlException()
    {
        Assert.Throws<WeComXmlException>(() =>
            WeComCallbackXml.ParseEnvelope("<xml><ToUserName>c</ToUserName><AgentID>1</AgentID></xml>"));
    }
}
