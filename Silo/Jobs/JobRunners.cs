namespace WealthActors.Silo.Jobs;

/// <summary>The registered runners by name.</summary>
public sealed class JobRunners(IEnumerable<IWealthActorsJobRunner> runners)
{
    private readonly Dictionary<string, IWealthActorsJobRunner> _byName =
        runners.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public IWealthActorsJobRunner? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyCollection<string> Names => _byName.Keys;
}
