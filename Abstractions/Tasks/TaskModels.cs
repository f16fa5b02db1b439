using WealthActors.Complaints;

namespace WealthActors.Tasks;

/// <summary>
/// Where a task stands. Open and Snoozed are still to do (a snoozed task is due again at the end of its snooze); Done
/// and Cancelled are final.
/// </summary>
[GenerateSerializer, Alias("WealthActors.WorkItemStatus")]
public enum WorkItemStatus { Open = 0, Done = 1, Snoozed = 2, Cancelled = 3 }

/// <summary>
/// A new task. <paramref name="Kind"/> selects its SLA policy (a policy of kind Task whose categories name it; the
/// catch-all otherwise); <paramref name="Due"/> null takes the policy's resolution target from now. <paramref name="Source"/>
/// says what raised it (a person, a care rule, an outflow alert), for the timeline. <paramref name="Announce"/> false
/// when the one raising it tells the owner itself (a care rule's or an outflow alert's own message, which names the
/// task); <paramref name="Client"/> carries the client's facts when the client itself raises the task, so the task
/// does not call back into it.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.CreateTask")]
public sealed record CreateTask(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset? Due,
    [property: Id(3)] string Owner,
    [property: Id(4)] string Kind = TaskKinds.FollowUp,
    [property: Id(5)] string? PolicyId = null,
    [property: Id(6)] string? Source = null,
    [property: Id(7)] string? EnglishTitle = null,
    [property: Id(8)] bool Announce = true,
    [property: Id(9)] TaskClient? Client = null);

/// <summary>What a task needs to know of its client, as the client grain knows it.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.TaskClient")]
public sealed record TaskClient(
    [property: Id(0)] string Name,
    [property: Id(1)] string BranchId,
    [property: Id(2)] bool Vip,
    [property: Id(3)] ClientTier Tier);

/// <summary>The kinds of task the product raises itself; any other name is allowed and matched like these.</summary>
public static class TaskKinds
{
    public const string FollowUp = "FollowUp";
    public const string Care = "Care";
    public const string Outflow = "Outflow";
    public const string Onboarding = "Onboarding";
    public const string ReturnVisit = "ReturnVisit";
}

[GenerateSerializer, Immutable, Alias("WealthActors.TaskView")]
public sealed record TaskView(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Kind,
    [property: Id(5)] string Owner,
    [property: Id(6)] WorkItemStatus Status,
    [property: Id(7)] DateTimeOffset Due,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] bool Overdue,
    [property: Id(10)] int EscalationLevel,
    [property: Id(11)] string? Outcome,
    [property: Id(12)] DateTimeOffset? SnoozedUntil,
    [property: Id(13)] string PolicyId,
    [property: Id(14)] int PolicyVersion,
    [property: Id(15)] IReadOnlyList<TimelineEntry> Timeline);
