using WealthActors.Tasks;

namespace WealthActors.Grains.Tasks;

/// <summary>Where task grains publish their rows: an idempotent upsert by task id, the newer <see cref="TaskRow.UpdatedAt"/> winning.</summary>
public interface ITaskReadModelWriter
{
    Task UpsertTask(TaskRow row, CancellationToken cancellationToken = default);
}
