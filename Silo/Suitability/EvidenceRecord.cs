namespace WealthActors.Silo.Suitability;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EvidenceKind>))]
public enum EvidenceKind { SignedWarning, Recording, SignedForm }

/// <summary>
/// One stored piece of evidence: a 双录 recording or a signed form, with the SHA-256 of its bytes as received.
/// <see cref="StoredPath"/> is relative to the evidence folder.
/// </summary>
public sealed record EvidenceRecord(
    string EvidenceId,
    EvidenceKind Kind,
    string ClientId,
    string? SubscriptionId,
    string FileName,
    string ContentType,
    long SizeBytes,
    string Sha256,
    string StoredPath,
    DateTimeOffset StoredAt,
    DateTimeOffset RetainUntil,
    string UploadedBy);

/// <summary>Where evidence records are indexed: the silo's database (memory in the memory mode). Append-only.</summary>
public interface IEvidenceIndex
{
    Task Add(EvidenceRecord record, CancellationToken cancellationToken = default);

    Task<EvidenceRecord?> Get(string evidenceId, CancellationToken cancellationToken = default);

    /// <summary>Every record, oldest first (the verify command walks them all).</summary>
    IAsyncEnumerable<EvidenceRecord> All(CancellationToken cancellationToken = default);
}
