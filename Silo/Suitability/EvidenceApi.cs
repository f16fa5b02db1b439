using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Permissions;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Suitability;

namespace WealthActors.Silo.Suitability;

/// <summary>
/// <c>POST /api/evidence</c>: a 双录 recording or a signed form, streamed from the multipart body to the evidence folder
/// (never whole in memory), hashed with SHA-256 on the way, its type checked by its first bytes. Compliance reads it back.
/// </summary>
public static class EvidenceApi
{
    private const long MultipartOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder routes)
    {
        var maxFile = routes.ServiceProvider.GetRequiredService<EvidenceStore>().Options.MaxFileBytes;
        var group = routes.MapGroup("/api/evidence").DeclaresPipelineProblems().WithTags("Suitability");
        group.MapPost("/", Upload).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .WithMetadata(new BodySizeLimit(maxFile + MultipartOverheadBytes, "file"))
            .DisableAntiforgery()
            .Produces<EvidenceResponse>(StatusCodes.Status201Created).ProducesProblems(404, 415);
        group.MapGet("/{evidenceId}", Get).RequireAuthorization(AuditApi.Policy)
            .WithMetadata(new AuditedRead("evidence.read", "evidence"))
            .Produces<EvidenceResponse>().ProducesProblems(404);
        group.MapGet("/{evidenceId}/content", Content).RequireAuthorization(AuditApi.Policy)
            .WithMetadata(new AuditedRead("evidence.content", "evidence"))
            .ProducesFile([.. EvidenceContent.ContentTypes]).ProducesProblems(404, 410);
        return routes;
    }

    private static async Task<IResult> Upload(HttpContext http, EvidenceStore store, IEvidenceIndex index, IGrainFactory grains, IAuditTrail audit, TimeProvider clock)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return FileProblem(StatusCodes.Status415UnsupportedMediaType, "Send the file as multipart/form-data.");
        }

        var evidenceId = $"EV-{clock.GetUtcNow():yyyyMMdd}-{Guid.NewGuid().ToString("N")[..12].ToUpperInvariant()}";
        var upload = new Parts();
        try
        {
            if (await Receive(http, store, boundary, evidenceId, upload) is { } refused)
            {
                return refused;
            }

            var (problem, record) = await Check(http, grains, upload.Fields, upload.File, upload.FileName, upload.DeclaredType, evidenceId);
            if (record is null)
            {
                return problem!;
            }

            var now = clock.GetUtcNow();
            var stored = record with
            {
                StoredPath = store.Accept(upload.File!, evidenceId, now),
                StoredAt = now,
                RetainUntil = now.AddYears(store.Options.RetentionYears),
            };
            await index.Add(stored, http.RequestAborted);
            // The file's own hash goes into the trail, beside the request's entry (whose digest is of the multipart body).
            await audit.AppendAsync(HttpAuditRecords.For(http, new AuditTarget("evidence.store", "evidence", evidenceId), "201", stored.Sha256));
            return TypedResults.Created($"/api/evidence/{evidenceId}", EvidenceResponse.From(stored));
        }
        finally
        {
            // Refused, cut short or failed: nothing of it stays (an accepted file has already left staging).
            if (upload.File is { } file)
            {
                EvidenceStore.Discard(file.StagingPath);
            }
        }
    }

    private sealed class Parts
    {
        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
        public EvidenceStore.Incoming? File { get; set; }
        public string? FileName { get; set; }
        public string? DeclaredType { get; set; }
    }

    /// <summary>Reads the parts as they arrive, the file straight to staging; a problem when the body is refused.</summary>
    private static async Task<IResult?> Receive(HttpContext http, EvidenceStore store, string boundary, string evidenceId, Parts upload)
    {
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(http.RequestAborted)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    return FileProblem(StatusCodes.Status400BadRequest, "A part has no Content-Disposition.");
                }

                if (disposition.IsFileDisposition())
                {
                    if (upload.File is not null)
                    {
                        return FileProblem(StatusCodes.Status400BadRequest, "Send exactly one file.");
                    }

                    upload.FileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                    upload.DeclaredType = section.ContentType;
                    upload.File = store.Receive(evidenceId);
                    if (!await upload.File.CopyFrom(section.Body, store.Options.MaxFileBytes, http.RequestAborted))
                    {
                        return FileProblem(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {store.Options.MaxFileBytes} bytes (Evidence:MaxFileBytes).");
                    }
                }
                else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value is { } name)
                {
                    using var text = new StreamReader(section.Body);
                    if (await ReadCapped(text, 1000) is not { } value)
                    {
                        return FileProblem(StatusCodes.Status400BadRequest, $"The field '{name}' is too long.");
                    }

                    upload.Fields[name] = value.Trim();
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
        {
            // A body that ends before its closing boundary: the upload was cut short, and nothing of it is kept.
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? FileProblem(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than allowed (Evidence:MaxFileBytes {store.Options.MaxFileBytes}).")
                : FileProblem(StatusCodes.Status400BadRequest, $"The upload is incomplete or malformed: {ex.Message}");
        }
        finally
        {
            if (upload.File is { } file)
            {
                await file.DisposeAsync();
            }
        }
    }

    private static async Task<(IResult? Problem, EvidenceRecord? Record)> Check(
        HttpContext http, IGrainFactory grains, Dictionary<string, string> fields, EvidenceStore.Incoming? incoming,
        string? fileName, string? declaredType, string evidenceId)
    {
        var clientId = fields.GetValueOrDefault("clientId");
        var subscriptionId = fields.GetValueOrDefault("subscriptionId") is { Length: > 0 } s ? s : null;
        var sha256 = fields.GetValueOrDefault("sha256");
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Id(subscriptionId, "subscriptionId", required: false)
            .Check(Enum.TryParse<EvidenceKind>(fields.GetValueOrDefault("kind"), out var kind) && Enum.IsDefined(kind), "kind",
                "is required: SignedWarning (风险不匹配警示书), Recording (双录) or SignedForm.")
            .Check(incoming is not null, "file", "is required: one file part.")
            .Check(incoming is null || incoming.Length > 0, "file", "is empty.")
            .Check(sha256 is null or { Length: 64 } && sha256?.All(Uri.IsHexDigit) != false, "sha256", "must be 64 hex digits when given.");
        if (!v.IsValid)
        {
            return (v.Problem(), null);
        }

        // The uploader may say what the bytes hash to: a file cut short on its way (or altered) then does not match.
        if (sha256 is not null && !string.Equals(sha256, incoming!.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return (FileProblem(StatusCodes.Status400BadRequest, $"The file received hashes to {incoming.Sha256}, not the sha256 given: it was cut short or changed on its way."), null);
        }

        var format = EvidenceContent.Sniff(incoming!.Head);
        if (format is null || !EvidenceContent.Agrees(format, declaredType))
        {
            return (FileProblem(StatusCodes.Status415UnsupportedMediaType,
                format is null
                    ? "The file is none of the accepted formats (PDF, PNG, JPEG; MP4/M4A, WAV, MP3, WebM)."
                    : $"The file is {format}, but its part says '{declaredType}'."), null);
        }

        if (!EvidenceContent.Fits(kind, format))
        {
            return (FileProblem(StatusCodes.Status415UnsupportedMediaType,
                kind == EvidenceKind.Recording ? "A recording must be audio or video." : "A signed form must be a PDF or a scan (PNG, JPEG)."), null);
        }

        // The client must be one the caller may work on (a person: within their reach, else 404).
        var client = grains.GetGrain<IClientGrain>(clientId!);
        if (!await client.Exists())
        {
            throw new EntityNotFoundException($"Client '{clientId}' does not exist.");
        }

        var profile = (await client.GetView()).Profile;
        await CallerAccess.Require(http, grains, Access.Write, $"Client '{clientId}' does not exist.", profile.BranchId, profile.AdvisorId);
        if (subscriptionId is not null)
        {
            SubscriptionView? subscription = null;
            try
            {
                subscription = await grains.GetGrain<ISubscriptionGrain>(subscriptionId).GetView();
            }
            catch (EntityNotFoundException)
            {
            }

            if (subscription?.ClientId != clientId)
            {
                return (new RequestValidation().Add("subscriptionId", $"is not a subscription of client '{clientId}'.").Problem(), null);
            }
        }

        var uploadedBy = ApiActor.Caller(http).Id;
        var name = Path.GetFileName(fileName ?? "") is { Length: > 0 and <= 200 } n ? n : evidenceId;
        return (null, new EvidenceRecord(
            evidenceId, kind, clientId!, subscriptionId, name, declaredType!.Split(';')[0].Trim().ToLowerInvariant(), incoming.Length,
            incoming.Sha256!, "", default, default, uploadedBy));
    }

    private static async Task<IResult> Get(string evidenceId, IEvidenceIndex index, CancellationToken cancellationToken) =>
        await index.Get(evidenceId, cancellationToken) is { } record
            ? TypedResults.Ok(EvidenceResponse.From(record))
            : throw new EntityNotFoundException($"Evidence '{evidenceId}' does not exist.");

    private static async Task<IResult> Content(string evidenceId, IEvidenceIndex index, EvidenceStore store, CancellationToken cancellationToken)
    {
        if (await index.Get(evidenceId, cancellationToken) is not { } record)
        {
            throw new EntityNotFoundException($"Evidence '{evidenceId}' does not exist.");
        }

        var path = store.PathOf(record.StoredPath);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, record.ContentType, record.FileName)
            : TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: $"The file of evidence '{evidenceId}' is missing from the evidence folder; run `evidence verify`.");
    }

    private static async Task<string?> ReadCapped(StreamReader reader, int max)
    {
        var buffer = new char[max + 1];
        var total = 0;
        int read;
        while (total <= max && (read = await reader.ReadAsync(buffer.AsMemory(total))) > 0)
        {
            total += read;
        }

        return total > max ? null : new string(buffer, 0, total);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FileProblem(int status, string detail) =>
        TypedResults.Problem(statusCode: status, title: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [detail] } });
}

public sealed record EvidenceResponse(
    string EvidenceId, EvidenceKind Kind, string ClientId, string? SubscriptionId, string FileName, string ContentType, long SizeBytes,
    string Sha256, DateTimeOffset StoredAt, DateTimeOffset RetainUntil, string UploadedBy)
{
    public static EvidenceResponse From(EvidenceRecord r) =>
        new(r.EvidenceId, r.Kind, r.ClientId, r.SubscriptionId, r.FileName, r.ContentType, r.SizeBytes, r.Sha256, r.StoredAt, r.RetainUntil, r.UploadedBy);
}
