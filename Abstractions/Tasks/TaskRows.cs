namespace WealthActors.Tasks;

/// <summary>A task as the read model lists it.</summary>
public sealed record TaskRow(
    string TaskId,
    string ClientId,
    string BranchId,
    string Owner,
    string Title,
    string Kind,
    WorkItemStatus Status,
    DateTimeOffset Due,
    bool Overdue,
    int EscalationLevel,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Tasks found by something other than their id.</summary>
public interface ITaskQueries
{
    /// <summary>The tasks of <paramref name="owner"/>, in <paramref name="status"/> (null: any), soonest due first.</summary>
    Task<IReadOnlyList<TaskRow>> ListTasks(string owner, WorkItemStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>The tasks of <paramref name="clientId"/> still to do (Open or Snoozed), whoever owns them, soonest due first.</summary>
    Task<IReadOnlyList<TaskRow>> OpenTasksOfClient(string clientId, int limit, CancellationToken cancellationToken = default);
}
