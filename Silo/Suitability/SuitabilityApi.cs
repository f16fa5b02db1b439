using System.Text.Json;
using WealthActors.Audit;
using WealthActors.Clients;
using WealthActors.Grains.Suitability;
using WealthActors.Permissions;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Exports;
using WealthActors.Suitability;

namespace WealthActors.Silo.Suitability;

/// <summary>
/// Suitability over HTTP: the product shelf and the risk questionnaire (Admin edits), risk assessments, the subscription
/// gate with its override path (Compliance decides, as themselves), recommendations and the compliance register.
/// </summary>
public static class SuitabilityApi
{
    public static IEndpointRouteBuilder MapSuitabilityApi(this IEndpointRouteBuilder routes)
    {
        var products = routes.MapGroup("/api/products").DeclaresPipelineProblems().WithTags("Suitability");
        products.MapGet("/", ListProducts).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<Product[]>();
        products.MapGet("/{code}", GetProduct).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<Product>().ProducesProblems(404);
        products.MapPut("/{code}", PutProduct).RequireAuthorization(AuthHostingExtensions.Policies.AdminOnly).Produces<Product>();

        var questionnaire = routes.MapGroup("/api/risk-questionnaire").DeclaresPipelineProblems().WithTags("Suitability");
        questionnaire.MapGet("/", GetQuestionnaire).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<RiskQuestionnaire>();
        questionnaire.MapPut("/", PutQuestionnaire).RequireAuthorization(AuthHostingExtensions.Policies.AdminOnly).Produces<RiskQuestionnaire>();

        var clients = routes.MapGroup("/api/clients").DeclaresPipelineProblems().WithTags("Suitability");
        clients.MapPost("/{clientId}/risk-assessments", Assess).RequireAuthorization(AuthHostingExtensions.Policies.Integrate)
            .Produces<RiskAssessmentResponse>().ProducesProblems(404, 409);
        clients.MapPost("/{clientId}/subscriptions", Subscribe).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<SubscriptionResponse>(StatusCodes.Status201Created).ProducesProblems(404, 409);
        clients.MapGet("/{clientId}/suitable-products", SuitableProducts).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<RecommendationResponse[]>().ProducesProblems(400, 404);

        var subscriptions = routes.MapGroup("/api/subscriptions").DeclaresPipelineProblems().WithTags("Suitability");
        subscriptions.MapGet("/{subscriptionId}", GetSubscription).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<SubscriptionResponse>().ProducesProblems(404);
        subscriptions.MapPost("/{subscriptionId}/override", RequestOverride).RequireAuthorization(AuthHostingExtensions.Policies.Work)
            .Produces<SubscriptionResponse>().ProducesProblems(404, 409);
        subscriptions.MapPost("/{subscriptionId}/approve", (string subscriptionId, DecisionBody? body, HttpContext http, IGrainFactory grains, IAuditTrail audit) =>
            Decide(subscriptionId, true, body, http, grains, audit)).RequireAuthorization(AuditApi.Policy)
            .Produces<SubscriptionResponse>().ProducesProblems(404, 409);
        subscriptions.MapPost("/{subscriptionId}/reject", (string subscriptionId, DecisionBody? body, HttpContext http, IGrainFactory grains, IAuditTrail audit) =>
            Decide(subscriptionId, false, body, http, grains, audit)).RequireAuthorization(AuditApi.Policy)
            .Produces<SubscriptionResponse>().ProducesProblems(404, 409);

        var register = routes.MapGroup("/api/suitability/register").DeclaresPipelineProblems().WithTags("Suitability");
        register.MapGet("/", Register).RequireAuthorization(AuditApi.Policy)
            .WithMetadata(new AuditedRead("suitability.register", "suitability-register"))
            .Produces<IReadOnlyList<SuitabilityRegisterEntry>>().ProducesProblems(400);
        register.MapGet("/export", ExportRegister).RequireAuthorization(AuditApi.Policy)
            .WithMetadata(new AuditedRead("suitability.register-export", "suitability-register"))
            .ProducesXlsx().ProducesProblems(400);
        return routes;
    }

    private static IProductCatalogGrain Shelf(IGrainFactory grains) => grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.DefaultKey);

    private static async Task<IResult> ListProducts(bool? onSale, ProductRisk? maxRisk, IGrainFactory grains, TimeProvider clock)
    {
        var today = SuitabilityRule.Today(clock.GetUtcNow());
        var all = await Shelf(grains).List();
        return TypedResults.Ok(all
            .Where(p => onSale is not { } wanted || SuitabilityRule.IsOnSale(p, today) == wanted)
            .Where(p => maxRisk is not { } max || p.Risk <= max)
            .ToArray());
    }

    private static async Task<IResult> GetProduct(string code, IGrainFactory grains) =>
        await Shelf(grains).Get(code) is { } product ? TypedResults.Ok(product) : throw new EntityNotFoundException($"Product '{code}' does not exist.");

    private static async Task<IResult> PutProduct(string code, PutProductRequest body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation()
            .Id(code, "code")
            .Name(body.Name, "name", 100)
            .Optional(body.Issuer, "issuer", 100)
            .Check(body.Type is not null, "type", $"is required: one of {string.Join(", ", Enum.GetNames<ProductType>())}.")
            .Check(body.Risk is not null, "risk", "is required: one of R1…R5.")
            .Check(body.MinimumInvestment is not null, "minimumInvestment", "is required.")
            .Check(body.Status is not null, "status", "is required: OnSale or Closed.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var coolingOff = body.CoolingOffHours ?? (body.Type == ProductType.PrivateFund ? Product.DefaultPrivateFundCoolingOffHours : 0);
        var product = new Product(code, body.Name!.Trim(), body.Type!.Value, body.Risk!.Value, body.MinimumInvestment!.Value, body.TermMonths,
            body.Issuer?.Trim(), body.SaleStart, body.SaleEnd, body.ProfessionalOnly ?? false, coolingOff, body.Status!.Value);
        foreach (var (field, message) in ProductRules.Validate(product))
        {
            v.Add(field, message);
        }

        return v.IsValid ? TypedResults.Ok(await Shelf(grains).Put(product, ApiActor.Caller(http))) : v.Problem();
    }

    private static IRiskQuestionnaireGrain Questionnaire(IGrainFactory grains) => grains.GetGrain<IRiskQuestionnaireGrain>(IRiskQuestionnaireGrain.DefaultKey);

    private static async Task<IResult> GetQuestionnaire(IGrainFactory grains) => TypedResults.Ok(await Questionnaire(grains).Get());

    private static async Task<IResult> PutQuestionnaire(RiskQuestionnaire body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation();
        foreach (var (field, message) in RiskScoring.Validate(body with { Questions = body.Questions ?? [], Bands = body.Bands ?? [] }))
        {
            v.Add(field, message);
        }

        return v.IsValid ? TypedResults.Ok(await Questionnaire(grains).Put(body, ApiActor.Caller(http))) : v.Problem();
    }

    /// <summary>
    /// A person scores the questionnaire with the client (<c>answers</c>); only a system of record may post a level it
    /// assessed itself (<c>level</c> with <c>assessedOn</c>). Professional investors are flagged with what proves it.
    /// </summary>
    private static async Task<IResult> Assess(string clientId, RiskAssessmentRequest body, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var today = SuitabilityRule.Today(clock.GetUtcNow());
        var isPerson = CallerAccess.IsPerson(http);
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Check(body.Answers is null ^ body.Level is null, "answers", "give either answers (the questionnaire) or a level with assessedOn, not both.")
            .Check(body.Level is null || !isPerson, "level", "is for a system of record; a person scores the questionnaire (answers).")
            .Check(body.Level is null || body.AssessedOn is not null, "assessedOn", "is required with level.")
            .PastDate(body.AssessedOn, "assessedOn", today)
            .Check(body.Professional != true || !string.IsNullOrWhiteSpace(body.ProfessionalEvidence), "professionalEvidence",
                "is required for a professional investor (e.g. the certificate of assets or experience on file).")
            .Optional(body.ProfessionalEvidence, "professionalEvidence", 500);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        await ClientsApi.RequireWritable(http, grains, clientId);
        RiskAssessment assessment;
        if (body.Answers is { } answers)
        {
            var questionnaire = await Questionnaire(grains).Get();
            var problems = new List<(string Field, string Message)>();
            if (RiskScoring.Score(questionnaire, answers, problems) is not { } scored)
            {
                problems.ForEach(p => v.Add(p.Field, p.Message));
                return v.Problem();
            }

            assessment = new RiskAssessment(scored.Level, body.AssessedOn ?? today, body.Professional ?? false, body.ProfessionalEvidence?.Trim(),
                questionnaire.Version, scored.Score, "questionnaire");
        }
        else
        {
            assessment = new RiskAssessment(body.Level!.Value, body.AssessedOn!.Value, body.Professional ?? false, body.ProfessionalEvidence?.Trim(),
                null, null, ApiActor.Caller(http).Id);
        }

        var view = await grains.GetGrain<IClientGrain>(clientId).RecordRiskAssessment(assessment, ApiActor.Caller(http));
        return TypedResults.Ok(new RiskAssessmentResponse(
            clientId, assessment.Level, assessment.AssessedOn, view.RiskExpiresOn, assessment.Professional, assessment.Score,
            assessment.QuestionnaireVersion, assessment.Source));
    }

    private static async Task<IResult> Subscribe(string clientId, SubscribeRequest body, HttpContext http, IGrainFactory grains, IAuditTrail audit, TimeProvider clock)
    {
        var v = new RequestValidation()
            .Id(clientId, "clientId")
            .Id(body.ProductCode, "productCode")
            .Check(body.Amount is not null, "amount", "is required.")
            .Check(body.Amount is null or > 0, "amount", "must be greater than 0.")
            .Check(body.Amount is null or < 1_000_000_000_000m, "amount", "is implausibly large.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        await ClientsApi.RequireWritable(http, grains, clientId);
        var id = $"SUB-{clock.GetUtcNow():yyyyMMdd}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
        var view = await grains.GetGrain<ISubscriptionGrain>(id).Create(new SubscriptionRequest(clientId, body.ProductCode!, body.Amount!.Value), ApiActor.Caller(http));
        await AuditDecision(http, audit, view, "suitability.decision", $"{view.Decision}:{string.Join(",", view.Reasons)}");
        return TypedResults.Created($"/api/subscriptions/{id}", SubscriptionResponse.From(view));
    }

    private static async Task<SubscriptionView> Reached(string subscriptionId, HttpContext http, IGrainFactory grains, Access access)
    {
        var notFound = $"Subscription '{subscriptionId}' does not exist.";
        var view = await grains.GetGrain<ISubscriptionGrain>(subscriptionId).GetView();
        await CallerAccess.Require(http, grains, access, notFound, view.BranchId, view.AdvisorId);
        return view;
    }

    private static async Task<IResult> GetSubscription(string subscriptionId, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(SubscriptionResponse.From(await Reached(subscriptionId, http, grains, Access.Read)));

    private static async Task<IResult> RequestOverride(
        string subscriptionId, OverrideRequestBody body, HttpContext http, IGrainFactory grains, IEvidenceIndex evidence, IAuditTrail audit)
    {
        var v = new RequestValidation()
            .Id(body.WarningEvidenceId, "warningEvidenceId")
            .Id(body.RecordingEvidenceId, "recordingEvidenceId")
            .Optional(body.Reason, "reason", 1000);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var view = await Reached(subscriptionId, http, grains, Access.Write);
        await Attached(v, "warningEvidenceId", await evidence.Get(body.WarningEvidenceId!, http.RequestAborted), EvidenceKind.SignedWarning, view);
        await Attached(v, "recordingEvidenceId", await evidence.Get(body.RecordingEvidenceId!, http.RequestAborted), EvidenceKind.Recording, view);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var pending = await grains.GetGrain<ISubscriptionGrain>(subscriptionId).RequestOverride(
            new OverrideRequest(body.WarningEvidenceId!, body.RecordingEvidenceId!, body.Reason?.Trim()), ApiActor.Caller(http));
        await AuditDecision(http, audit, pending, "suitability.override-requested", $"{pending.Status}:{body.WarningEvidenceId},{body.RecordingEvidenceId}");
        return TypedResults.Ok(SubscriptionResponse.From(pending));
    }

    /// <summary>The evidence must exist, be of the kind asked for, and belong to the subscription's client (and to no other subscription).</summary>
    private static Task Attached(RequestValidation v, string field, EvidenceRecord? record, EvidenceKind kind, SubscriptionView view)
    {
        v.Check(record is not null, field, "does not exist.")
            .Check(record is null || record.Kind == kind, field, $"must be evidence of kind {kind}.")
            .Check(record is null || (record.ClientId == view.ClientId && (record.SubscriptionId is null || record.SubscriptionId == view.SubscriptionId)),
                field, "belongs to another client or subscription.");
        return Task.CompletedTask;
    }

    private static async Task<IResult> Decide(string subscriptionId, bool approve, DecisionBody? body, HttpContext http, IGrainFactory grains, IAuditTrail audit)
    {
        var v = new RequestValidation().Id(subscriptionId, "subscriptionId").Optional(body?.Comment, "comment", 1000);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        // Unknown is 404 for everyone; then only a person may decide.
        await grains.GetGrain<ISubscriptionGrain>(subscriptionId).GetView();
        if (WealthActorsClaims.EmployeeIdOf(http.User) is null)
        {
            v.Forbid("by", "An override is approved or rejected by a compliance officer signed in as themselves, not by a system key.");
        }

        if (!approve && string.IsNullOrWhiteSpace(body?.Comment))
        {
            v.Add("comment", "is required to reject: say why.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var decided = await grains.GetGrain<ISubscriptionGrain>(subscriptionId).DecideOverride(approve, body?.Comment?.Trim(), ApiActor.Caller(http));
        await AuditDecision(http, audit, decided, approve ? "suitability.override-approved" : "suitability.override-rejected", $"{decided.Status}:{decided.DecidedBy}");
        return TypedResults.Ok(SubscriptionResponse.From(decided));
    }

    /// <summary>The decision, its reasons and the approver in the audit trail, beside the request's own entry; the digest covers the whole answer.</summary>
    private static Task AuditDecision(HttpContext http, IAuditTrail audit, SubscriptionView view, string action, string outcome) =>
        audit.AppendAsync(HttpAuditRecords.For(
            http, new AuditTarget(action, "subscription", view.SubscriptionId), outcome,
            AuditDigests.Of(JsonSerializer.Serialize(SubscriptionResponse.From(view)))));

    private static async Task<IResult> SuitableProducts(string clientId, int? limit, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(clientId, "clientId").Check(limit is null or (>= 1 and <= 100), "limit", "must be between 1 and 100.");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var ranked = await SuitableProductsFor(clientId, http.User, grains, limit ?? 10);
        return TypedResults.Ok(ranked.Select(RecommendationResponse.From).ToArray());
    }

    /// <summary>The client's recommendations, for a caller who reaches the client (404 otherwise): the API's and the chat's.</summary>
    internal static async Task<IReadOnlyList<Recommendation>> SuitableProductsFor(
        string clientId, System.Security.Claims.ClaimsPrincipal user, IGrainFactory grains, int limit)
    {
        var client = grains.GetGrain<IClientGrain>(clientId);
        var view = await client.GetView();
        await CallerAccess.Require(user, new OrgLookup(grains), Access.Read, $"Client '{clientId}' does not exist.", view.Profile.BranchId, view.Profile.AdvisorId);
        return await grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.DefaultKey).SuitableFor(clientId, limit);
    }

    private static async Task<IResult> Register(
        SuitabilityRegisterKind? kind, string? branchId, string? clientId, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        ISuitabilityRegister register, CancellationToken cancellationToken)
    {
        var (filter, problem) = Filter(kind, branchId, clientId, from, to, limit);
        return problem ?? TypedResults.Ok(await register.List(filter!, cancellationToken));
    }

    private static async Task<IResult> ExportRegister(
        SuitabilityRegisterKind? kind, string? branchId, string? clientId, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        ISuitabilityRegister register, CancellationToken cancellationToken)
    {
        var (filter, problem) = Filter(kind, branchId, clientId, from, to, limit);
        return problem ?? XlsxDownload.Of("suitability-register.xlsx", (await register.List(filter!, cancellationToken)).Select(SuitabilityRegisterRow.From));
    }

    private static (SuitabilityRegisterFilter? Filter, IResult? Problem) Filter(
        SuitabilityRegisterKind? kind, string? branchId, string? clientId, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var v = new RequestValidation()
            .Id(branchId, "branchId", required: false)
            .Id(clientId, "clientId", required: false)
            .Check(limit is null or (>= 1 and <= 10_000), "limit", "must be between 1 and 10000.")
            .Check(from is null || to is null || from < to, "to", "must be after from.");
        return v.IsValid ? (new SuitabilityRegisterFilter(kind, branchId, clientId, from, to, limit ?? 1000), null) : (null, v.Problem());
    }
}
