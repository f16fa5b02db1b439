using WealthActors.Calendars;
using WealthActors.Grains.Calendars;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>Business calendars as data (README, "Business calendars"): read like SLA policies, changed by administrators.</summary>
public static class CalendarsApi
{
    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/calendars").WithTags("Business calendars");
        group.MapGet("/", List).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapGet("/{calendarId}", Get).RequireAuthorization(AuthHostingExtensions.Policies.Read);
        group.MapPut("/{calendarId}", Put).RequireAuthorization(AuthHostingExtensions.Policies.Administer);
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
        var v = new RequestValidation().Id(calendarId, "calendarId").Optional(body.Source, "source", 500);
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

        if (!v.IsValid || calendar is null)
        {
            return v.Problem();
        }

        var stored = await Catalog(grains).Put(calendar, ApiActor.Caller(http));
        return TypedResults.Ok(BusinessCalendarDocument.From(stored));
    }
}
