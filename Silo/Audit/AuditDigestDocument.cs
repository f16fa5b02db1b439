using System.Text.Json;
using System.Text.Json.Serialization;
using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Audit;

/// <summary>
/// The heads of every chain at one moment, printed by <c>audit digest</c> to be kept outside the database (like a ledger
/// digest): <c>audit verify &lt;file&gt;</c> then checks that the database still holds each chain up to its head.
/// </summary>
public sealed record AuditDigestDocument(string Format, DateTimeOffset CreatedAt, IReadOnlyList<AuditDigestChain> Chains)
{
    public const string CurrentFormat = "wealthactors-audit-digest/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static AuditDigestDocument Of(DateTimeOffset createdAt, IEnumerable<AuditChainHead> heads) =>
        new(CurrentFormat, createdAt, [.. heads.Select(h => new AuditDigestChain(h.ChainId, h.Sequence, h.Hash, h.Algorithm, h.At))]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The heads a digest file holds; a file that is not one is refused with the reason.</summary>
    public static IReadOnlyList<AuditChainHead> ReadHeads(string json)
    {
        AuditDigestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<AuditDigestDocument>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a digest: {ex.Message}", ex);
        }

        if (document is null || document.Format != CurrentFormat || document.Chains is null)
        {
            throw new FormatException($"not a digest of format {CurrentFormat}.");
        }

        var bad = document.Chains.FirstOrDefault(c =>
            string.IsNullOrEmpty(c.ChainId) || c.LastSequence < 1 || string.IsNullOrEmpty(c.LastHash) || string.IsNullOrEmpty(c.Algorithm));
        if (bad is not null)
        {
            throw new FormatException($"its chain '{bad.ChainId}' lacks its id, last sequence, last hash or algorithm.");
        }

        return [.. document.Chains.Select(c => new AuditChainHead(c.ChainId, c.LastSequence, c.LastHash, c.Algorithm, c.At))];
    }
}

/// <summary>One chain's head in a digest.</summary>
/// <param name="At">When the head entry was recorded.</param>
public sealed record AuditDigestChain(string ChainId, long LastSequence, string LastHash, string Algorithm, DateTimeOffset At);
