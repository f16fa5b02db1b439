namespace WealthActors.Grains.Sla;

/// <summary>
/// Working time. The Calendar clock counts every instant; a Business clock counts only working days.
/// </summary>
public interface IBusinessCalendar
{
    string Id { get; }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of working time has elapsed after <paramref name="start"/>
    /// (amount &gt;= 0). If start is outside working time, counting begins at the next working instant.
    /// </summary>
    DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount);

    /// <summary>Working time in [start, end); zero when end &lt;= start.</summary>
    TimeSpan WorkingTimeBetween(DateTimeOffset start, DateTimeOffset end);
}
