using WealthActors.Grains.Cases;
using WealthActors.Sla;
using WealthActors.Tasks;

namespace WealthActors.Grains.Tasks;

[GenerateSerializer, Alias("WealthActors.TaskState")]
public sealed class TaskState : CaseState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public WorkItemStatus Status { get; set; }
    [Id(2)] public DateTimeOffset Due { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The catalog's policy as the task was created under it; <see cref="CaseState.Policy"/> is it read against the due date.</summary>
    [Id(4)] public SlaPolicy CatalogPolicy { get; set; } = null!;
    [Id(5)] public string? Outcome { get; set; }
    [Id(6)] public DateTimeOffset? SnoozedUntil { get; set; }
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The title in English when the one raising the task wrote both (care rules do); null otherwise.</summary>
    [Id(8)] public string? EnglishTitle { get; set; }
}
