using Microsoft.Extensions.Options;
using WealthActors.Branches;

namespace WealthActors.Grains.Suitability;

/// <summary>Who hears of suitability matters for compliance: the configured officers, else the client's branch head.</summary>
public sealed class ComplianceRecipients(IGrainFactory grains, IOptions<SuitabilityOptions> options)
{
    public async Task<IReadOnlyList<string>> For(string branchId)
    {
        if (options.Value.ComplianceOfficers is { Count: > 0 } officers)
        {
            return officers;
        }

        return await grains.GetGrain<IBranchGrain>(branchId).GetProfile() is { HeadEmployeeId: { Length: > 0 } head } ? [head] : [];
    }
}
