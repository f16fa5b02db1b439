namespace WealthActors.Imports;

/// <summary>
/// The durable progress of one Excel import (key: the import id). The silo that processes the upload records each
/// chunk of rows here once it is done, so a silo that stops mid-import resumes after the last recorded row instead of
/// starting over; rows re-done after a crash between a chunk's upserts and its record are upserts of the same values,
/// which change nothing.
/// </summary>
[Alias("WealthActors.IImportGrain")]
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>Records a new import; a second call for the same import keeps the first (a retried upload).</summary>
    [Alias("Begin")]
    Task<ImportStatus> Begin(ImportTicket ticket);

    /// <summary>Null for an import that was never begun.</summary>
    [Alias("GetStatus"), ReadOnly]
    Task<ImportStatus?> GetStatus();

    /// <summary>Who started it, to resume acting as them.</summary>
    [Alias("GetTicket"), ReadOnly]
    Task<ImportTicket?> GetTicket();

    /// <summary>Rows up to and including <paramref name="lastRow"/> are done; <paramref name="errors"/> are the chunk's rejected rows.</summary>
    [Alias("RecordChunk")]
    Task RecordChunk(int lastRow, int processed, int failed, IReadOnlyList<ImportRowError> errors);

    [Alias("Finish")]
    Task Finish(ImportRunState status, string? reason = null);

    /// <summary>The rejected rows kept (at most <see cref="ImportLimits.KeptErrors"/>), in row order.</summary>
    [Alias("GetErrors"), ReadOnly]
    Task<IReadOnlyList<ImportRowError>> GetErrors();
}

public static class ImportLimits
{
    /// <summary>Rejected rows kept for the error workbook; the count of failures goes on past it.</summary>
    public const int KeptErrors = 10_000;
}

[GenerateSerializer, Alias("WealthActors.ImportRunState")]
public enum ImportRunState
{
    Running = 0,
    Completed = 1,
    Failed = 2,
}

/// <param name="Kind">clients, holdings, employees or branches.</param>
/// <param name="EmployeeId">The person who uploaded it, or null for a system.</param>
/// <param name="KeyName">The API key (or command-line operator) that uploaded it, for a system.</param>
/// <param name="Roles">The caller's roles at upload, for a system; a person's are read from their employee record again.</param>
/// <param name="Door">How the caller came in (the audit trail's door).</param>
/// <param name="Total">Data rows in the workbook.</param>
/// <param name="Digest">SHA-256 of the uploaded file.</param>
/// <param name="Columns">The fields of the sheet's columns in its order, which a rejected row's cells follow.</param>
[GenerateSerializer, Immutable, Alias("WealthActors.ImportTicket")]
public sealed record ImportTicket(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? EmployeeId,
    [property: Id(2)] string? KeyName,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] string? Door,
    [property: Id(5)] int Total,
    [property: Id(6)] string Digest,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] IReadOnlyList<string> Columns);

[GenerateSerializer, Immutable, Alias("WealthActors.ImportStatus")]
public sealed record ImportStatus(
    [property: Id(0)] string Kind,
    [property: Id(1)] ImportRunState Status,
    [property: Id(2)] int Total,
    [property: Id(3)] int Processed,
    [property: Id(4)] int Failed,
    [property: Id(5)] int LastRow,
    [property: Id(6)] string? Reason = null);

/// <summary>A rejected row: its number in the sheet (the header is row 1), its cells as read, and why.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ImportRowError")]
public sealed record ImportRowError(
    [property: Id(0)] int Row,
    [property: Id(1)] IReadOnlyList<string?> Cells,
    [property: Id(2)] string Reason);
