using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class InMemoryReadModel
{
    private readonly Dictionary<(string ClientId, long Seq), InteractionRow> _interactions = [];

    /// <summary>As the SQL tables: a numbered interaction is kept once, at microsecond precision.</summary>
    private void AppendInteractions(string clientId, IReadOnlyList<InteractionRow> interactions)
    {
        foreach (var interaction in interactions)
        {
            var at = new DateTimeOffset(interaction.At.UtcTicks / 10 * 10, TimeSpan.Zero);
            _interactions.TryAdd((clientId, interaction.Seq), interaction with { At = at });
        }
    }

    public Task<IReadOnlyList<InteractionRow>> InteractionHistory(
        string clientId, InteractionCursor? before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<InteractionRow> rows = _interactions
                .Where(e => e.Key.ClientId == clientId && (before is null || before.Precedes(e.Value)))
                .Select(e => e.Value)
                .OrderByDescending(r => r.At)
                .ThenByDescending(r => r.Seq)
                .Take(ReadModelSemantics.ClampLimit(limit))
                .ToList();
            return Task.FromResult(rows);
        }
    }
}
