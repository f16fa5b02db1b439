namespace WealthActors.Bot.Conversation;

public enum CommandKind
{
    Help,
    Client,
    Complain,
    MyQueue,
    Show,
    Acknowledge,
    Note,
    Pause,
    Resume,
    Resolve,
    Assign,
    Breaches,
    Reopen,
    Severity,
    Extend,
    Progress,
    Log,
    MyTasks,
    TaskDone,
    TaskSnooze,
    Suggest,
}

/// <summary>A parsed command. Which of the optional parts are set depends on <see cref="Kind"/>.</summary>
/// <param name="Subject">A client name or id, a complaint id, or a branch id.</param>
/// <param name="Text">Free text: a note, a reason, a resolution, a complaint's description.</param>
/// <param name="Target">The employee a complaint is assigned to.</param>
public sealed record BotCommand(
    CommandKind Kind,
    BotLanguage Language,
    string? Subject = null,
    string? Text = null,
    Severity? Severity = null,
    string? Target = null);

public enum ParseStatus
{
    /// <summary>A complete command.</summary>
    Ok,

    /// <summary>A known verb with missing or unreadable arguments: answer with its usage.</summary>
    Incomplete,

    /// <summary>Nothing recognisable: answer with help.</summary>
    Unknown,
}

/// <param name="Subject">For an incomplete command, the part that was given (e.g. the complaint id), to prefill its usage.</param>
public sealed record ParseResult(
    ParseStatus Status, BotLanguage Language, CommandKind? Kind = null, BotCommand? Command = null, string? Subject = null)
{
    public static ParseResult Unknown(BotLanguage language) => new(ParseStatus.Unknown, language);

    public static ParseResult Incomplete(CommandKind kind, BotLanguage language, string? subject = null) =>
        new(ParseStatus.Incomplete, language, kind, Subject: subject);

    public static ParseResult Ok(BotCommand command) => new(ParseStatus.Ok, command.Language, command.Kind, command);
}
