using WealthActors.Channels;
using WealthActors.Employees;

namespace WealthActors.Grains.Employees;

[GenerateSerializer, Alias("WealthActors.EmployeeState")]
public sealed class EmployeeState
{
    [Id(0)] public EmployeeProfile? Profile { get; set; }

    /// <summary>
    /// Recent messages, oldest first, bounded (<see cref="EmployeeGrain.RecentLimit"/>, more while chat channels owe
    /// confirmations); the full history lives in the read model.
    /// </summary>
    [Id(1)] public List<InboxMessage> Recent { get; set; } = [];

    /// <summary>Hashes of the keys delivered most recently, oldest first, bounded (see <see cref="DeliveryKeyWindow"/>).</summary>
    [Id(2)] public List<ulong> DeliveredKeys { get; set; } = [];

    /// <summary>The newest personal Teams chat with the person, for proactive messages; one at most.</summary>
    [Id(3)] public TeamsConversationReference? TeamsConversation { get; set; }

    /// <summary>Recent messages some chat channel still owes a confirmation for; a subset of <see cref="Recent"/>.</summary>
    [Id(4)] public List<PendingPush> PendingPushes { get; set; } = [];

    /// <summary>
    /// The employees whose profile names this one as manager: a team lead's team, which their access reaches. Kept by
    /// the reports themselves when their manager changes, so no one has to list all employees to find a team.
    /// </summary>
    [Id(5)] public HashSet<string> Reports { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A message handed to chat channels that have not yet confirmed carrying it (see <see cref="PushRetry"/>).</summary>
[GenerateSerializer, Alias("WealthActors.PendingPush")]
public sealed class PendingPush
{
    [Id(0)] public string MessageId { get; set; } = string.Empty;

    /// <summary>The channels (<c>wecom</c>, <c>teams</c>) that were handed the message and have not confirmed.</summary>
    [Id(1)] public List<string> Channels { get; set; } = [];

    /// <summary>Hand-overs so far, the first one included.</summary>
    [Id(2)] public int Attempts { get; set; }

    [Id(3)] public DateTimeOffset LastAttemptAt { get; set; }
}
