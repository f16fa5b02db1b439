using WealthActors.Grains.Sla;
using WealthActors.Sla;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

public static class SlaPoliciesApi
{
    public static IEndpointRouteBuilder MapSlaPoliciesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sla-policies").DeclaresPipelineProblems().WithTags("SLA policies");
        group.MapGet("/", List).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<SlaPolicyDto[]>();
        group.MapGet("/{policyId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<SlaPolicyDto>().ProducesProblems(400, 404);
        group.MapPut("/{policyId}", Put).RequireAuthorization(AuthHostingExtensions.Policies.Administer).Produces<SlaPolicyDto>();
        group.MapGet("/{policyId}/versions", Versions).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<SettingsVersionDto<SlaPolicyDto>[]>().ProducesProblems(400, 404);
        return routes;
    }

    private static ISlaPolicyCatalogGrain Catalog(IGrainFactory grains) =>
        grains.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey);

    private static async Task<IResult> List(IGrainFactory grains) =>
        TypedResults.Ok((await Catalog(grains).List()).Select(SlaPolicyDto.From).ToArray());

    private static async Task<IResult> Get(string policyId, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(policyId, "policyId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await Catalog(grains).Get(policyId) is { } policy
            ? TypedResults.Ok(SlaPolicyDto.From(policy))
            : TypedResults.Problem(statusCode: 404, title: $"SLA policy '{policyId}' does not exist.");
    }

    private static async Task<IResult> Put(string policyId, SlaPolicyDto body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation();
        if (Read(policyId, body, v) is not { } policy)
        {
            return v.Problem();
        }

        var stored = await Catalog(grains).Put(policy, ApiActor.Caller(http));
        return TypedResults.Ok(SlaPolicyDto.From(stored));
    }

    /// <summary>Every saved version of the policy, newest first, each with who saved it and when.</summary>
    private static async Task<IResult> Versions(string policyId, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(policyId, "policyId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await Catalog(grains).Versions(policyId) is { } versions
            ? TypedResults.Ok(versions.Select(x => SettingsVersionDto.From(x, SlaPolicyDto.From)).ToArray())
            : TypedResults.Problem(statusCode: 404, title: $"SLA policy '{policyId}' does not exist.");
    }

    /// <summary>
    /// The policy a PUT of <paramref name="body"/> to <paramref name="policyId"/> stores, or null with every field at
    /// fault in <paramref name="v"/>: one rule for the API's answer and the console's errors beside each field. The
    /// catalog's own check is run here too, so its problems also name their field.
    /// </summary>
    public static SlaPolicy? Read(string policyId, SlaPolicyDto body, RequestValidation v)
    {
        var policy = body.ToPolicy(policyId, v.Id(policyId, "policyId"));
        if (policy is not null && v.IsValid)
        {
            foreach (var problem in SlaPolicyMatcher.Validate(policy))
            {
                var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                v.Add(colon > 0 ? problem[..colon] : "policy", colon > 0 ? problem[(colon + 2)..] : problem);
            }
        }

        return v.IsValid ? policy : null;
    }
}
