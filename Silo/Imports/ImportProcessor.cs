using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using WealthActors.Imports;
using WealthActors.Silo.Apis.Upserts;

namespace WealthActors.Silo.Imports;

/// <summary>
/// Runs one recorded import over its workbook: a chunk of rows at a time, each row upserted as the importing caller,
/// and after each chunk its progress recorded in the import's grain. A run that starts on an import already part done
/// skips the rows recorded as done; rows of a chunk that was under way when the silo stopped are upserted again with
/// the same values, which writes nothing (the upserts skip a record that already holds them).
/// </summary>
internal sealed partial class ImportProcessor(
    IGrainFactory grains,
    IAuthorizationService authorization,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportProcessor> logger)
{
    public async Task<ImportStatus?> Run(string importId, string path, IProgress<ImportStatus>? progress, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IImportGrain>(importId);
        var status = await grain.GetStatus();
        var ticket = await grain.GetTicket();
        if (status is not { Status: ImportRunState.Running } || ticket is null)
        {
            return status;
        }

        var kind = ImportKind.Find(ticket.Kind);
        var principal = await ImportCaller.Principal(ticket, grains);
        if (kind is null || !(await authorization.AuthorizeAsync(principal, kind.Policy)).Succeeded)
        {
            return await Fail(grain, "The caller who started the import may no longer import these rows.");
        }

        var (sheet, error) = ImportSheet.Open(path, kind);
        if (sheet is null)
        {
            return await Fail(grain, error!);
        }

        LogResuming(logger, importId, kind.Name, status.LastRow);
        var firstRowOf = FirstRows(sheet, kind);
        var known = new KnownReferences();
        var chunk = new List<ImportRow>(options.Value.ChunkRows);
        foreach (var row in sheet.Rows())
        {
            if (row.Number <= status.LastRow)
            {
                continue;
            }

            chunk.Add(row);
            if (chunk.Count == options.Value.ChunkRows)
            {
                status = await RunChunk(grain, kind, chunk, principal, firstRowOf, known, cancellationToken);
                progress?.Report(status);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            status = await RunChunk(grain, kind, chunk, principal, firstRowOf, known, cancellationToken);
            progress?.Report(status);
        }

        await grain.Finish(ImportRunState.Completed);
        status = await grain.GetStatus();
        progress?.Report(status!);
        return status;
    }

    private static async Task<ImportStatus?> Fail(IImportGrain grain, string reason)
    {
        await grain.Finish(ImportRunState.Failed, reason);
        return await grain.GetStatus();
    }

    /// <summary>The first row of the file for each record: a later row for the same record is a duplicate, refused whole.</summary>
    private static Dictionary<string, int> FirstRows(ImportSheet sheet, ImportKind kind)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows())
        {
            if (kind.KeyOf(row) is { } key)
            {
                first.TryAdd(key, row.Number);
            }
        }

        return first;
    }

    private async Task<ImportStatus> RunChunk(
        IImportGrain grain, ImportKind kind, List<ImportRow> rows, ClaimsPrincipal principal, Dictionary<string, int> firstRowOf,
        KnownReferences known, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var reasons = new string?[rows.Count];

        // Each row gets its own request context: the access checks cache lookups in it, and that cache is not shared across threads.
        async ValueTask One(int i, CancellationToken _)
        {
            var row = rows[i];
            reasons[i] = kind.KeyOf(row) is { } key && firstRowOf[key] != row.Number
                ? $"{kind.Columns[0].Field}: '{key}' is already on row {firstRowOf[key]} of this file; only that row is imported."
                : await kind.Apply(row, new DefaultHttpContext { User = principal }, grains, today, known);
        }

        var parallelism = kind.InOrder ? 1 : options.Value.Concurrency;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, One);
        var errors = rows.Select((row, i) => reasons[i] is { } reason ? new ImportRowError(row.Number, row.Cells, reason) : null)
            .OfType<ImportRowError>()
            .ToList();
        await grain.RecordChunk(rows[^1].Number, rows.Count, errors.Count, errors);
        return (await grain.GetStatus())!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of {Kind}: running from after row {LastRow}")]
    private static partial void LogResuming(ILogger logger, string importId, string kind, int lastRow);
}
