using Orleans.Core;
using WealthActors.ReadModel;

namespace WealthActors.Grains.ReadModel;

/// <summary>
/// A grain state that takes the read-model row describing it along to storage. Storage that keeps the read model in
/// the same database (PostgreSQL) commits the row in the state's own transaction and takes it off; the grain publishes
/// whatever is still pending once the write has succeeded. Either way the read model never shows a state that was not
/// stored, and on PostgreSQL a command costs one commit where it cost two, one after the other.
/// </summary>
public interface IProjectedState
{
    /// <summary>Set only while a write is in flight, and never stored: it has no serializer id.</summary>
    IReadModelRow? PendingProjection { get; set; }
}

public static class ProjectedStateExtensions
{
    /// <summary>
    /// Writes the state with <paramref name="row"/> pending on it. True when storage committed the row with the state;
    /// false when the caller still has to publish it. A failed write throws, and the row is not published.
    /// </summary>
    public static Task<bool> WriteStateWith<TState>(this IPersistentState<TState> state, IReadModelRow row)
        where TState : IProjectedState =>
        state.WriteStateWith(state.State, row);

    /// <summary>As above, for a caller that knows its state only as an <see cref="IProjectedState"/>.</summary>
    public static async Task<bool> WriteStateWith(this IStorage storage, IProjectedState state, IReadModelRow row)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(state);
        state.PendingProjection = row;
        try
        {
            await storage.WriteStateAsync();
            return state.PendingProjection is null;
        }
        finally
        {
            state.PendingProjection = null;
        }
    }
}
