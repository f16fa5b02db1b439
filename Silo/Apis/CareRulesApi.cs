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
        var group = routes.MapGroup("/api/care-rules").DeclaresPipelineProblems().WithTags("Care rules");
        group.MapGet("/", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<CareRulesResponse>();
        group.MapPut("/", Put).RequireAuthorization(AuthHostingExtensions.Policies.AdminOnly).Produces<CareRulesResponse>();
        group.MapGet("/versions", Versions).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<SettingsVersionDto<CareRulesResponse>[]>();
        group.MapOnboardingTemplate();
        return routes;
    }

    private static ICareRulesGrain Rules(IGrainFactory grains) => grains.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey);

    private static async Task<IResult> Get(IGrainFactory grains) => TypedResults.Ok(CareRulesResponse.From(await Rules(grains).Get()));

    private static async Task<IResult> Put(JsonElement body, HttpContext http, IGrainFactory grains, [FromServices] JobRescheduler rescheduler, CancellationToken cancellationToken)
    {
        var v = new RequestValidation();
        var stored = await Save(body, ApiActor.Caller(http), v, grains, rescheduler, cancellationToken);
        return stored is null ? v.Problem() : TypedResults.Ok(CareRulesResponse.From(stored));
    }

    /// <summary>Every saved version of the care rules, newest first, each with who saved it and when.</summary>
    private static async Task<IResult> Versions(IGrainFactory grains) =>
        TypedResults.Ok((await Rules(grains).Versions()).Select(x => SettingsVersionDto.From(x, CareRulesResponse.From)).ToArray());

    /// <summary>
    /// The care rules after the PUT body <paramref name="body"/>, or null with every field at fault in
    /// <paramref name="v"/>: one rule for the API's answer and the console's errors beside each field.
    /// </summary>
    public static CareRules? Read(CareRules current, JsonElement body, RequestValidation v)
    {
        var changed = CareRulesPatch.Apply(current, body, v);
        if (changed is not null && v.IsValid)
        {
            foreach (var (field, message) in CareRulesValidator.Validate(changed))
            {
                v.Add($"rules.{field}", message);
            }
        }

        return v.IsValid ? changed : null;
    }

    /// <summary>
    /// Validates and stores the change (null, with the fields at fault in <paramref name="v"/>, when it is not valid),
    /// then moves the triggers of the rules whose schedule changed: the API and the console save through this alone.
    /// </summary>
    public static async Task<CareRules?> Save(
        JsonElement body, Actor actor, RequestValidation v, IGrainFactory grains, JobRescheduler rescheduler, CancellationToken cancellationToken)
    {
        var current = await Rules(grains).Get();
        if (Read(current, body, v) is not { } changed)
        {
            return null;
        }

        var stored = await Rules(grains).Put(changed, actor);
        foreach (var rule in CareRuleNames.Scheduled)
        {
            var before = CareJobSchedules.For(rule, current.ScheduleOf(rule)!);
            var after = CareJobSchedules.For(rule, stored.ScheduleOf(rule)!);
            if (before != after)
            {
                await rescheduler.RescheduleAsync(rule, after, cancellationToken);
            }
        }

        return stored;
    }
}
