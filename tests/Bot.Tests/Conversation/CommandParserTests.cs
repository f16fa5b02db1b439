using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Tests.Conversation;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("帮助", CommandKind.Help, BotLanguage.Chinese)]
    [InlineData("help", CommandKind.Help, BotLanguage.English)]
    [InlineData("HELP", CommandKind.Help, BotLanguage.English)]
    [InlineData("/help", CommandKind.Help, BotLanguage.English)]
    [InlineData("？", CommandKind.Help, BotLanguage.Chinese)]
    [InlineData("我的待办", CommandKind.MyQueue, BotLanguage.Chinese)]
    [InlineData("待办", CommandKind.MyQueue, BotLanguage.Chinese)]
    [InlineData("my queue", CommandKind.MyQueue, BotLanguage.English)]
    [InlineData("My　Queue", CommandKind.MyQueue, BotLanguage.English)]
    [InlineData("超时", CommandKind.Breaches, BotLanguage.Chinese)]
    [InlineData("breaches", CommandKind.Breaches, BotLanguage.English)]
    public void Parse_Verb_GivesKindAndLanguage(string text, CommandKind kind, BotLanguage language)
    {
        var result = CommandParser.Parse(text);

        Assert.Equal(ParseStatus.Ok, result.Status);
        Assert.Equal(kind, result.Command!.Kind);
        Assert.Equal(language, result.Command.Language);
    }

    [Theory]
    [InlineData("受理 CMP-20261102-ABCDEF0123")]
    [InlineData("受理CMP-20261102-ABCDEF0123")]
    [InlineData("受理：CMP-20261102-ABCDEF0123")]
    [InlineData("受理　ＣＭＰ－２０２６１１０２－ＡＢＣＤＥＦ０１２３")]
    [InlineData("ack CMP-20261102-ABCDEF0123.")]
    [InlineData("acknowledge, CMP-20261102-ABCDEF0123")]
    public void Parse_AcknowledgeInAnyForm_ReadsTheId(string text)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal(CommandKind.Acknowledge, command.Kind);
        Assert.Equal("CMP-20261102-ABCDEF0123", command.Subject);
        Assert.Null(command.Text);
    }

    [Fact]
    public void Parse_NoteWithFullWidthPunctuation_KeepsTheTextWhole()
    {
        var command = CommandParser.Parse("备注，CMP-1：已致电客户，约好明天回访。").Command!;

        Assert.Equal(CommandKind.Note, command.Kind);
        Assert.Equal("CMP-1", command.Subject);
        Assert.Equal("已致电客户,约好明天回访。", command.Text);
    }

    [Theory]
    [InlineData("暂停 X1 等客户提供流水", CommandKind.Pause, "等客户提供流水")]
    [InlineData("pause X1 waiting for statement", CommandKind.Pause, "waiting for statement")]
    [InlineData("解决 X1 已退还手续费", CommandKind.Resolve, "已退还手续费")]
    [InlineData("resolve X1 fee refunded", CommandKind.Resolve, "fee refunded")]
    [InlineData("恢复 X1", CommandKind.Resume, null)]
    [InlineData("resume X1", CommandKind.Resume, null)]
    [InlineData("查看 X1", CommandKind.Show, null)]
    public void Parse_ComplaintCommands_SplitIdAndText(string text, CommandKind kind, string? expectedText)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal(kind, command.Kind);
        Assert.Equal("X1", command.Subject);
        Assert.Equal(expectedText, command.Text);
    }

    [Theory]
    [InlineData("转派 X1 E200", "E200")]
    [InlineData("转派 X1 给 E200", "E200")]
    [InlineData("assign X1 to E200", "E200")]
    [InlineData("转派 X1 我", "我")]
    [InlineData("assign X1 me", "me")]
    public void Parse_Assign_ReadsTarget(string text, string target)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal(CommandKind.Assign, command.Kind);
        Assert.Equal("X1", command.Subject);
        Assert.Equal(target, command.Target);
    }

    [Theory]
    [InlineData("投诉 张伟 紧急 转账三天未到账", "张伟", Severity.Critical, "转账三天未到账")]
    [InlineData("投诉 张伟 高 转账三天未到账", "张伟", Severity.High, "转账三天未到账")]
    [InlineData("投诉，张伟，中，转账慢", "张伟", Severity.Normal, "转账慢")]
    [InlineData("投诉 C000002 低 态度一般", "C000002", Severity.Low, "态度一般")]
    [InlineData("complain Zhang Wei critical transfer delayed, three days", "Zhang Wei", Severity.Critical, "transfer delayed, three days")]
    [InlineData("complain liu HIGH fee charged twice", "liu", Severity.High, "fee charged twice")]
    [InlineData("complaint C000003 normal slow reply", "C000003", Severity.Normal, "slow reply")]
    [InlineData("complain C000003 low slow reply", "C000003", Severity.Low, "slow reply")]
    public void Parse_Complaint_FindsClientSeverityAndDescription(string text, string client, Severity severity, string description)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal(CommandKind.Complain, command.Kind);
        Assert.Equal(client, command.Subject);
        Assert.Equal(severity, command.Severity);
        Assert.Equal(description, command.Text);
    }

    [Theory]
    [InlineData("投诉 张伟 转账三天未到账", CommandKind.Complain)]
    [InlineData("投诉 张伟 高", CommandKind.Complain)]
    [InlineData("投诉", CommandKind.Complain)]
    [InlineData("受理", CommandKind.Acknowledge)]
    [InlineData("备注 X1", CommandKind.Note)]
    [InlineData("解决 X1", CommandKind.Resolve)]
    [InlineData("转派 X1", CommandKind.Assign)]
    [InlineData("client", CommandKind.Client)]
    public void Parse_MissingArguments_IsIncompleteForTheVerb(string text, CommandKind kind)
    {
        var result = CommandParser.Parse(text);

        Assert.Equal(ParseStatus.Incomplete, result.Status);
        Assert.Equal(kind, result.Kind);
    }

    [Fact]
    public void Parse_IncompleteNote_KeepsTheIdForTheUsageHint()
    {
        Assert.Equal("X1", CommandParser.Parse("备注 X1").Subject);
    }

    [Theory]
    [InlineData("", BotLanguage.Chinese)]
    [InlineData("   ", BotLanguage.Chinese)]
    [InlineData("你好", BotLanguage.Chinese)]
    [InlineData("hello there", BotLanguage.English)]
    [InlineData("clientele report", BotLanguage.English)]
    [InlineData("acknowledgement", BotLanguage.English)]
    [InlineData("\u0000\u0001", BotLanguage.Chinese)]
    public void Parse_Unrecognised_IsUnknownInTheWriterLanguage(string text, BotLanguage language)
    {
        var result = CommandParser.Parse(text);

        Assert.Equal(ParseStatus.Unknown, result.Status);
        Assert.Equal(language, result.Language);
    }

    [Fact]
    public void Parse_ClientNameWithSpace_KeepsTheWholeName()
    {
        var command = CommandParser.Parse("client  Zhang Wei ").Command!;

        Assert.Equal(CommandKind.Client, command.Kind);
        Assert.Equal("Zhang Wei", command.Subject);
    }

    [Fact]
    public void Parse_VeryLongInput_StaysBoundedAndNeverThrows()
    {
        var result = CommandParser.Parse("备注 X1 " + new string('长', 100_000));

        Assert.Equal(ParseStatus.Ok, result.Status);
        Assert.True(result.Command!.Text!.Length < CommandParser.MaxInputLength);
    }

    [Theory]
    [InlineData("受理 CMP-1")]
    [InlineData("投诉 张伟 高 转账三天未到账")]
    [InlineData("转派 CMP-1 E200")]
    [InlineData("assign CMP-1 E200 covering leave")]
    [InlineData("complain Zhang Wei critical transfer delayed")]
    public void Format_ParsedCommand_ParsesBackToTheSameCommand(string text)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal(command, CommandParser.Parse(CommandFormatter.Format(command)).Command);
    }
}
