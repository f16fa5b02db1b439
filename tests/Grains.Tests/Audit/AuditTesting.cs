using WealthActors.Audit;
using WealthActors.Grains.Audit;

namespace WealthActors.Grains.Tests.Audit;

/// <summary>Chains built the way the writer builds them, for the verifier to check and the tests to tamper with.</summary>
internal static class AuditTesting
{
    public const string ChainId = "20261102T010000Z-test-0123456789abcdef";

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public static AuditRecord Record(int i) => new(
        AuditChannels.Http, "complaint.acknowledge", "200", EmployeeId: $"E{i % 7}", KeyName: "core", Door: "api-key",
        ClientAddress: "127.0.0.1", TargetType: "complaint", TargetId: $"CMP-20261102-{i:D10}", Digest: AuditDigests.Of($"body {i}"));

    /// <summary><paramref name="count"/> entries of one chain, each algorithm in turn from <paramref name="algorithms"/>.</summary>
    public static List<AuditEntry> Chain(int count, params string[] algorithms)
    {
        if (algorithms.Length == 0)
        {
            algorithms = [AuditHashAlgorithms.Sha256];
        }

        var head = AuditChainHead.Genesis(ChainId);
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var entry = AuditChain.Seal(head, Record(i), Start.AddMilliseconds(i * 1.5), algorithms[i % algorithms.Length]);
            entries.Add(entry);
            head = entry.Head;
        }

        return entries;
    }

    /// <summary>Entries from <paramref name="from"/> on sealed again after a change, as someone covering an edit would.</summary>
    public static List<AuditEntry> Reseal(IReadOnlyList<AuditEntry> entries, int from)
    {
        var result = entries.Take(from).ToList();
        var head = from == 0 ? AuditChainHead.Genesis(ChainId) : result[^1].Head;
        foreach (var entry in entries.Skip(from))
        {
            var sealedAgain = AuditChain.Seal(head, entry.Record, entry.At, entry.Algorithm) with { Sequence = entry.Sequence };
            sealedAgain = sealedAgain with { Hash = AuditChain.ComputeHash(sealedAgain) };
            result.Add(sealedAgain);
            head = sealedAgain.Head;
        }

        return result;
    }

    public static AuditChainReport Verify(IEnumerable<AuditEntry> entries, AuditChainHead? head = null) =>
        AuditChainVerifier.Verify(ChainId, entries, head);
}
