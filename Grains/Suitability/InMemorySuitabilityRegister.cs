using System.Collections.Concurrent;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>The register in this process's memory: the memory storage mode and tests.</summary>
public sealed class InMemorySuitabilityRegister : ISuitabilityRegister
{
    private readonly ConcurrentDictionary<string, SuitabilityRegisterEntry> _entries = new(StringComparer.Ordinal);

    public Task Record(SuitabilityRegisterEntry entry, CancellationToken cancellationToken = default)
    {
        _entries[entry.Key] = entry;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SuitabilityRegisterEntry>> List(SuitabilityRegisterFilter filter, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SuitabilityRegisterEntry> list = _entries.Values
            .Where(e => filter.Kind is not { } kind || e.Kind == kind)
            .Where(e => filter.BranchId is null || e.BranchId == filter.BranchId)
            .Where(e => filter.ClientId is null || e.ClientId == filter.ClientId)
            .Where(e => filter.From is not { } from || e.At >= from)
            .Where(e => filter.To is not { } to || e.At < to)
            .OrderByDescending(e => e.At).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(filter.Limit)
            .ToArray();
        return Task.FromResult(list);
    }
}
