using WealthActors.Bot.Channels.Chat;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>Something to send to Teams in the background.</summary>
public abstract record TeamsJob(string Target) : ChatJob(Target);

/// <summary>An inbox message pushed as an Adaptive Card; on success the employee grain records the channel.</summary>
public sealed record TeamsPushJob(InboxPush Push) : TeamsJob(Push.EmployeeId)
{
    public override InboxPush Pushed => Push;
}

/// <summary>An answer to a message (Conversations_ReplyToActivity); built with <see cref="BotActivityExtensions.CreateReply"/>.</summary>
public sealed record TeamsReplyJob(BotActivity Reply) : TeamsJob(Reply.Conversation?.Id ?? "-");

/// <summary>A message into a conversation (Conversations_SendToConversation), such as a greeting.</summary>
public sealed record TeamsSendJob(BotActivity Message) : TeamsJob(Message.Conversation?.Id ?? "-");

/// <summary>Replaces an activity the bot sent (Conversations_UpdateActivity), such as a clicked card.</summary>
public sealed record TeamsUpdateJob(BotActivity Update) : TeamsJob(Update.Conversation?.Id ?? "-");
