using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>Something to send to one WeCom member in the background.</summary>
public abstract record WeComJob(string UserId) : ChatJob(UserId)
{
    /// <summary>Messages count against WeCom's per-member limit; card updates answer a click and do not.</summary>
    public virtual bool IsMessage => true;
}

/// <summary>An inbox message pushed as a card; on success the employee grain records the channel.</summary>
public sealed record WeComPushJob(string UserId, InboxPush Push) : WeComJob(UserId)
{
    public override InboxPush Pushed => Push;
}

/// <summary>
/// Several inbox messages of one member sent as one summary text, when they came faster than WeCom lets the app write
/// to the member; on success the employee grain records the channel for each.
/// </summary>
public sealed record WeComSummaryJob(string UserId, IReadOnlyList<InboxPush> Pushes) : WeComJob(UserId)
{
    public override IReadOnlyList<InboxPush> Carried => Pushes;
}

/// <summary>A chat answer that took too long to go back passively.</summary>
public sealed record WeComReplyJob(string UserId, BotReply Reply) : WeComJob(UserId);

/// <summary>Replaces a clicked card; the response code is single-use and valid for 72 hours.</summary>
public sealed record WeComCardUpdateJob(string UserId, string ResponseCode, WeComButtonCard Card) : WeComJob(UserId)
{
    public override bool IsMessage => false;
}
