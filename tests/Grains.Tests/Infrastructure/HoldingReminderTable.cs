using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>
/// The silo's reminder table, with the registrations of chosen grains held back until a test lets them go: a slow
/// reminder write, seen from the grain that waits for it.
/// </summary>
public sealed class HoldingReminderTable(IReminderTable inner, ReminderHolds holds) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await holds.Passage(entry.GrainId);
        return await inner.UpsertRow(entry);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();

    /// <summary>Wraps whichever reminder table the silo registered.</summary>
    public static void Install(IServiceCollection services, ReminderHolds holds)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReminderTable));
        services.Remove(registered);
        services.AddSingleton<IReminderTable>(provider => new HoldingReminderTable(Resolve(provider, registered), holds));
    }

    private static IReminderTable Resolve(IServiceProvider provider, ServiceDescriptor registered) =>
        (IReminderTable)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
}

/// <summary>Which grains' reminder registrations wait, and until when.</summary>
public sealed class ReminderHolds
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private int _waiting;

    /// <summary>Holds the reminder registrations of the grain whose key is <paramref name="key"/> until the returned handle is disposed.</summary>
    public IDisposable Hold(string key)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held[key] = gate;
        return new Release(() =>
        {
            _held.TryRemove(key, out _);
            gate.TrySetResult();
        });
    }

    /// <summary>How many registrations are waiting now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    internal async Task Passage(GrainId grainId)
    {
        if (!_held.TryGetValue(grainId.Key.ToString()!, out var gate))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await gate.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
