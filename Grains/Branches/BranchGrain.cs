using WealthActors.Branches;

namespace WealthActors.Grains.Branches;

public sealed class BranchGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<BranchState> state) : Grain, IBranchGrain
{
    public async Task<BranchProfile> Upsert(BranchProfile profile, Actor actor)
    {
        if (string.Equals(profile.ParentBranchId, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new DomainValidationException("parentBranchId", "A branch cannot be its own parent.");
        }

        state.State.Profile = profile;
        await state.WriteStateAsync();
        return profile;
    }

    public Task<BranchProfile?> GetProfile() => Task.FromResult(state.State.Profile);
}
