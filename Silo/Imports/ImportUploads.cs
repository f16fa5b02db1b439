using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WealthActors.Imports;
using WealthActors.Silo.Apis;

namespace WealthActors.Silo.Imports;

/// <summary>
/// Takes an uploaded workbook in: stores it in the import folder, refuses it whole when it is not a clean .xlsx of the
/// kind (nothing imported), and otherwise records the import as begun, ready for <see cref="ImportProcessor"/>.
/// </summary>
internal sealed class ImportUploads(ImportFolder folder, IGrainFactory grains, IOptions<ImportOptions> options, TimeProvider clock)
{
    public long MaxFileBytes => options.Value.MaxFileBytes;

    /// <summary>The new import's id, or the refusal (field <c>file</c>) and the status to answer it with.</summary>
    public async Task<(string? ImportId, int Status, string? Problem)> Accept(
        Stream content, string fileName, ImportKind kind, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, $"'{fileName}' is not an .xlsx workbook.");
        }

        var importId = Guid.NewGuid().ToString("N");
        var staged = folder.Staged(importId);
        var accepted = false;
        try
        {
            string digest;
            await using (var file = File.Create(staged))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > MaxFileBytes)
                    {
                        return (null, StatusCodes.Status413PayloadTooLarge, TooLarge());
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                digest = Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            if (WorkbookChecks.Problem(staged, options.Value) is { } problem)
            {
                return (null, problem.Status, problem.Message);
            }

            var (sheet, error) = ImportSheet.Open(staged, kind);
            if (sheet is null)
            {
                return (null, StatusCodes.Status400BadRequest, error);
            }

            var (rows, formulaCell) = sheet.Survey();
            if (formulaCell is not null)
            {
                return (null, StatusCodes.Status400BadRequest,
                    $"Cell {formulaCell} begins with =, +, -, or @ as a formula does: such cells are not imported (formula injection).");
            }

            var ticket = ImportCaller.Ticket(caller, kind, [.. sheet.Columns.Select(c => c.Field)], rows, digest, clock.GetUtcNow());
            await grains.GetGrain<IImportGrain>(importId).Begin(ticket);
            folder.Accept(importId);
            accepted = true;
            return (importId, StatusCodes.Status202Accepted, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return (null, StatusCodes.Status400BadRequest, $"The workbook cannot be read: {ex.Message}");
        }
        finally
        {
            if (!accepted)
            {
                ImportFolder.Delete(staged);
            }
        }
    }

    public string TooLarge() => $"The file exceeds the import limit of {MaxFileBytes / (1024 * 1024)} MB.";
}
