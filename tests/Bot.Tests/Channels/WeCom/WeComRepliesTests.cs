using System.Text;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComRepliesTests
{
    private static readonly BotCard Card = new("投诉 CMP-1", [new BotFact("状态", "待受理")], [new BotButton("受理", "受理 CMP-1"), new BotButton("备注", "备注 CMP-1")])
    {
        Subtitle = "转账三天未到账",
    };

    [Fact]
    public void ToText_ReplyWithCard_ListsFactsAndWhatToType()
    {
        var text = WeComReplies.ToText(new BotReply("投诉 CMP-1：待受理", BotOutcome.Info, Card));

        Assert.StartsWith("投诉 CMP-1：待受理", text);
        Assert.Contains("状态: 待受理", text);
        Assert.Contains("受理 CMP-1 | 备注 CMP-1", text);
    }

    [Fact]
    public void ToText_VeryLongReply_FitsWeComsByteLimit()
    {
        var text = WeComReplies.ToText(new BotReply(new string('投', 5000)));

        Assert.True(Encoding.UTF8.GetByteCount(text) <= WeComReplies.MaxTextBytes);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void FitBytes_NeverSplitsASurrogatePair()
    {
        var text = WeComReplies.FitBytes(string.Concat(Enumerable.Repeat("😀", 100)), 41);

        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 9)) + "…", text);
    }

    [Fact]
    public void ToTemplateCard_Card_ButtonKeysAreTheCommands()
    {
        var card = WeComReplies.ToTemplateCard("t-1", Card);

        Assert.Equal("t-1", card.TaskId);
        Assert.Equal(["受理 CMP-1", "备注 CMP-1"], card.Buttons.Select(b => b.Key));
        Assert.Equal("转账三天未到账", card.SubTitleText);
        Assert.Equal("待受理", Assert.Single(card.HorizontalContent).Value);
    }

    [Theory]
    [InlineData("zhangsan", "CMP-20261102-ABCDEF0123:2:1")]
    [InlineData("li.si", "x")]
    [InlineData("wang", "CMP-20261102-ABCDEF0123:FirstResponseWarning:1-with-a-very-long-tail-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on")]
    public void TaskId_AnyMessage_IsValidStableAndDistinct(string user, string messageId)
    {
        var id = WeComReplies.TaskId(user, messageId);

        Assert.InRange(id.Length, 1, 128);
        Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@', $"'{c}' is not allowed"));
        Assert.Equal(id, WeComReplies.TaskId(user, messageId));
        Assert.NotEqual(id, WeComReplies.TaskId(user + "x", messageId));
        Assert.NotEqual(WeComReplies.TaskId(user, "a:b"), WeComReplies.TaskId(user, "a_b"));
    }
}
