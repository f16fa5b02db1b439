namespace WealthActors.Employees;

/// <summary>Why a message is pushed.</summary>
public enum InboxPushReason
{
    /// <summary>It was just stored in the inbox.</summary>
    Delivered = 0,

    /// <summary>It changed (it reached one more channel); channels that send cards ignore this.</summary>
    Updated = 1,

    /// <summary>
    /// A channel that should have carried it has not confirmed (the process stopped before sending, or every attempt
    /// failed): it is handed again, only to such channels, which send it like a new message.
    /// </summary>
    Retry = 2,
}

/// <summary>An inbox message on its way to a person's chat channels, with the profile that says where they are.</summary>
/// <param name="Profile">Null when the message was delivered to an employee nobody has registered yet.</param>
public sealed record InboxPush(string EmployeeId, EmployeeProfile? Profile, InboxMessage Message, InboxPushReason Reason);

/// <summary>
/// A chat channel that carries inbox messages to people (WeCom, Teams, the web console). The employee grain hands
/// every stored message to each registered channel after its state write; a channel queues it and delivers in the
/// background, so a slow or failing channel never delays or fails the delivery into the inbox. A channel that
/// delivered records it through <see cref="IEmployeeGrain.MarkDelivered"/>.
/// </summary>
public interface IInboxPushChannel
{
    /// <summary>Queues the push without blocking; returns false when the channel dropped it (full or not for it).</summary>
    bool TryPush(InboxPush push);

    /// <summary>
    /// The channel name this channel will record through <see cref="IEmployeeGrain.MarkDelivered"/> once it carried
    /// <paramref name="push"/>, or null when it does not carry it (not for this person or kind, already carried) or
    /// never confirms (a live view such as the web console). The employee grain remembers, in the same state write as
    /// the message, which channels owe a confirmation, and hands the message to them again until they confirm, so a
    /// push queued in memory is not lost when the process stops.
    /// </summary>
    string? ConfirmingChannel(InboxPush push) => null;
}
