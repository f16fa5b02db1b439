using WealthActors.Sla;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

public static class SlaPoliciesApi
{
    public static IEndpointRouteBuilder MapSlaPoliciesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sla-policies").WithTags("SLA policies");
        group.MapGet("/", List).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapGet("/{policyId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapPut("/{policyId}", Put).RequireAuthorization(AuthHostingExtensions.Policies.Administer);
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
        var v = new RequestValidation().Id(policyId, "policyId");
        var policy = body.ToPolicy(policyId, v);
        if (!v.IsValid || policy is null)
        {
            return v.Problem();
        }

        var stored = await Catalog(grains).Put(policy, ApiActor.Caller(http));
        return TypedResults.Ok(SlaPolicyDto.From(stored));
    }
}
