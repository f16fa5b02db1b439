using WealthActors.Grains.Audit;
using WealthActors.Silo.Storage.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>What verifying the whole trail found: one report per chain (in id order), including chains only the digest names.</summary>
public sealed record AuditTrailReport(IReadOnlyList<AuditChainReport> Chains)
{
    public bool Ok => Chains.All(c => c.Ok);

    public long Verified => Chains.Sum(c => c.Verified);
}

/// <summary>
/// Walks every chain the database holds through <see cref="AuditChainVerifier"/>, and with a digest also every chain the
/// digest names, each against the head the digest kept for it.
/// </summary>
internal sealed class AuditVerification(IAuditStore store)
{
    public async Task<AuditTrailReport> VerifyAsync(IReadOnlyList<AuditChainHead>? digest = null, CancellationToken cancellationToken = default)
    {
        var expected = (digest ?? []).ToDictionary(head => head.ChainId, StringComparer.Ordinal);
        var chains = (await store.ChainIdsAsync(cancellationToken)).Union(expected.Keys).Order(StringComparer.Ordinal).ToList();
        var reports = new List<AuditChainReport>(chains.Count);
        foreach (var chainId in chains)
        {
            var verifier = new AuditChainVerifier(chainId, expected.GetValueOrDefault(chainId));
            await foreach (var entry in store.ReadChainAsync(chainId, cancellationToken))
            {
                if (!verifier.Add(entry))
                {
                    break;
                }
            }

            reports.Add(verifier.Finish());
        }

        return new AuditTrailReport(reports);
    }
}
