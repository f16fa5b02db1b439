using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using WealthActors.Audit;
using WealthActors.Calendars;
using WealthActors.Care;
using WealthActors.Grains.Calendars;
using WealthActors.Silo.Apis;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Jobs;
using WealthActors.Sla;

namespace WealthActors.Silo.WebConsole;

/// <summary>What came of a save from the settings pages: the status the API would answer, the stored version, the errors by field.</summary>
public sealed record SaveOutcome(int Status, int? Version, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors, string? Reason)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;
}

/// <summary>
/// Saves settings from the console as the signed-in person: the same rights as the PUT routes (their policies, asked
/// of the person's own principal), the same validation (<see cref="SlaPoliciesApi.Read"/>, <see cref="CalendarsApi.Read"/>,
/// <see cref="CareRulesApi.Save"/>), and an audit entry of door "console" for each attempt, refused ones included,
/// named as the API's entry for the same PUT is named and committed before the person sees the outcome.
/// </summary>
public sealed partial class SettingsActions(
    IGrainFactory grains, IAuditTrail audit, IAuthorizationService authorization, JobRescheduler rescheduler, ILogger<SettingsActions> logger)
{
    /// <summary>The console's JSON of a setting: the API's names, enums by name, Chinese left readable.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    public async Task<bool> MaySaveSlaPolicies(ConsolePerson person) => await May(person, AuthHostingExtensions.Policies.Administer);

    public async Task<bool> MaySaveCalendars(ConsolePerson person) => await May(person, AuthHostingExtensions.Policies.Administer);

    public async Task<bool> MaySaveCareRules(ConsolePerson person) => await May(person, AuthHostingExtensions.Policies.AdminOnly);

    public Task<SaveOutcome> SaveSlaPolicy(ConsolePerson person, string policyId, SlaPolicyDto body) =>
        Save(person, AuthHostingExtensions.Policies.Administer, "sla-policy.upsert", "sla-policy", policyId, body, async (actor, v) =>
            SlaPoliciesApi.Read(policyId, body, v) is { } policy
                ? (await grains.GetGrain<ISlaPolicyCatalogGrain>(ISlaPolicyCatalogGrain.DefaultKey).Put(policy, actor)).Version
                : null);

    public Task<SaveOutcome> SaveCalendar(ConsolePerson person, string calendarId, BusinessCalendarDocument body) =>
        Save(person, AuthHostingExtensions.Policies.Administer, "calendar.upsert", "calendar", calendarId, body, async (actor, v) =>
            CalendarsApi.Read(calendarId, body, v) is { } calendar
                ? (await grains.GetGrain<ICalendarCatalogGrain>(ICalendarCatalogGrain.DefaultKey).Put(calendar, actor)).Version
                : null);

    /// <param name="body">A PUT body of <c>/api/care-rules</c>: <c>{ rules: { name: { field: value } } }</c>.</param>
    public Task<SaveOutcome> SaveCareRules(ConsolePerson person, JsonElement body) =>
        Save(person, AuthHostingExtensions.Policies.AdminOnly, "care-rules.upsert", "care-rules", ICareRulesGrain.DefaultKey, body, async (actor, v) =>
            (await CareRulesApi.Save(body, actor, v, grains, rescheduler, CancellationToken.None))?.Version);

    private async Task<bool> May(ConsolePerson person, string policy) => (await authorization.AuthorizeAsync(person.User, policy)).Succeeded;

    /// <param name="store">Validates into the given validation and stores; the stored version, or null when not valid.</param>
    private async Task<SaveOutcome> Save(
        ConsolePerson person, string policy, string action, string targetType, string targetId, object body, Func<Actor, RequestValidation, Task<int?>> store)
    {
        var outcome = await Attempt(person, policy, v => store(Actor.Employee(person.EmployeeId, ConsoleSignIn.Door), v));
        var record = new AuditRecord(
            AuditChannels.Console, action, outcome.Status.ToString(CultureInfo.InvariantCulture), EmployeeId: person.EmployeeId,
            Door: ConsoleSignIn.Door, TargetType: targetType, TargetId: targetId, Digest: AuditDigests.Of(JsonSerializer.Serialize(body, Json)));
        try
        {
            await audit.AppendAsync(record, CancellationToken.None);
        }
        catch (AuditUnavailableException ex)
        {
            // Nothing acknowledged is unaudited: the person is told it could not be recorded, as the API answers 503.
            LogUnaudited(logger, ex, person.EmployeeId, action, targetId);
            var (status, title, _) = ApiProblems.Map(ex);
            return new SaveOutcome(status, null, NoErrors, title);
        }

        return outcome;
    }

    private async Task<SaveOutcome> Attempt(ConsolePerson person, string policy, Func<RequestValidation, Task<int?>> store)
    {
        if (!await May(person, policy))
        {
            return new SaveOutcome(StatusCodes.Status403Forbidden, null, NoErrors, "The caller may not make this request.");
        }

        var v = new RequestValidation();
        try
        {
            return await store(v) is { } version
                ? new SaveOutcome(StatusCodes.Status200OK, version, NoErrors, null)
                : new SaveOutcome(StatusCodes.Status400BadRequest, null, v.Errors, "The request is not valid.");
        }
        catch (Exception ex) when (ApiProblems.Map(ex) is { Status: > 0 } problem)
        {
            // A rule only the grain knows (the last catch-all policy of a kind) still names its field.
            var errors = problem.Field is { } field ? new Dictionary<string, IReadOnlyList<string>> { [field] = [problem.Title] } : NoErrors;
            return new SaveOutcome(problem.Status, null, errors, problem.Title);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Console: {Action} of employee {EmployeeId} on {TargetId} could not be audited; not acknowledged")]
    private static partial void LogUnaudited(ILogger logger, Exception exception, string employeeId, string action, string targetId);
}
