using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Grains.Org;

namespace WealthActors.Silo.Care;

/// <summary>The care rules grain, the employee grains' inboxes and the escalation targets' idea of a team lead.</summary>
internal sealed class GrainCareContext(IGrainFactory grains, EscalationTargets targets) : ICareContext
{
    public Task<CareRules> Rules() => grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey).Get();

    public Task<bool> Deliver(string employeeId, InboxMessage message) => grains.GetGrain<IEmployeeGrain>(employeeId).Deliver(message);

    public async Task<string?> TeamLeadOf(string branchId, string advisorId) =>
        (await targets.Resolve(branchId, advisorId)).GetValueOrDefault(EmployeeRole.TeamLead);

    public Task<IReadOnlyList<WealthActors.Suitability.Recommendation>> SuitableProducts(string clientId, int limit) =>
        grains.GetGrain<WealthActors.Suitability.IProductCatalogGrain>(WealthActors.Suitability.IProductCatalogGrain.DefaultKey).SuitableFor(clientId, limit);
}
