using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders.Diagnostics;
using Orleans.Timers;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>
/// Tells when no reminder is between schedules, so a test may jump the fake clock. A reminder's due time is taken
/// from the clock twice on its way: when the reminder service receives the registration (due = now + the grain's
/// delay) and when its local wait starts a timer (timer = now + the time left). A jump in either gap moves that
/// reminder late by the whole jump, and a test then waits for a tick that only a further jump would bring. Settled
/// means no registration or removal is on its way from a grain, and every local reminder has armed its wait for the
/// schedule it has now.
/// </summary>
public sealed class ReminderSettling : IObserver<ReminderEvents.ReminderEvent>, IDisposable
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), LocalReminder> _reminders = new();
    private readonly IDisposable _subscription;
    private int _changesInFlight;

    public ReminderSettling() => _subscription = ReminderEvents.AllEvents.Subscribe(this);

    /// <summary>Waits until reminders have settled, seen twice in a row a moment apart (a grain's next change may queue behind its last).</summary>
    public async Task WhenSettled()
    {
        for (var settledChecks = 0; settledChecks < 2; settledChecks++)
        {
            await Eventually.Until(() => Task.FromResult(Settled), settled => settled, "reminders to settle before the clock moves");
            await Task.Delay(20);
        }
    }

    private bool Settled => Volatile.Read(ref _changesInFlight) == 0 && _reminders.Values.All(r => r.Armed);

    internal async Task<T> Change<T>(Func<Task<T>> change)
    {
        Interlocked.Increment(ref _changesInFlight);
        try
        {
            return await change();
        }
        finally
        {
            Interlocked.Decrement(ref _changesInFlight);
        }
    }

    public void OnNext(ReminderEvents.ReminderEvent value)
    {
        var key = (value.GrainId, value.ReminderName);
        switch (value)
        {
            case ReminderEvents.LocalReminderStarted started:
                _reminders[key] = new LocalReminder(started.Identity, Version: -1, Armed: false);
                break;
            case ReminderEvents.LocalReminderScheduleChanged changed:
                _reminders[key] = new LocalReminder(changed.Identity, changed.ScheduleVersion, Armed: false);
                break;
            case ReminderEvents.LocalReminderTickWaitArmed armed:
                _reminders.AddOrUpdate(key, _ => new LocalReminder(armed.Identity, armed.ScheduleVersion, Armed: true),
                    (_, known) => ReferenceEquals(known.Identity, armed.Identity) && armed.ScheduleVersion < known.Version
                        ? known
                        : new LocalReminder(armed.Identity, armed.ScheduleVersion, Armed: true));
                break;
            case ReminderEvents.LocalReminderStopped stopped:
                // Only the instance that stopped: a newer one for the same reminder may have started already.
                if (_reminders.TryGetValue(key, out var current) && ReferenceEquals(current.Identity, stopped.Identity))
                {
                    _reminders.TryRemove(KeyValuePair.Create(key, current));
                }

                break;
            case ReminderEvents.TickFiring or ReminderEvents.TickCompleted or ReminderEvents.TickFailed:
                // Until its next wait is armed.
                _reminders.AddOrUpdate(key, _ => new LocalReminder(null, -1, Armed: false), (_, known) => known with { Armed = false });
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>Wraps the silo's reminder registry, so a change is counted from the moment a grain asks for it.</summary>
    public static void Install(IServiceCollection services, ReminderSettling settling)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReminderRegistry));
        services.Remove(registered);
        services.AddSingleton<IReminderRegistry>(provider => new SettlingReminderRegistry(
            (IReminderRegistry)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            settling));
    }

    private sealed record LocalReminder(object? Identity, long Version, bool Armed);

    private sealed class SettlingReminderRegistry(IReminderRegistry inner, ReminderSettling settling) : IReminderRegistry
    {
        public Task<IGrainReminder> RegisterOrUpdateReminder(GrainId callingGrainId, string reminderName, TimeSpan dueTime, TimeSpan period) =>
            settling.Change(() => inner.RegisterOrUpdateReminder(callingGrainId, reminderName, dueTime, period));

        public Task UnregisterReminder(GrainId callingGrainId, IGrainReminder reminder) =>
            settling.Change(async () =>
            {
                await inner.UnregisterReminder(callingGrainId, reminder);
                return true;
            });

        public Task<IGrainReminder?> GetReminder(GrainId callingGrainId, string reminderName) => inner.GetReminder(callingGrainId, reminderName);

        public Task<List<IGrainReminder>> GetReminders(GrainId callingGrainId) => inner.GetReminders(callingGrainId);
    }
}
