using Orleans.Configuration;

namespace WealthActors.Silo.Hosting;

/// <summary>
/// How often the reminder service re-reads its share of the reminder table. Every active complaint holds one reminder,
/// and each refresh reads all of them and reconciles them on the one scheduler that also fires the ticks: with 100,000
/// open complaints and Orleans' default of every 5 minutes, 0.8–1 % of the ticks fired over 250 ms late, in bursts.
/// Registrations reach the owning silo directly and a change of silos re-reads the moved range at once, so the refresh
/// only has to bring reminders into the loading window in time; a window twice the period does that.
/// </summary>
public static class ReminderServiceDefaults
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan LoadingWindow = TimeSpan.FromHours(1);

    public static void Apply(ReminderOptions options)
    {
        options.RefreshReminderListPeriod = RefreshPeriod;
        options.ReminderLoadingWindow = LoadingWindow;
    }
}
