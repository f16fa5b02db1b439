using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WealthActors.Audit;
using WealthActors.Grains.Audit;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Testing.Contracts;

/// <summary>Chains written through the product's own writer, as a silo process run writes its chain.</summary>
internal static class AuditTestChains
{
    public static AuditChainWriter Writer(IAuditStore store, string algorithm = AuditHashAlgorithms.Sha256) =>
        new(store, TimeProvider.System, Options.Create(new AuditOptions { HashAlgorithm = algorithm }), NullLogger<AuditChainWriter>.Instance);

    /// <summary>A chain of <paramref name="count"/> entries, written by concurrent callers so that they share batches.</summary>
    public static async Task<string> Write(IAuditStore store, int count, string algorithm = AuditHashAlgorithms.Sha256)
    {
        var writer = Writer(store, algorithm);
        await Task.WhenAll(Enumerable.Range(1, count).Select(i => writer.AppendAsync(new AuditRecord(
            AuditChannels.Http, "complaint.acknowledge", "200", KeyName: "core", Door: "api-key", ClientAddress: "127.0.0.1",
            TargetType: "complaint", TargetId: $"CMP-{i}", Digest: AuditDigests.Of($"body {i}")))));
        return writer.Chain.ChainId;
    }
}
