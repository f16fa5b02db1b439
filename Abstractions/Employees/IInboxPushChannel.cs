namespace WealthActors.Employees;

/// <summary>Why a message is pushed: it was just delivered, or it changed (it reached one more channel).</summary>
public enum InboxPushReason
{
    Delivered = 0,
    Updated = 1,
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
}
