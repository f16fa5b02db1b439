namespace WealthActors.Bot.Conversation;

/// <summary>The language a reply is written in: the language of the words the person used.</summary>
public enum BotLanguage
{
    Chinese = 0,
    English = 1,
}
