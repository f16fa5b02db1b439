namespace WealthActors.Calendars;

/// <summary>
/// The business calendars of the firm (one catalog, key <see cref="DefaultKey"/>), versioned. The shipped calendars
/// are present from the start. Changing a calendar re-arms the open cases that count in it.
/// </summary>
[Alias("WealthActors.ICalendarCatalogGrain")]
public interface ICalendarCatalogGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>
    /// Creates or replaces a calendar (its version increases by one), then re-arms the open cases counting in it; that
    /// fan-out is recorded first and retried until done. Returns the stored calendar.
    /// </summary>
    [Alias("Put")]
    Task<BusinessCalendarDefinition> Put(BusinessCalendarDefinition calendar, Actor actor);

    // Reads interleave with a Put's re-arm fan-out: a case may ask for the calendar while being told of it.
    [Alias("List"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<BusinessCalendarDefinition>> List();

    [Alias("Get"), ReadOnly, AlwaysInterleave]
    Task<BusinessCalendarDefinition?> Get(string calendarId);

    /// <summary>Every saved version of a calendar, newest first; null when there is no such calendar.</summary>
    [Alias("Versions"), ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<SettingsVersion<BusinessCalendarDefinition>>?> Versions(string calendarId);
}
