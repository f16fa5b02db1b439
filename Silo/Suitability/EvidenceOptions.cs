namespace WealthActors.Silo.Suitability;

/// <summary>Configuration section <c>Evidence</c>: where recordings and signed forms are kept, how large, how long.</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>
    /// The evidence folder. Unset: <c>evidence</c> beside the SQLite database, or <c>data/evidence</c> under the content
    /// root on PostgreSQL. In cluster mode every silo must see the same folder (a shared mount), or a file uploaded
    /// through one silo is missing on the others.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The largest file accepted (a 双录 session of an hour in a compact format fits); larger ones are 413.</summary>
    public long MaxFileBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>How long evidence is kept at least; nothing deletes it before (and no route deletes it at all).</summary>
    public int RetentionYears { get; set; } = 20;
}
