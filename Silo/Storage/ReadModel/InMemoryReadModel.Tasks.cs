using WealthActors.Grains.Tasks;
using WealthActors.Tasks;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class InMemoryReadModel : ITaskReadModelWriter, ITaskQueries
{
    private readonly Dictionary<string, TaskRow> _tasks = new(StringComparer.Ordinal);

    public Task UpsertTask(TaskRow row, CancellationToken cancellationToken = default)
    {
        var normalized = row with
        {
            Due = row.Due.ToUniversalTime(),
            CreatedAt = row.CreatedAt.ToUniversalTime(),
            UpdatedAt = row.UpdatedAt.ToUniversalTime(),
        };
        lock (_lock)
        {
            // As in SQL: an older projection never replaces a newer one.
            if (!_tasks.TryGetValue(row.TaskId, out var stored) || normalized.UpdatedAt >= stored.UpdatedAt)
            {
                _tasks[row.TaskId] = normalized;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaskRow>> ListTasks(string owner, WorkItemStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<TaskRow> rows = _tasks.Values
                .Where(t => t.Owner == owner && (status is null || t.Status == status))
                .OrderBy(t => t.Due)
                .ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .ToArray();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<TaskRow>> OpenTasksOfClient(string clientId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<TaskRow> rows = _tasks.Values
                .Where(t => t.ClientId == clientId && t.Status is WorkItemStatus.Open or WorkItemStatus.Snoozed)
                .OrderBy(t => t.Due)
                .ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .ToArray();
            return Task.FromResult(rows);
        }
    }
}
