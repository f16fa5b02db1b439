using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// Waves: on a channel that limits what one person may be sent (<see cref="Coalesces"/>), pushes do not queue one by
/// one behind the limit. They wait per person, and each time a send frees up the channel plans the whole wait at once
/// (<see cref="PushCoalescing"/>): alone while they fit the budget, as summary cards once they do not. A push stays in
/// flight until its card or summary is sent, so a hand-over of it meanwhile is not queued twice; a push lost with the
/// process is handed over again by the employee grain, as any other.
/// </summary>
public abstract partial class ChatOutbox<TJob>
{
    private readonly Dictionary<string, List<TJob>> _waves = new(StringComparer.Ordinal);
    private readonly Lock _wavesLock = new();

    /// <summary>Whether pushes to one person wait together and coalesce when they exceed the channel's budget.</summary>
    protected virtual bool Coalesces => false;

    /// <summary>
    /// Plans what to send <paramref name="target"/> now from its pending pushes (oldest first), taking the sends it
    /// plans from the channel's budget in the same step. Only called when <see cref="Coalesces"/>.
    /// </summary>
    protected virtual PushPlan PlanWave(string target, IReadOnlyList<InboxPush> pending) => new(pending, [], [], null);

    /// <summary>The job that sends <paramref name="pushes"/> to <paramref name="target"/> as one summary card.</summary>
    protected virtual TJob Summary(string target, IReadOnlyList<InboxPush> pushes) =>
        throw new NotSupportedException($"{Channel} does not coalesce pushes.");

    /// <summary>Pushes waiting for a send to free up, for all people (for tests and diagnostics).</summary>
    public int WaitingPushes
    {
        get
        {
            lock (_wavesLock)
            {
                return _waves.Values.Sum(w => w.Count);
            }
        }
    }

    private void JoinWave(TJob job)
    {
        bool first;
        lock (_wavesLock)
        {
            first = !_waves.TryGetValue(job.Target, out var wave);
            if (first)
            {
                wave = [];
                _waves[job.Target] = wave;
            }

            wave!.Add(job);
        }

        // The first push of a wave plans it; the ones that join before the plan runs go with it. Off the caller's
        // thread, which is often a grain's turn.
        if (first)
        {
            _ = Task.Run(() => DrainAt(job.Target, DateTimeOffset.MinValue));
        }
    }

    /// <summary>Sends what the plan for <paramref name="target"/>'s wave allows now and schedules the rest.</summary>
    private void Drain(string target)
    {
        var sends = new List<TJob>();
        DateTimeOffset? wakeAt;
        lock (_wavesLock)
        {
            if (!_waves.TryGetValue(target, out var wave))
            {
                return;
            }

            var byPush = wave.ToDictionary(j => (object)j.Pushed!, ReferenceEqualityComparer.Instance);
            var plan = PlanWave(target, [.. wave.Select(j => j.Pushed!)]);
            sends.AddRange(plan.Alone.Select(p => byPush[p] with { Reserved = true }));
            sends.AddRange(plan.Summaries.Select(s => Summary(target, s) with { Reserved = true }));
            var waiting = plan.Waiting.Select(p => byPush[p]).ToList();
            if (waiting.Count == 0)
            {
                _waves.Remove(target);
            }
            else
            {
                _waves[target] = waiting;
            }

            wakeAt = waiting.Count == 0 ? null : plan.WakeAt ?? _time.GetUtcNow();
        }

        foreach (var send in sends)
        {
            Write(send);
        }

        if (wakeAt is { } at)
        {
            _ = DrainAt(target, at);
        }
    }

    private async Task DrainAt(string target, DateTimeOffset at)
    {
        try
        {
            var wait = at - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, _stopping).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
            }

            Drain(target);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the waiting pushes remain owed in the inboxes and are handed over again.
        }
        catch (Exception ex)
        {
            // Left waiting, the wave would never be planned again; settled, its pushes are handed over again later.
            ChatOutboxLog.WaveFailed(Logger, ex, Channel, target);
            List<TJob>? lost;
            lock (_wavesLock)
            {
                _waves.Remove(target, out lost);
            }

            foreach (var job in lost ?? [])
            {
                Settle(job);
            }
        }
    }
}
