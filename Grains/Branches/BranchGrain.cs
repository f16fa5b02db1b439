using Microsoft.Extensions.Logging;
using WealthActors.Branches;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Branches;

public sealed partial class BranchGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<BranchState> state,
    IReadModelWriter readModel,
    TimeProvider clock,
    ILogger<BranchGrain> logger) : Grain, IBranchGrain
{
    private string BranchId => this.GetPrimaryKeyString();

    public async Task<BranchProfile> Upsert(BranchProfile profile, Actor actor)
    {
        if (string.Equals(profile.ParentBranchId, BranchId, StringComparison.Ordinal))
        {
            throw new DomainValidationException("parentBranchId", "A branch cannot be its own parent.");
        }

        state.State.Profile = profile;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state may now differ from storage: start over from storage on the next call.
            DeactivateOnIdle();
            throw;
        }

        await Project(profile);
        return profile;
    }

    public Task<BranchProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<DateOnly?> GetLastDigestDate() => Task.FromResult(state.State.LastDigestDate);

    public async Task RecordDigest(DateOnly localDate)
    {
        // Dates only move forward: a slow run for yesterday must not reopen today.
        if (state.State.LastDigestDate is { } last && last >= localDate)
        {
            return;
        }

        state.State.LastDigestDate = localDate;
        await state.WriteStateAsync();
    }

    private async Task Project(BranchProfile profile)
    {
        try
        {
            await readModel.UpsertBranch(new BranchRow(
                BranchId, profile.Name, profile.HeadEmployeeId, profile.ParentBranchId, profile.CalendarId, clock.GetUtcNow()));
        }
        catch (Exception ex)
        {
            // The grain is the source of truth; the next upsert publishes again.
            LogProjectionFailed(logger, ex, BranchId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Branch {BranchId}: read-model projection failed")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string branchId);
}
