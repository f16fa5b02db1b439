using System.Text.Json;
using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Channels.Teams.Chat;

public sealed class TeamsCardsTests
{
    private static readonly InboxMessage Escalation = new(
        "CMP-42:1:1", InboxKind.Escalation, "CMP-42:1:1", "CMP-42", "C100", "【投诉升级 L1】客户周杰的投诉已超时 Complaint overdue",
        new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), ["inbox"]);

    private static JsonElement Render(TeamsCardModel card) => JsonSerializer.SerializeToElement(AdaptiveCardBuilder.BuildCard(card));

    [Fact]
    public void ForInbox_Escalation_IsAValidCardWithBilingualExecuteButtonsAndSubmitFallbacks()
    {
        var card = Render(TeamsCards.ForInbox(Escalation));

        TeamsSpecs.AssertValidCard(card);
        var actions = card.GetProperty("actions").EnumerateArray().ToArray();
        Assert.Equal(["受理 Acknowledge", "转派 Reassign", "备注 Comment"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.Equal(["受理 CMP-42", "转派 CMP-42", "备注 CMP-42"], actions.Select(a => a.GetProperty("verb").GetString()));
        Assert.All(actions, a => Assert.Equal(
            a.GetProperty("verb").GetString(), a.GetProperty("fallback").GetProperty("data").GetProperty("command").GetString()));
        var body = card.GetProperty("body").EnumerateArray().ToArray();
        Assert.Equal("投诉升级 Escalation", body[0].GetProperty("text").GetString());
        Assert.Equal(Escalation.Text, body[1].GetProperty("text").GetString());
    }

    [Fact]
    public void ToModel_BotCard_KeepsTitleSubtitleFactsAndCommands()
    {
        var model = TeamsCards.ToModel(new BotCard("投诉 CMP-42", [new BotFact("状态", "已受理")], [new BotButton("备注", "备注 CMP-42")])
        {
            Subtitle = "转账三天未到账",
        });

        Assert.Equal("投诉 CMP-42", model.Title);
        Assert.Equal("转账三天未到账", model.Subtitle);
        Assert.Equal(new TeamsCardFact("状态", "已受理"), Assert.Single(model.Facts));
        Assert.Equal(new TeamsCardButton("备注", "备注 CMP-42"), Assert.Single(model.Buttons));
    }

    [Fact]
    public void Attachments_TextOnlyReply_IsNull()
    {
        Assert.Null(TeamsCards.Attachments(new BotReply("帮助")));
        var attachment = Assert.Single(TeamsCards.Attachments(new BotReply("x", BotOutcome.Info, new BotCard("t", [], [])))!);
        Assert.Equal(AdaptiveCardBuilder.ContentType, attachment.ContentType);
    }

    [Fact]
    public void AfterClick_Done_ShowsWhatWasDoneAndByWhomAboveTheCaseAsItIsNow()
    {
        var reply = new BotReply("已受理投诉 CMP-42，首次响应已记录。", BotOutcome.Done,
            new BotCard("投诉 CMP-42", [new BotFact("状态", "已受理")], [new BotButton("备注", "备注 CMP-42")]))
        {
            Badge = "已受理",
        };

        var model = TeamsCards.AfterClick(reply, "李经理");

        Assert.Equal("✓ 已受理 · 李经理", model.Subtitle);
        Assert.Equal("投诉 CMP-42", model.Title);
        Assert.Equal("备注 CMP-42", Assert.Single(model.Buttons).Command);
        TeamsSpecs.AssertValidCard(Render(model));
    }

    [Fact]
    public void AfterClick_DoneWithoutCard_IsATextCardWithoutButtons()
    {
        var model = TeamsCards.AfterClick(new BotReply("已为投诉 CMP-42 添加备注。", BotOutcome.Done) { Badge = "已备注" }, "陈顾问");

        Assert.Empty(model.Buttons);
        Assert.Equal("✓ 已备注 · 陈顾问", model.Subtitle);
        TeamsSpecs.AssertValidCard(Render(model));
    }
}
