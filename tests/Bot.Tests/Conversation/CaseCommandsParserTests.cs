using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>The commands for the rest of a case's life (reopen, severity, extend, progress) and for logging a contact.</summary>
public sealed class CaseCommandsParserTests
{
    [Theory]
    [InlineData("重开 CMP-1 客户仍未收到退款", CommandKind.Reopen, BotLanguage.Chinese, "客户仍未收到退款")]
    [InlineData("reopen CMP-1 refund still missing", CommandKind.Reopen, BotLanguage.English, "refund still missing")]
    [InlineData("延期 CMP-1 需调取银行流水", CommandKind.Extend, BotLanguage.Chinese, "需调取银行流水")]
    [InlineData("extend CMP-1 waiting for the bank", CommandKind.Extend, BotLanguage.English, "waiting for the bank")]
    [InlineData("进度 CMP-1", CommandKind.Progress, BotLanguage.Chinese, null)]
    [InlineData("progress CMP-1", CommandKind.Progress, BotLanguage.English, null)]
    public void Parse_CaseCommand_GivesTheCaseAndTheText(string text, CommandKind kind, BotLanguage language, string? reason)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal((kind, language, "CMP-1", reason), (command.Kind, command.Language, command.Subject, command.Text));
    }

    [Theory]
    [InlineData("级别 CMP-1 紧急 客户再次来电", Severity.Critical, "客户再次来电")]
    [InlineData("severity CMP-1 low", Severity.Low, null)]
    public void Parse_Severity_GivesTheNewLevelAndAnOptionalReason(string text, Severity severity, string? reason)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal((CommandKind.Severity, "CMP-1", severity, reason), (command.Kind, command.Subject, command.Severity, command.Text));
    }

    [Theory]
    [InlineData("重开 CMP-1", CommandKind.Reopen)]
    [InlineData("延期 CMP-1", CommandKind.Extend)]
    [InlineData("级别 CMP-1", CommandKind.Severity)]
    [InlineData("级别 CMP-1 很急", CommandKind.Severity)]
    [InlineData("记录 张伟", CommandKind.Log)]
    public void Parse_MissingWhatTheCommandNeeds_IsIncomplete(string text, CommandKind kind)
    {
        var result = CommandParser.Parse(text);

        Assert.Equal((ParseStatus.Incomplete, kind), (result.Status, result.Kind));
    }

    [Fact]
    public void Parse_Log_GivesTheClientAndWhatWasSaid()
    {
        var command = CommandParser.Parse("记录 C100 电话回访，客户满意").Command!;

        Assert.Equal((CommandKind.Log, "C100", "电话回访,客户满意"), (command.Kind, command.Subject, command.Text));
    }

    [Theory]
    [InlineData("级别 CMP-1 紧急 客户再次来电")]
    [InlineData("重开 CMP-1 客户仍未收到退款")]
    [InlineData("记录 C100 电话回访")]
    public void Format_WritesBackWhatParses(string text)
    {
        var command = CommandParser.Parse(text).Command!;

        Assert.Equal(command, CommandParser.Parse(CommandFormatter.Format(command)).Command);
    }
}
