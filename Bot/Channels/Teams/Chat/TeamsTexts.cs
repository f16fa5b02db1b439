using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>What the Teams channel says by itself, before or instead of the conversation engine.</summary>
public static class TeamsTexts
{
    private const string NotRegisteredChinese = "抱歉，您的 Teams 账号尚未与员工档案关联，暂时无法使用。请联系管理员登记。";
    private const string NotRegisteredEnglish = "Sorry, your Teams account is not linked to an employee yet. Please ask your administrator to register it.";

    /// <summary>In the language of <paramref name="said"/> (Chinese when it is empty or has Chinese characters).</summary>
    public static string NotRegistered(string? said) => Language(said).Say(NotRegisteredChinese, NotRegisteredEnglish);

    /// <summary>Client data must not reach a group chat or a channel, where everyone in it would read it.</summary>
    public static string PersonalChatOnly(string? said) => Language(said).Say(
        "为保护客户信息，请在与我的私聊中使用。",
        "To keep client data private, please message me in a personal chat.");

    /// <summary>The welcome when the app is added to someone's personal chat, in both languages.</summary>
    public static string Greeting(string? name, bool registered)
    {
        var chinese = $"您好{(name is null ? "" : $"，{name}")}！我是 WealthActors 客户服务助手，发送「帮助」查看可用命令。";
        var english = $"Hello{(name is null ? "" : $" {name}")}! I am the WealthActors service assistant; send \"help\" to see what I can do.";
        return registered
            ? $"{chinese}\n{english}"
            : $"{chinese}\n{NotRegisteredChinese}\n{english}\n{NotRegisteredEnglish}";
    }

    private static BotLanguage Language(string? said) =>
        string.IsNullOrWhiteSpace(said) || TextNormalizer.ContainsCjk(said) ? BotLanguage.Chinese : BotLanguage.English;
}
