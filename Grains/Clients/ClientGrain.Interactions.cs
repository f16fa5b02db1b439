using Microsoft.Extensions.Logging;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Clients;

public sealed partial class ClientGrain
{
    /// <summary>
    /// Brings the read model's interaction history up to date as the client wakes: interactions a crash left
    /// unpublished (SQLite publishes after the state write), and those of a client stored before the history existed,
    /// which are numbered in the order they happened. A failure here only leaves them for the next write.
    /// </summary>
    private async Task CatchUpInteractionHistory()
    {
        var s = state.State;
        if (s.Profile is null)
        {
            return;
        }

        if (s.InteractionCount == 0 && s.RecentInteractions.Count > 0)
        {
            s.UnpublishedInteractions = [.. s.RecentInteractions.Select((i, n) => new InteractionRow(n, i.Kind, i.At, i.EmployeeId, i.Note))];
            s.InteractionCount = s.RecentInteractions.Count;
        }

        if (s.UnpublishedInteractions is not { Count: > 0 })
        {
            return;
        }

        try
        {
            await SaveAndProject();
        }
        catch (Exception ex)
        {
            LogHistoryCatchUpFailed(logger, ex, ClientId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: publishing interactions to the history on activation failed; the next write retries")]
    private static partial void LogHistoryCatchUpFailed(ILogger logger, Exception exception, string clientId);
}
