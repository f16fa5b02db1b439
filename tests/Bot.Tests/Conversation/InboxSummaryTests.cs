using System.Text;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>The summary text that stands for a wave of inbox messages in chat.</summary>
public sealed class InboxSummaryTests
{
    private static InboxMessage Escalation(string complaint, int level) =>
        new($"{complaint}:{level}:3", InboxKind.Escalation, $"{complaint}:{level}:3", complaint, "C0042", "升级", DateTimeOffset.UnixEpoch, ["inbox"]);

    [Fact]
    public void Text_Chinese_CountsListsEveryCaseAndPointsToTheQueue()
    {
        var text = InboxSummary.Text([Escalation("CMP-1", 1), Escalation("CMP-2", 3)], english: false);

        Assert.Equal(
            "【2 条新升级】\n· CMP-1 · 客户 C0042 · L1\n· CMP-2 · 客户 C0042 · L3\n发送「我的待办」查看并处理，或在控制台打开 /console/complaints。",
            text);
    }

    [Fact]
    public void Text_English_ForAnEmployeeWhoReadsEnglish()
    {
        var text = InboxSummary.Text([Escalation("CMP-1", 2)], english: true);

        Assert.Equal(
            "【1 new escalations】\n· CMP-1 · client C0042 · L2\nSend \"my queue\" to see and work them, or open /console/complaints in the console.",
            text);
    }

    [Fact]
    public void Title_MixedKinds_CountsMessages()
    {
        var task = new InboxMessage("T1:breach-1", InboxKind.Escalation, "T1:breach-1", null, "C1", "逾期", DateTimeOffset.UnixEpoch, ["inbox"], TaskId: "T1");
        var digest = new InboxMessage("D1", InboxKind.Digest, "D1", null, null, "日报", DateTimeOffset.UnixEpoch, ["inbox"]);

        Assert.Equal("2 条新消息", InboxSummary.Title([task, digest], english: false));
        Assert.Equal("· T1 · 客户 C1", InboxSummary.Line(task, english: false));
        Assert.Equal("· D1", InboxSummary.Line(digest, english: false));
    }

    [Fact]
    public void Text_AFullWeComSummaryOfLongIds_FitsOneWeComTextWhole()
    {
        var messages = Enumerable.Range(0, WeComOutbox.PushesPerSummary)
            .Select(i => Escalation($"CMP-{new string('9', 40)}-{i}", 12) with { ClientId = new string('客', 40) }).ToArray();

        var text = InboxSummary.Text(messages, english: false);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= WeComReplies.MaxTextBytes, $"{Encoding.UTF8.GetByteCount(text)} bytes");
    }
}
