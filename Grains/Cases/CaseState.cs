using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Cases;

/// <summary>
/// What every case on the SLA engine keeps (a task, a service request): its client, its assignee, the policy snapshot
/// and clock, what fired, who holds each role, its timeline and the outbox of messages recorded with the change that
/// caused them. A kind of case derives from it and adds its own members (numbered in their own id space).
/// </summary>
[GenerateSerializer, Alias("WealthActors.CaseState")]
public abstract class CaseState : ISlaCase
{
    [Id(0)] public bool Opened { get; set; }
    [Id(1)] public string ClientId { get; set; } = "";
    [Id(2)] public string ClientName { get; set; } = "";
    [Id(3)] public string BranchId { get; set; } = "";

    /// <summary>The one the case is with: a task's owner, a service request's assignee.</summary>
    [Id(4)] public string? Assignee { get; set; }
    [Id(5)] public string Category { get; set; } = "";
    [Id(6)] public string OpenedBy { get; set; } = "";
    [Id(7)] public SlaPolicy Policy { get; set; } = null!;
    [Id(8)] public SlaClock Clock { get; set; } = null!;

    /// <summary>Names of the SLA events fired in this <see cref="Round"/> (<see cref="SlaEvent.Name"/>).</summary>
    [Id(9)] public HashSet<string> Fired { get; set; } = [];
    [Id(10)] public int FiredLevel { get; set; }
    [Id(11)] public Dictionary<int, DateTimeOffset> LevelFiredAt { get; set; } = [];
    [Id(12)] public Dictionary<EmployeeRole, string> Targets { get; set; } = [];
    [Id(13)] public List<TimelineEntry> Timeline { get; set; } = [];
    [Id(14)] public List<OutboxEntry> Outbox { get; set; } = [];

    /// <summary>The deadline the durable reminder is registered for; null when none is registered.</summary>
    [Id(15)] public DateTimeOffset? ArmedDeadline { get; set; }
    [Id(16)] public long Revision { get; set; }
    [Id(17)] public DateTimeOffset? BreachedAt { get; set; }

    /// <summary>
    /// How many times the SLA started afresh (a snoozed task does); part of every message key, so a new round's
    /// reminders are delivered while a retry within a round is still dropped as a duplicate.
    /// </summary>
    [Id(18)] public int Round { get; set; }

    /// <summary>Messages owed to the client not yet handed to their client-update grain (CaseGrain.ClientUpdates.cs); null: none.</summary>
    [Id(19)] public List<WealthActors.Notifications.ClientUpdateRequest>? ClientUpdates { get; set; }

    /// <summary>The key of the last message owed to the client, which the next one waits for; null: none yet.</summary>
    [Id(20)] public string? LastClientUpdateKey { get; set; }

    int? ISlaCase.KeyRound => Round;
}
