using WealthActors.Imports;

namespace WealthActors.Grains.Imports;

public sealed class ImportGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ImportState> state) : Grain, IImportGrain
{
    public async Task<ImportStatus> Begin(ImportTicket ticket)
    {
        if (state.State.Ticket is null)
        {
            state.State.Ticket = ticket;
            state.State.Status = ImportRunState.Running;
            await state.WriteStateAsync();
        }

        return Status()!;
    }

    public Task<ImportStatus?> GetStatus() => Task.FromResult(Status());

    public Task<ImportTicket?> GetTicket() => Task.FromResult(state.State.Ticket);

    public async Task RecordChunk(int lastRow, int processed, int failed, IReadOnlyList<ImportRowError> errors)
    {
        // A chunk recorded twice (a retried call) or out of order must not count its rows again.
        if (state.State.Ticket is null || state.State.Status != ImportRunState.Running || lastRow <= state.State.LastRow)
        {
            return;
        }

        state.State.LastRow = lastRow;
        state.State.Processed += processed;
        state.State.Failed += failed;
        state.State.Errors.AddRange(errors.Take(ImportLimits.KeptErrors - state.State.Errors.Count));
        await state.WriteStateAsync();
    }

    public async Task Finish(ImportRunState status, string? reason = null)
    {
        if (state.State.Ticket is null || state.State.Status != ImportRunState.Running)
        {
            return;
        }

        state.State.Status = status;
        state.State.Reason = reason;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ImportRowError>> GetErrors() => Task.FromResult<IReadOnlyList<ImportRowError>>(state.State.Errors);

    private ImportStatus? Status() => state.State.Ticket is { } t
        ? new ImportStatus(t.Kind, state.State.Status, t.Total, state.State.Processed, state.State.Failed, state.State.LastRow, state.State.Reason)
        : null;
}
