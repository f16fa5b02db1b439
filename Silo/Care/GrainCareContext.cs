using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Grains.Org;
using WealthActors.Tasks;

namespace WealthActors.Silo.Care;

/// <summary>The care rules grain, the employee grains' inboxes and the escalation targets' idea of a team lead.</summary>
internal sealed partial class GrainCareContext(IGrainFactory grains, EscalationTargets targets, ILogger<GrainCareContext> logger) : ICareContext
{
    public async Task<string?> CreateTask(string taskId, CreateTask command)
    {
        try
        {
            await grains.GetGrain<ITaskGrain>(taskId).Create(command, Actor.System("care"));
        }
        catch (EntityExistsException)
        {
            // Created by an earlier run of the same occurrence.
        }
        catch (DomainValidationException ex)
        {
            LogTaskNotCreated(logger, taskId, command.Owner, ex.Field);
            return null;
        }

        return taskId;
    }

    public Task<CareRules> Rules() => grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey).Get();

    public Task<bool> Deliver(string employeeId, InboxMessage message) => grains.GetGrain<IEmployeeGrain>(employeeId).Deliver(message);

    public async Task<string?> TeamLeadOf(string branchId, string advisorId) =>
        (await targets.Resolve(branchId, advisorId)).GetValueOrDefault(EmployeeRole.TeamLead);

    public Task<IReadOnlyList<WealthActors.Suitability.Recommendation>> SuitableProducts(string clientId, int limit) =>
        grains.GetGrain<WealthActors.Suitability.IProductCatalogGrain>(WealthActors.Suitability.IProductCatalogGrain.DefaultKey).SuitableFor(clientId, limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Care task {TaskId} for {Owner} not created ({Field} refused); the message goes out without it")]
    private static partial void LogTaskNotCreated(ILogger logger, string taskId, string owner, string field);
}
