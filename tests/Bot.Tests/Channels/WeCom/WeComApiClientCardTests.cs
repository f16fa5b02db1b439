using System.Text.Json.Nodes;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComApiClientCardTests : WeComApiTestBase
{
    private static readonly WeComButtonCard Escalation = new(
        "complaint-42_esc-1",
        new WeComCardTitle("投诉 C-42 已超时", "受理时限已过 2 小时"),
        [new WeComCardButton("受理", "ack:C-42", 1), new WeComCardButton("转派", "assign:C-42", 2)])
    {
        SourceDesc = "WealthActors",
        SubTitleText = "客户 张三 · 严重",
        HorizontalContent = [new WeComCardField("客户", "张三"), new WeComCardField("级别", "高")],
    };

    [Fact]
    public async Task SendTemplateCardAsync_ButtonCard_PostsDocumentedJsonShape()
    {
        var result = await Client.SendTemplateCardAsync(["ZhangSan", "LiSi"], Escalation);

        var body = Assert.Single(Server.Calls).Body;
        Assert.Equal("ZhangSan|LiSi", (string?)body["touser"]);
        Assert.Equal("template_card", (string?)body["msgtype"]);
        Assert.Equal(1000002, (int?)body["agentid"]);
        var card = (JsonObject)body["template_card"]!;
        Assert.Equal("button_interaction", (string?)card["card_type"]);
        Assert.Equal("complaint-42_esc-1", (string?)card["task_id"]);
        Assert.Equal("WealthActors", (string?)card["source"]!["desc"]);
        Assert.Equal("投诉 C-42 已超时", (string?)card["main_title"]!["title"]);
        Assert.Equal("受理时限已过 2 小时", (string?)card["main_title"]!["desc"]);
        Assert.Equal("客户 张三 · 严重", (string?)card["sub_title_text"]);
        var line = (JsonObject)card["horizontal_content_list"]![0]!;
        Assert.Equal(["keyname", "value"], line.Select(p => p.Key).Order());
        Assert.Equal("客户", (string?)line["keyname"]);
        var buttons = (JsonArray)card["button_list"]!;
        Assert.Equal(2, buttons.Count);
        Assert.Equal(["key", "style", "text"], buttons[0]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("受理", (string?)buttons[0]!["text"]);
        Assert.Equal(1, (int?)buttons[0]!["style"]);
        Assert.Equal("ack:C-42", (string?)buttons[0]!["key"]);
        Assert.Equal(2, (int?)buttons[1]!["style"]);
        Assert.False(card.ContainsKey("replace_text"));
        Assert.Equal("rc-1", result.ResponseCode);
        Assert.Equal("msg-1", result.MsgId);
    }

    [Fact]
    public async Task SendTemplateCardAsync_MinimalCard_OmitsOptionalFields()
    {
        await Client.SendTemplateCardAsync(["ZhangSan"],
            new WeComButtonCard("t1", new WeComCardTitle("Title"), [new WeComCardButton("OK", "ok")]));

        var card = (JsonObject)Server.Calls[0].Body["template_card"]!;
        Assert.Equal(["button_list", "card_type", "main_title", "task_id"], card.Select(p => p.Key).Order());
        Assert.Equal(["title"], card["main_title"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task UpdateTemplateCardAsync_ClickedCard_PostsResponseCodeUsersAndReplacementCard()
    {
        await Client.UpdateTemplateCardAsync("rc-abc", Escalation with { ReplaceText = "已受理" }, ["ZhangSan"]);

        var call = Assert.Single(Server.Calls);
        Assert.Equal("message/update_template_card", call.Api);
        Assert.Equal("token-1", call.AccessToken);
        Assert.Equal(["ZhangSan"], call.Body["userids"]!.AsArray().Select(n => (string?)n));
        Assert.False(call.Body.ContainsKey("atall"));
        Assert.Equal(1000002, (int?)call.Body["agentid"]);
        Assert.Equal("rc-abc", (string?)call.Body["response_code"]);
        var card = (JsonObject)call.Body["template_card"]!;
        Assert.Equal("button_interaction", (string?)card["card_type"]);
        Assert.Equal("已受理", (string?)card["replace_text"]);
        Assert.False(call.Body.ContainsKey("button"));
    }

    [Fact]
    public async Task UpdateTemplateCardAsync_NoUsers_UpdatesForAllRecipients()
    {
        await Client.UpdateTemplateCardAsync("rc-abc", Escalation);

        var body = Assert.Single(Server.Calls).Body;
        Assert.Equal(1, (int?)body["atall"]);
        Assert.False(body.ContainsKey("userids"));
    }

    [Fact]
    public async Task UpdateTemplateCardButtonAsync_Caption_PostsReplaceName()
    {
        await Client.UpdateTemplateCardButtonAsync("rc-abc", "已受理", ["ZhangSan"]);

        var body = Assert.Single(Server.Calls).Body;
        Assert.Equal("已受理", (string?)body["button"]!["replace_name"]);
        Assert.False(body.ContainsKey("template_card"));
    }

    [Fact]
    public async Task UpdateTemplateCardAsync_UsedResponseCode_ThrowsTypedException()
    {
        Server.FailNext(40056);

        var ex = await Assert.ThrowsAsync<WeComApiException>(() => Client.UpdateTemplateCardAsync("rc-used", Escalation));

        Assert.Equal(40056, ex.ErrCode);
        Assert.Equal("message/update_template_card", ex.Api);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("中文")]
    public async Task SendTemplateCardAsync_InvalidTaskId_ThrowsBeforeCallingWeCom(string taskId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.SendTemplateCardAsync(["ZhangSan"], Escalation with { TaskId = taskId }));

        Assert.Equal(0, Server.GetTokenCalls);
    }

    [Fact]
    public async Task SendTemplateCardAsync_SevenButtons_ThrowsBeforeCallingWeCom()
    {
        var buttons = Enumerable.Range(0, 7).Select(i => new WeComCardButton($"b{i}", $"k{i}")).ToArray();

        await Assert.ThrowsAsync<ArgumentException>(() => Client.SendTemplateCardAsync(["ZhangSan"], Escalation with { Buttons = buttons }));

        Assert.Equal(0, Server.GetTokenCalls);
    }
}
