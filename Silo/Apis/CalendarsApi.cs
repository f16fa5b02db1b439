using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>Business calendars as data (README, "Business calendars"): read like SLA policies, changed by administrators.</summary>
public static class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/calendars").DeclaresPipelineProblems().WithTags("Business calendars");
        group.MapGet("/", List).RequireAuthorization(AuthHostingExtensions.Policies.Read).Produces<BusinessCalendarDocument[]>();
        group.MapGet("/{calendarId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<BusinessCalendarDocument>().ProducesProblems(400, 404);
        group.MapPut("/{calendarId}", Put).RequireAuthorization(AuthHostingExtensions.Policies.Administer).Produces<BusinessCalendarDocument>();
        group.MapGet("/{calendarId}/versions", Versions).RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<SettingsVersionDto<BusinessCalendarDocument>[]>().ProducesProblems(400, 404);
        return routes;
    }

    private static ICalendarCatalogGrain Catalog(IGrainFactory grains) =>
        grains.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey);

    private static async Task<IResult> List(IGrainFactory grains) =>
        TypedResults.Ok((await Catalog(grains).List()).Select(BusinessCalendarDocument.From).ToArray());

    private static async Task<IResult> Get(string calendarId, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(calendarId, "calendarId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await Catalog(grains).Get(calendarId) is { } calendar
            ? TypedResults.Ok(BusinessCalendarDocument.From(calendar))
            : TypedResults.Problem(statusCode: 404, title: $"Business calendar '{calendarId}' does not exist.");
    }

    private static async Task<IResult> Put(string calendarId, BusinessCalendarDocument body, HttpContext http, IGrainFactory grains)
    {
        var v = new RequestValidation();
        if (Read(calendarId, body, v) is not { } calendar)
        {
            return v.Problem();
        }

        var stored = await Catalog(grains).Put(calendar, ApiActor.Caller(http));
        return TypedResults.Ok(BusinessCalendarDocument.From(stored));
    }

    /// <summary>Every saved version of the calendar, newest first, each with who saved it and when.</summary>
    private static async Task<IResult> Versions(string calendarId, IGrainFactory grains)
    {
        var v = new RequestValidation().Id(calendarId, "calendarId");
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await Catalog(grains).Versions(calendarId) is { } versions
            ? TypedResults.Ok(versions.Select(x => SettingsVersionDto.From(x, BusinessCalendarDocument.From)).ToArray())
            : TypedResults.Problem(statusCode: 404, title: $"Business calendar '{calendarId}' does not exist.");
    }

    /// <summary>
    /// The calendar a PUT of <paramref name="body"/> to <paramref name="calendarId"/> stores, or null with every field at
    /// fault in <paramref name="v"/>: one rule for the API's answer and the console's errors beside each field.
    /// </summary>
    public static BusinessCalendarDefinition? Read(string calendarId, BusinessCalendarDocument body, RequestValidation v)
    {
        v.Id(calendarId, "calendarId").Optional(body.Source, "source", 500);
        if (body.Id is not null)
        {
            v.Check(string.Equals(body.Id, calendarId, StringComparison.Ordinal), "id", "must match the calendar id in the address.");
        }

        var problems = new List<CalendarProblem>();
        var calendar = v.IsValid ? body.ToDefinition(calendarId, problems) : null;
        foreach (var problem in problems)
        {
            v.Add(problem.Field, problem.Message);
        }

        return v.IsValid ? calendar : null;
    }
}
