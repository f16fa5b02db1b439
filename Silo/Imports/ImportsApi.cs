using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WealthActors.Imports;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Exports;

namespace WealthActors.Silo.Imports;

/// <summary>
/// Excel imports: a template per kind, an upload that answers 202 with the import's id while its rows are upserted in
/// the background, the import's progress, and a workbook of its rejected rows. Whoever may make a kind's API request may
/// import it (clients and holdings: integrate; employees and branches: administer), and its rows act as them.
/// </summary>
public static class ImportsApi
{
    /// <summary>What multipart framing adds to the file: the upload's body limit is the file limit plus this.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder routes)
    {
        var maxFile = routes.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxFileBytes;
        var group = routes.MapGroup("/api/imports").DeclaresPipelineProblems().WithTags("Imports");
        group.MapGet("/templates/{kind}", Template).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .ProducesXlsx().ProducesProblems(400);
        foreach (var kind in ImportKind.All)
        {
            group.MapPost($"/{kind.Name}", (HttpContext http, ImportUploads uploads, ImportRunner runner) => Upload(kind, http, uploads, runner))
                .RequireAuthorization(kind.Policy)
                .WithMetadata(new BodySizeLimit(maxFile + MultipartOverheadBytes, "file"))
                .DisableAntiforgery()
                .Produces<ImportAccepted>(StatusCodes.Status202Accepted).ProducesProblems(415);
        }

        group.MapGet("/{importId}", Status).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<ImportStatusResponse>().ProducesProblems(400, 404);
        // The rejected rows hold what was uploaded, personal data included: reading them is audited.
        group.MapGet("/{importId}/errors", Errors).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .WithMetadata(new AuditedRead("import.errors", "import"))
            .ProducesXlsx().ProducesProblems(400, 404);
        return routes;
    }

    /// <summary><c>?headers=en</c> for the API's field names; Chinese by default.</summary>
    private static IResult Template(string kind, string? headers)
    {
        var v = new RequestValidation()
            .Check(ImportKind.Find(kind) is not null, "kind", $"must be one of {string.Join(", ", ImportKind.All.Select(k => k.Name))}.")
            .Check(headers is null or "zh" or "en", "headers", "must be zh or en.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var found = ImportKind.Find(kind)!;
        return XlsxDownload.Of($"{found.Name}-template.xlsx", ImportWorkbooks.Template(found, english: headers == "en"));
    }

    private static async Task<IResult> Upload(ImportKind kind, HttpContext http, ImportUploads uploads, ImportRunner runner)
    {
        if (!http.Request.HasFormContentType)
        {
            return FileProblem(StatusCodes.Status415UnsupportedMediaType, "Send one .xlsx file as multipart/form-data.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = uploads.MaxFileBytes + MultipartOverheadBytes }, http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return IsTooLarge(ex)
                ? FileProblem(StatusCodes.Status413PayloadTooLarge, uploads.TooLarge())
                : FileProblem(StatusCodes.Status400BadRequest, $"The upload cannot be read: {ex.Message}");
        }

        if (form.Files.Count != 1)
        {
            return FileProblem(StatusCodes.Status400BadRequest, "Send exactly one .xlsx file.");
        }

        var file = form.Files[0];
        await using var content = file.OpenReadStream();
        var (importId, status, problem) = await uploads.Accept(content, file.FileName, kind, http.User, http.RequestAborted);
        if (importId is null)
        {
            return FileProblem(status, problem!);
        }

        runner.Enqueue(importId);
        return TypedResults.Accepted($"/api/imports/{importId}", new ImportAccepted(importId));
    }

    private static async Task<IResult> Status(string importId, HttpContext http, IGrainFactory grains)
    {
        var (grain, problem) = await Followed(importId, http, grains);
        if (grain is null)
        {
            return problem!;
        }

        var status = (await grain.GetStatus())!;
        return TypedResults.Ok(new ImportStatusResponse(status.Kind, status.Status, status.Total, status.Processed, status.Failed, status.Reason));
    }

    private static async Task<IResult> Errors(string importId, HttpContext http, IGrainFactory grains)
    {
        var (grain, problem) = await Followed(importId, http, grains);
        if (grain is null)
        {
            return problem!;
        }

        var ticket = (await grain.GetTicket())!;
        var table = ImportWorkbooks.Errors(ImportKind.Find(ticket.Kind)!, ticket, await grain.GetErrors());
        return XlsxDownload.Of($"import-{importId}-errors.xlsx", table);
    }

    /// <summary>The import, if it exists and the caller started it or oversees imports; anyone else is told it does not exist.</summary>
    private static async Task<(IImportGrain? Grain, IResult? Problem)> Followed(string importId, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(importId, "importId");
        if (!v.IsValid)
        {
            return (null, v.Problem());
        }

        var grain = grains.GetGrain<IImportGrain>(importId);
        return await grain.GetTicket() is { } ticket && ImportCaller.MayFollow(http.User, ticket)
            ? (grain, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Import '{importId}' does not exist."));
    }

    // The server's body limit, or the multipart reader's ("Multipart body length limit … exceeded").
    private static bool IsTooLarge(Exception ex) =>
        ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FileProblem(int status, string message) => TypedResults.Problem(
        statusCode: status, title: "The file cannot be imported.", detail: message,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [message] } });
}

public sealed record ImportAccepted(string ImportId);

public sealed record ImportStatusResponse(string Kind, ImportRunState Status, int Total, int Processed, int Failed, string? Reason);
