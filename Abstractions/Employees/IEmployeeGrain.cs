using WealthActors.Channels;

namespace WealthActors.Employees;

/// <summary>An employee (key: employee id) with a bounded inbox of delivered messages.</summary>
[Alias("WealthActors.IEmployeeGrain")]
public interface IEmployeeGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task<EmployeeProfile> Upsert(EmployeeProfile profile, Actor actor);

    /// <summary>The employees whose profile names this one as their manager.</summary>
    [Alias("GetReports"), ReadOnly]
    Task<IReadOnlyList<string>> GetReports();

    /// <summary>Records that <paramref name="employeeId"/> now reports to this employee, or no longer does.</summary>
    [Alias("SetReport")]
    Task SetReport(string employeeId, bool reports);

    /// <summary>The profile, or null for an unknown employee.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<EmployeeProfile?> GetProfile();

    /// <summary>
    /// Stores a message unless one with the same key was delivered before. Returns true when it was new.
    /// Safe to call any number of times with the same message. Deliveries interleave with each other and with the
    /// grain's other calls, so the messages that reach a busy recipient at once share one state write.
    /// </summary>
    [Alias("Deliver"), AlwaysInterleave]
    Task<bool> Deliver(InboxMessage message);

    /// <summary>
    /// Records that <paramref name="channel"/> (e.g. <c>wecom</c>) carried the message to the person, which also ends
    /// any pending re-push of it to that channel. Returns false when the message is no longer among the recent ones or
    /// already lists the channel.
    /// </summary>
    [Alias("MarkDelivered")]
    Task<bool> MarkDelivered(string messageId, string channel);

    /// <summary>
    /// Recent messages, newest first: the last 30 or so that the grain keeps (more while chat channels owe
    /// confirmations); older ones are in the read model's inbox history.
    /// </summary>
    [Alias("GetInbox"), ReadOnly]
    Task<IReadOnlyList<InboxMessage>> GetInbox(int limit);

    /// <summary>
    /// Keeps <paramref name="reference"/> as the personal Teams chat to send this employee's messages to; only the
    /// newest is kept. Returns false (and writes nothing) when it is the one already kept.
    /// </summary>
    [Alias("SetTeamsConversation")]
    Task<bool> SetTeamsConversation(TeamsConversationReference reference);

    /// <summary>The personal Teams chat kept by <see cref="SetTeamsConversation"/>, or null when the person never wrote.</summary>
    [Alias("GetTeamsConversation"), ReadOnly]
    Task<TeamsConversationReference?> GetTeamsConversation();
}
