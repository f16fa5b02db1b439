namespace WealthActors.Silo.Imports;

/// <summary>The <c>Imports</c> configuration section.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Imports";

    /// <summary>
    /// Where an uploaded workbook is kept until its import is done, so that a silo that stops mid-import finds it and
    /// resumes; relative to the content root unless rooted. Unset: the folder <c>imports</c> beside the embedded SQLite
    /// database, or <c>data/imports</c> under the content root on PostgreSQL.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The largest workbook taken (20 MB); a larger upload is refused with 413 before it is read.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// The most a workbook may unpack to, all its parts together (a zip bomb unpacks to far more than any real sheet).
    /// </summary>
    public long MaxUncompressedBytes { get; set; } = 400L * 1024 * 1024;

    /// <summary>Unpacked size over packed size above which a part counts as a zip bomb whatever its size (real sheets pack 5–20 times).</summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Rows upserted between two progress records: the most a silo that stops mid-import re-does.</summary>
    public int ChunkRows { get; set; } = 500;

    /// <summary>Rows of a chunk upserted at once; their grains are independent, and storage batches their writes.</summary>
    public int Concurrency { get; set; } = 32;
}
