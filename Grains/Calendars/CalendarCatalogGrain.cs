using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Calendars;
using WealthActors.Complaints;
using WealthActors.Grains.Hosting;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Settings;
using WealthActors.Grains.Sla;

namespace WealthActors.Grains.Calendars;

/// <summary>
/// The calendar catalog: validates and versions calendars, then re-arms the open cases counting in a changed one. The
/// re-arm is recorded in the same state write as the change and retried by a reminder until every case took it, so a
/// crash half-way loses nothing (a case told twice re-evaluates twice, which changes nothing the second time).
/// </summary>
public sealed partial class CalendarCatalogGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<CalendarCatalogState> state,
    IBusinessCalendarProvider calendars,
    IComplaintCalendarIndex index,
    IOptions<SlaOptions> slaOptions,
    TimeProvider clock,
    ILogger<CalendarCatalogGrain> logger) : Grain, ICalendarCatalogGrain, IRemindable
{
    private const string RearmReminder = "calendar-rearm";
    private const int PageSize = 200;

    // Orleans refuses periods below its configured minimum, which follows Sla:ReminderRetryPeriod.
    private TimeSpan RetryPeriod => slaOptions.Value.ReminderRetryPeriod > TimeSpan.FromMinutes(1)
        ? slaOptions.Value.ReminderRetryPeriod
        : TimeSpan.FromMinutes(1);

    private Dictionary<string, BusinessCalendarDefinition> Calendars
    {
        get
        {
            var stored = state.State.Calendars ??= new(StringComparer.Ordinal);

            // A calendar shipped by a later release appears without overwriting anything an administrator stored.
            foreach (var shipped in ShippedCalendars.All)
            {
                stored.TryAdd(shipped.Id, shipped);
            }

            return stored;
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.PendingRearm.Count > 0)
        {
            // The change was stored but its reminder may not have been: make sure something retries it.
            await this.RegisterOrUpdateReminder(RearmReminder, RetryPeriod, RetryPeriod, CancellationToken.None);
        }
    }

    public async Task<BusinessCalendarDefinition> Put(BusinessCalendarDefinition calendar, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (BusinessCalendarRules.Validate(calendar) is { Count: > 0 } problems)
        {
            throw new DomainValidationException(problems[0].Field, problems[0].Message);
        }

        var version = Calendars.TryGetValue(calendar.Id, out var existing) ? existing.Version + 1 : 1;
        var stored = calendar with { Version = version };

        // Registered before the write: a reminder without a pending re-arm only ends itself, while a pending re-arm
        // without a reminder could wait for the next activation.
        await this.RegisterOrUpdateReminder(RearmReminder, RetryPeriod, RetryPeriod);
        Calendars[calendar.Id] = stored;
        state.State.PendingRearm[calendar.Id] = version;
        if (!state.State.History.TryGetValue(calendar.Id, out var history))
        {
            state.State.History[calendar.Id] = history = [];
        }

        SettingsHistory.Record(history, existing is null ? null : (existing.Version, existing), new(version, stored, actor, clock.GetUtcNow()));
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        calendars.Update(stored);
        LogCalendarStored(logger, this.GetPrimaryKeyString(), calendar.Id, version, actor.Id);
        await RearmPending();
        return stored;
    }

    public Task<IReadOnlyList<BusinessCalendarDefinition>> List()
    {
        IReadOnlyList<BusinessCalendarDefinition> all = Calendars.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        return Task.FromResult(all);
    }

    public Task<BusinessCalendarDefinition?> Get(string calendarId) => Task.FromResult(Calendars.GetValueOrDefault(calendarId));

    public Task<IReadOnlyList<SettingsVersion<BusinessCalendarDefinition>>?> Versions(string calendarId) =>
        Task.FromResult(Calendars.GetValueOrDefault(calendarId) is { } current
            ? SettingsHistory.Read(state.State.History.GetValueOrDefault(calendarId), current.Version, current)
            : null);

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == RearmReminder ? RearmPending() : Task.CompletedTask;

    private async Task RearmPending()
    {
        foreach (var (calendarId, version) in state.State.PendingRearm.ToArray())
        {
            try
            {
                var calendar = Calendars[calendarId];
                if (await TellOpenCases(calendar) && state.State.PendingRearm.GetValueOrDefault(calendarId) == version)
                {
                    state.State.PendingRearm.Remove(calendarId);
                    await state.WriteStateAsync();
                    LogRearmDone(logger, this.GetPrimaryKeyString(), calendarId, version);
                }
            }
            catch (Exception ex)
            {
                // The change itself is stored; the pending re-arm stays recorded and the reminder tries again.
                LogRearmPassFailed(logger, ex, this.GetPrimaryKeyString(), calendarId, version);
            }
        }

        if (state.State.PendingRearm.Count == 0 && await this.GetReminder(RearmReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Tells every open case on <paramref name="calendar"/>; false when any could not be told (retried later).</summary>
    private async Task<bool> TellOpenCases(BusinessCalendarDefinition calendar)
    {
        var complete = true;
        string? after = null;
        while (true)
        {
            var page = await index.OpenComplaintsOnCalendar(calendar.Id, after, PageSize);
            var results = await Task.WhenAll(page.Select(id => Tell(id, calendar)));
            complete &= results.All(told => told);
            if (page.Count < PageSize)
            {
                return complete;
            }

            after = page[^1];
        }
    }

    private async Task<bool> Tell(string complaintId, BusinessCalendarDefinition calendar)
    {
        try
        {
            await GrainFactory.GetGrain<IComplaintGrain>(complaintId).CalendarChanged(calendar);
            return true;
        }
        catch (Exception ex)
        {
            LogRearmFailed(logger, ex, this.GetPrimaryKeyString(), calendar.Id, complaintId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar catalog {CatalogId}: calendar {CalendarId} stored as version {Version} by {ActorId}")]
    private static partial void LogCalendarStored(ILogger logger, string catalogId, string calendarId, int version, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar catalog {CatalogId}: open cases on calendar {CalendarId} re-armed for version {Version}")]
    private static partial void LogRearmDone(ILogger logger, string catalogId, string calendarId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar catalog {CatalogId}: re-arm of calendar {CalendarId} v{Version} did not finish; retried by reminder")]
    private static partial void LogRearmPassFailed(ILogger logger, Exception exception, string catalogId, string calendarId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar catalog {CatalogId}: re-arming complaint {ComplaintId} on calendar {CalendarId} failed; retried later")]
    private static partial void LogRearmFailed(ILogger logger, Exception exception, string catalogId, string calendarId, string complaintId);
}
