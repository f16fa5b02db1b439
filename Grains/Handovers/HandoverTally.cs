using WealthActors.Handovers;

namespace WealthActors.Grains.Handovers;

/// <summary>
/// What the steps of one client found, and how a batch of them adds to a handover's progress. Pure: the grain runs the
/// steps, this counts them. A batch repeated after a restart counts again from the progress stored before it, so every
/// client is counted once whatever its steps found the second time (a client already moved counts as moved).
/// </summary>
public sealed record ClientStepResult(string ClientId, ClientHandoverOutcome Outcome, int ComplaintsMoved, int TasksMoved = 0, int RequestsMoved = 0)
{
    public const int KeptSkippedIds = 100;

    public static void Add(HandoverState state, IReadOnlyList<ClientStepResult> batch)
    {
        foreach (var result in batch)
        {
            if (result.Outcome == ClientHandoverOutcome.NotTheirs)
            {
                state.Skipped++;
                if (state.SkippedClientIds.Count < KeptSkippedIds)
                {
                    state.SkippedClientIds.Add(result.ClientId);
                }
            }
            else
            {
                state.Moved++;
                state.ComplaintsMoved += result.ComplaintsMoved;
                state.TasksMoved += result.TasksMoved;
                state.RequestsMoved += result.RequestsMoved;
            }
        }

        state.Next += batch.Count;
    }
}
