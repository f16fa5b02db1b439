using WealthActors.Branches;

namespace WealthActors.Silo.Apis.Upserts;

/// <summary>Creating or replacing a branch: the checks and grain calls of <c>PUT /api/branches/{branchId}</c>, shared with the Excel import.</summary>
internal static class BranchUpsert
{
    /// <param name="skipUnchanged">Leave a branch whose stored profile already equals the request untouched.</param>
    public static async Task<UpsertOutcome<BranchProfile>> Apply(
        string branchId, UpsertBranchRequest body, HttpContext http, IGrainFactory grains, bool skipUnchanged = false)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId")
            .Name(body.Name, "name", 100)
            .Id(body.HeadEmployeeId, "headEmployeeId")
            .Id(body.ParentBranchId, "parentBranchId", required: false)
            .Id(body.CalendarId, "calendarId", required: false);
        if (v.IsValid)
        {
            await v.BranchReferences(grains, branchId, body.HeadEmployeeId!, body.ParentBranchId);
        }

        if (!v.IsValid)
        {
            return UpsertOutcome<BranchProfile>.Refused(v);
        }

        var branch = grains.GetGrain<IBranchGrain>(branchId);
        var profile = new BranchProfile(body.Name!.Trim(), body.HeadEmployeeId!, body.ParentBranchId, body.CalendarId);
        if (skipUnchanged && await branch.GetProfile() == profile)
        {
            return new UpsertOutcome<BranchProfile>(v, profile, Changed: false);
        }

        return new UpsertOutcome<BranchProfile>(v, await branch.Upsert(profile, ApiActor.Caller(http)), Changed: true);
    }
}
