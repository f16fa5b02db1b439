namespace WealthActors.Bot.Channels.Teams;

/// <summary>The activity types and invoke names this bot handles; the schema lists more.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Typing = "typing";

    /// <summary>The invoke <c>name</c> Teams sends when someone clicks an <c>Action.Execute</c> button.</summary>
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    /// <summary>The Bot Framework channel id of Microsoft Teams.</summary>
    public const string TeamsChannelId = "msteams";
}
