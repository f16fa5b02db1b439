using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Sla;
using WealthActors.Notifications;
using WealthActors.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// What the case machinery reads and writes on every kind of case's state. An interface, not a base class, because a
/// complaint's state was stored before tasks and service requests existed: its members keep their own serializer ids
/// (<see cref="ComplaintState"/>), while the newer kinds share <see cref="CaseState"/>'s.
/// </summary>
public interface ISlaCase
{
    bool Opened { get; }
    string ClientId { get; }
    string BranchId { get; }
    string? Assignee { get; set; }
    SlaPolicy Policy { get; }
    SlaClock Clock { get; set; }
    HashSet<string> Fired { get; }
    int FiredLevel { get; set; }
    Dictionary<int, DateTimeOffset> LevelFiredAt { get; }
    Dictionary<EmployeeRole, string> Targets { get; set; }
    List<TimelineEntry> Timeline { get; }
    List<OutboxEntry> Outbox { get; }
    DateTimeOffset? ArmedDeadline { get; set; }
    long Revision { get; set; }
    DateTimeOffset? BreachedAt { get; set; }

    /// <summary>Messages owed to the client not yet handed to their client-update grain; null: none.</summary>
    List<ClientUpdateRequest>? ClientUpdates { get; set; }

    /// <summary>The key of the last message owed to the client, which the next one waits for; null: none yet.</summary>
    string? LastClientUpdateKey { get; set; }

    /// <summary>
    /// The round of the SLA a message belongs to, part of its de-duplication key; null for a case whose SLA never
    /// starts afresh (a complaint), whose keys were stored without it.
    /// </summary>
    int? KeyRound { get; }
}
