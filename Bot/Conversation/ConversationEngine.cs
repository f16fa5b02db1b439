using Microsoft.Extensions.Logging;
using WealthActors.Audit;
using WealthActors.Employees;
using WealthActors.Permissions;
using WealthActors.Privacy;
using WealthActors.ReadModel;
using WealthActors.Tasks;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// Text → command → grain calls → reply. Channel-agnostic: WeCom, Teams and the web console all come through here,
/// so a command means the same and is checked the same everywhere. Rules violations from the grains become polite
/// replies; anything unexpected is logged and answered with an apology, never a stack trace. Every message leaves one
/// audit entry, committed before the reply is given.
/// </summary>
public sealed partial class ConversationEngine(
    IGrainFactory grains,
    IReadModelQueries readModel,
    TimeProvider clock,
    IAuditTrail audit,
    MaskingRules masking,
    ITaskQueries tasks,
    ILogger<ConversationEngine> logger) : IConversationEngine
{
    public async Task<BotReply> HandleAsync(string employeeId, string channel, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(employeeId);
        var parsed = CommandParser.Parse(text);
        var record = new ChatAudit(employeeId, channel, parsed, text);
        (BotReply Reply, string Outcome) answered;
        try
        {
            answered = await Answer(employeeId, channel, parsed, record, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The channel gave up waiting mid-command; what the command did so far is still on the record.
            await TryAppend(record.Record(AuditOutcomes.Failed), employeeId, channel);
            throw;
        }

        // Nothing acknowledged is unaudited: a reply that could not be recorded is not given.
        return await TryAppend(record.Record(answered.Outcome), employeeId, channel)
            ? answered.Reply
            : new BotReply(parsed.Language.Say("抱歉，系统暂时无法处理，请稍后再试。", "Sorry, something went wrong. Please try again shortly."), BotOutcome.Refused);
    }

    private async Task<(BotReply Reply, string Outcome)> Answer(
        string employeeId, string channel, ParseResult parsed, ChatAudit record, CancellationToken cancellationToken)
    {
        var language = parsed.Language;
        try
        {
            var profile = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
            if (profile is null)
            {
                LogUnknownEmployee(logger, employeeId, channel);
                return (new BotReply(language.Say(
                    "抱歉，您的账号尚未登记为员工，暂时无法使用。请联系管理员。",
                    "Sorry, your account is not registered as an employee yet. Please contact your administrator."), BotOutcome.Refused),
                    AuditOutcomes.Refused);
            }

            var turn = new ConversationTurn(grains, new AccessPrincipal(employeeId, profile.Role, profile.BranchId), profile, language, channel)
            {
                Audit = record,
            };
            var reply = parsed.Status switch
            {
                ParseStatus.Ok => await Execute(turn, parsed.Command!, cancellationToken),
                ParseStatus.Incomplete => new BotReply(BotTexts.Usage(parsed.Kind!.Value, language, parsed.Subject), BotOutcome.NeedsInput),
                _ => new BotReply(language.Say("没看懂这条消息。", "I did not understand that.") + "\n" + BotTexts.Help(language)),
            };
            LogHandled(logger, employeeId, channel, parsed.Kind?.ToString() ?? "unknown", reply.Outcome);
            return (reply with { Text = ReplyFormat.Fit(reply.Text) }, ChatAudit.Outcome(reply.Outcome));
        }
        catch (DomainException ex)
        {
            LogRefused(logger, employeeId, channel, ex.Message);
            return (new BotReply(Polite(ex, language), BotOutcome.Refused), AuditOutcomes.Refused);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, employeeId, channel);
            return (new BotReply(language.Say("抱歉，系统暂时无法处理，请稍后再试。", "Sorry, something went wrong. Please try again shortly."), BotOutcome.Refused),
                AuditOutcomes.Failed);
        }
    }

    private async Task<bool> TryAppend(AuditRecord record, string employeeId, string channel)
    {
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
            return true;
        }
        catch (AuditUnavailableException ex)
        {
            LogUnaudited(logger, ex, employeeId, channel, record.Action);
            return false;
        }
    }

    private Task<BotReply> Execute(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken) => command.Kind switch
    {
        CommandKind.Help => Task.FromResult(new BotReply(BotTexts.Help(turn.Language))),
        CommandKind.Client => ShowClient(turn, command, cancellationToken),
        CommandKind.Complain => OpenComplaint(turn, command, cancellationToken),
        CommandKind.MyQueue => MyQueue(turn, cancellationToken),
        CommandKind.Breaches => Breaches(turn, command, cancellationToken),
        CommandKind.Log => LogContact(turn, command, cancellationToken),
        CommandKind.MyTasks => MyTasks(turn, cancellationToken),
        CommandKind.TaskDone or CommandKind.TaskSnooze => OnTask(turn, command, cancellationToken),
        CommandKind.Suggest => Suggest(turn, command, cancellationToken),
        _ => OnComplaint(turn, command, cancellationToken),
    };

    /// <summary>Grains explain refusals in English for the API; a chat gets a short, friendly line instead.</summary>
    private static string Polite(DomainException exception, BotLanguage language) => exception switch
    {
        PermissionDeniedException => language.Say("抱歉，您没有权限执行此操作。", "Sorry, you are not allowed to do that."),
        EntityNotFoundException => language.Say("没有找到对应的记录。", "I could not find that."),
        InvalidTransitionException => language.Say("当前状态不允许此操作。", "That is not possible in the current state."),
        DomainValidationException v => language.Say($"输入有误（{v.Field}），请检查后重试。", $"Something is not valid ({v.Field}); please check and try again."),
        _ => language.Say("无法完成此操作。", "That could not be done."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot: employee {EmployeeId} on {Channel} is not registered; refused")]
    private static partial void LogUnknownEmployee(ILogger logger, string employeeId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot: employee {EmployeeId} on {Channel} ran {Command}: {Outcome}")]
    private static partial void LogHandled(ILogger logger, string employeeId, string channel, string command, BotOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot: employee {EmployeeId} on {Channel} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string employeeId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot: {Action} of employee {EmployeeId} on {Channel} could not be audited; not acknowledged")]
    private static partial void LogUnaudited(ILogger logger, Exception exception, string employeeId, string channel, string action);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot: a message from employee {EmployeeId} on {Channel} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string employeeId, string channel);
}
