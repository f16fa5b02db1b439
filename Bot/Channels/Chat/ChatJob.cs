using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>Something a chat channel sends in the background.</summary>
/// <param name="Target">Who or where it goes, for the log: a member, an employee or a conversation id.</param>
public abstract record ChatJob(string Target)
{
    /// <summary>Failed attempts so far.</summary>
    public int Failures { get; init; }

    /// <summary>
    /// Its send was already taken from the channel's per-person budget when its wave was planned, so it is not paced
    /// again; a retry after a failure is.
    /// </summary>
    public bool Reserved { get; init; }

    /// <summary>The inbox message this job pushes, if it is a push: such jobs are sent at most once at a time.</summary>
    public virtual InboxPush? Pushed => null;

    /// <summary>Every inbox message this job carries: the push, or all those a summary coalesced.</summary>
    public virtual IReadOnlyList<InboxPush> Carried => Pushed is { } push ? [push] : [];
}
