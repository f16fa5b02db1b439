namespace WealthActors.Grains.ReadModel;

/// <summary>Finds the cases a calendar change must re-arm, from the calendar ids the complaints project.</summary>
public interface IComplaintCalendarIndex
{
    /// <summary>
    /// Ids of the complaints not resolved whose SLA clock counts in <paramref name="calendarId"/> or whose policy names it
    /// while it did not exist (<see cref="ComplaintRow.AwaitedCalendarId"/>), in ordinal order,
    /// after <paramref name="afterComplaintId"/> (null: from the start), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<string>> OpenComplaintsOnCalendar(
        string calendarId, string? afterComplaintId, int limit, CancellationToken cancellationToken = default);
}
