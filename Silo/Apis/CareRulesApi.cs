using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using WealthActors.Care;
using WealthActors.Grains.Care;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Care;
using WealthActors.Silo.Jobs;

namespace WealthActors.Silo.Apis;

public static class CareRulesApi
{
    public static IEndpointRouteBuilder MapCareRulesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/care-rules").WithTags("Care rules");
        group.MapGet("/", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapPut("/", Put).RequireAuthorization(AuthHostingExtensions.Policies.AdminOnly);
        group.MapOnboardingTemplate();
        return routes;
    }

    private static ICareRulesGrain Rules(IGrainFactory grains) => grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey);

    private static async Task<IResult> Get(IGrainFactory grains) => TypedResults.Ok(CareRulesResponse.From(await Rules(grains).Get()));

    private static async Task<IResult> Put(JsonElement body, HttpContext http, IGrainFactory grains, [FromServices] JobRescheduler rescheduler, CancellationToken cancellationToken)
    {
        var current = await Rules(grains).Get();
        var v = new RequestValidation();
        var changed = CareRulesPatch.Apply(current, body, v);
        if (changed is not null && v.IsValid)
        {
            foreach (var (field, message) in CareRulesValidator.Validate(changed))
            {
                v.Add($"rules.{field}", message);
            }
        }

        if (!v.IsValid || changed is null)
        {
            return v.Problem();
        }

        var stored = await Rules(grains).Put(changed, ApiActor.Caller(http));
        foreach (var rule in CareRuleNames.Scheduled)
        {
            var before = CareJobSchedules.For(rule, current.ScheduleOf(rule)!);
            var after = CareJobSchedules.For(rule, stored.ScheduleOf(rule)!);
            if (before != after)
            {
                await rescheduler.RescheduleAsync(rule, after, cancellationToken);
            }
        }

        return TypedResults.Ok(CareRulesResponse.From(stored));
    }
}
