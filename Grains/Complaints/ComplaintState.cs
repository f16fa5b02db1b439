using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.Grains.Cases;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Sla;
using WealthActors.ReadModel;
using WealthActors.Sla;

namespace WealthActors.Grains.Complaints;

[GenerateSerializer, Alias("WealthActors.ComplaintState")]
public sealed class ComplaintState : IProjectedState, IDeskCase
{
    /// <inheritdoc />
    [field: NonSerialized]
    public IReadModelRow? PendingProjection { get; set; }

    [Id(0)] public bool Opened { get; set; }
    [Id(1)] public string ClientId { get; set; } = "";
    [Id(2)] public string ClientName { get; set; } = "";
    [Id(3)] public string BranchId { get; set; } = "";
    [Id(4)] public string Category { get; set; } = "";
    [Id(5)] public Severity Severity { get; set; }
    [Id(6)] public string Channel { get; set; } = "";
    [Id(7)] public string Description { get; set; } = "";
    [Id(8)] public string OpenedBy { get; set; } = "";
    [Id(9)] public ComplaintStatus Status { get; set; }

    /// <summary>The status to return to when a pause ends.</summary>
    [Id(10)] public ComplaintStatus StatusBeforePause { get; set; }
    [Id(11)] public string? Assignee { get; set; }
    [Id(12)] public bool Vip { get; set; }
    [Id(13)] public ClientTier Tier { get; set; }

    /// <summary>The policy snapshot this case runs under; kept unless re-evaluated on a severity change.</summary>
    [Id(14)] public SlaPolicy Policy { get; set; } = null!;

    /// <summary>True when the caller named the policy: a severity change then keeps it.</summary>
    [Id(15)] public bool PolicyPinned { get; set; }
    [Id(16)] public SlaClock Clock { get; set; } = null!;

    /// <summary>Names of the SLA events already fired (<see cref="SlaEvent.Name"/>).</summary>
    [Id(17)] public HashSet<string> Fired { get; set; } = [];

    /// <summary>The highest escalation level fired; levels only rise.</summary>
    [Id(18)] public int FiredLevel { get; set; }
    [Id(19)] public Dictionary<int, DateTimeOffset> LevelFiredAt { get; set; } = [];

    /// <summary>Who holds each role for this case, resolved from the org chart at open and on reassignment.</summary>
    [Id(20)] public Dictionary<EmployeeRole, string> Targets { get; set; } = [];

    /// <summary>
    /// Recent events, oldest first: the last <c>TimelineLimit</c> or so; older ones are in the read model's timeline
    /// history (<see cref="TimelineArchived"/>). Never trimmed of an event the history does not hold yet.
    /// </summary>
    [Id(21)] public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>Messages recorded with the state change that caused them and not yet confirmed delivered.</summary>
    [Id(22)] public List<OutboxEntry> Outbox { get; set; } = [];

    /// <summary>The deadline the durable reminder is registered for; null when none is registered.</summary>
    [Id(23)] public DateTimeOffset? ArmedDeadline { get; set; }
    [Id(24)] public long Revision { get; set; }

    /// <summary>The newest version of its business calendar the case was told of; a silo holding an older one fetches it.</summary>
    [Id(25)] public int CalendarVersion { get; set; }

    /// <summary>The deadline of the first breach (first response, resolution or regulatory), for digests and reports.</summary>
    [Id(26)] public DateTimeOffset? BreachedAt { get; set; }

    /// <summary>The business calendar <see cref="CalendarVersion"/> is a version of (null on a calendar clock, and in cases stored before it was kept).</summary>
    [Id(27)] public string? CountedCalendarId { get; set; }

    /// <summary>The sequence number of <see cref="Timeline"/>'s first entry (events are numbered from 0 at opening).</summary>
    [Id(28)] public long TimelineStart { get; set; }

    /// <summary>Events numbered below this are in the read model's timeline history (some may still be in state too).</summary>
    [Id(29)] public long TimelineArchived { get; set; }

    /// <summary>Messages owed to the client not yet handed to their client-update grain (CaseGrain.ClientUpdates.cs); null: none.</summary>
    [Id(60)] public List<WealthActors.Notifications.ClientUpdateRequest>? ClientUpdates { get; set; }

    /// <summary>The key of the last message owed to the client, which the next one waits for; null: none yet.</summary>
    [Id(61)] public string? LastClientUpdateKey { get; set; }

    /// <summary>A complaint's SLA never starts afresh, and its message keys were stored without a round.</summary>
    int? ISlaCase.KeyRound => null;

    // The same names and values (DeskStatus).
    DeskStatus IDeskCase.Status { get => (DeskStatus)Status; set => Status = (ComplaintStatus)value; }

    DeskStatus IDeskCase.StatusBeforePause { get => (DeskStatus)StatusBeforePause; set => StatusBeforePause = (ComplaintStatus)value; }
}

[GenerateSerializer, Immutable, Alias("WealthActors.OutboxEntry")]
public sealed record OutboxEntry(
    [property: Id(0)] string EmployeeId,
    [property: Id(1)] InboxMessage Message);
