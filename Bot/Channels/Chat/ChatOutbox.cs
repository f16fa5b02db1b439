using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// A channel's one way out for background sends: a bounded queue worked by two senders. Nothing here blocks a grain or
/// a request; what cannot be sent is logged, and the inbox, which is the source of truth, still holds it. A channel
/// supplies how to send and which failures ask to be tried later.
/// </summary>
/// <remarks>
/// The outbox does not retry what the transport already retried (the network, timeouts, 5xx: see
/// <see cref="ChatHttpResilience"/>). It puts a job back on the queue only when the service named a later time: a wait
/// longer than the transport holds a call for, or a "busy"/frequency answer that comes with HTTP 200. What is given up
/// is handed over again by the employee grain's push reminder, the durable backstop.
/// </remarks>
public abstract partial class ChatOutbox<TJob> : BackgroundService
    where TJob : ChatJob
{
    private const int Workers = 2;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly Channel<TJob> _queue;

    // Pushes queued, waiting or being retried, so a push handed over again (after the employee grain was re-activated)
    // while the first is still on its way is not sent twice.
    private readonly ConcurrentDictionary<(string EmployeeId, string MessageId), byte> _inFlight = new();
    private readonly IGrainFactory _grains;
    private readonly ChatDeliveryOptions _options;
    private readonly TimeProvider _time;
    private CancellationToken _stopping = CancellationToken.None;

    /// <param name="channel">The channel's name, as recorded in a message's <c>deliveredVia</c> and in the log.</param>
    /// <param name="time">Wall-clock time: backoff follows the chat service's clock, never the business clock.</param>
    protected ChatOutbox(string channel, IGrainFactory grains, ChatDeliveryOptions options, TimeProvider time, ILogger logger)
    {
        Channel = channel;
        _grains = grains;
        _options = options;
        _time = time;
        Logger = logger;
        _queue = System.Threading.Channels.Channel.CreateBounded<TJob>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    protected string Channel { get; }

    protected ILogger Logger { get; }

    /// <summary>The chat service's clock (see the constructor).</summary>
    protected TimeProvider Time => _time;

    /// <summary>
    /// Queues without waiting; false when the queue is full and the job was dropped. A push of a message that is
    /// already on its way counts as queued.
    /// </summary>
    public bool TryEnqueue(TJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Pushed is { } push && !_inFlight.TryAdd(InFlightKey(push), 0))
        {
            ChatOutboxLog.AlreadyQueued(Logger, Channel, push.EmployeeId, push.Message.Key);
            return true;
        }

        if (job.Pushed is not null && Coalesces)
        {
            JoinWave(job);
            return true;
        }

        return Write(job);
    }

    /// <summary>
    /// Whether <paramref name="push"/> is queued, waiting or being retried here; false once it was sent or given up,
    /// after which nothing more is sent for it unless it is handed over again.
    /// </summary>
    public bool IsOnItsWay(InboxPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return _inFlight.ContainsKey(InFlightKey(push));
    }

    /// <summary>Puts the job on the queue; false (logged, settled) when the queue is full.</summary>
    private bool Write(TJob job)
    {
        if (_queue.Writer.TryWrite(job))
        {
            return true;
        }

        ChatOutboxLog.Dropped(Logger, Channel, job.Target, job.GetType().Name);
        Settle(job);
        return false;
    }

    /// <summary>Sends one job; throws on failure.</summary>
    protected abstract Task Send(TJob job, CancellationToken cancellationToken);

    /// <summary>Whether the service asked for the job to come back later (the transport has given up on it already).</summary>
    protected abstract bool IsTransientFailure(Exception exception);

    /// <summary>How long the job must wait before it may be sent (a channel's pacing); null or zero to send now.</summary>
    protected virtual TimeSpan? Pace(TJob job) => null;

    /// <summary>The wait before the next attempt; a channel may stretch <paramref name="backoff"/> (e.g. to a Retry-After).</summary>
    protected virtual TimeSpan RetryDelay(Exception exception, TimeSpan backoff) => backoff;

    /// <summary>
    /// The push is out; only the record of it is left. A failure here must not resend it, so it is logged: the message
    /// stays in the inbox, merely without this channel among its channels until handed over again.
    /// </summary>
    protected async Task RecordDelivered(InboxPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        try
        {
            await _grains.GetGrain<IEmployeeGrain>(push.EmployeeId).MarkDelivered(push.Message.Id, Channel).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ChatOutboxLog.MarkFailed(Logger, ex, Channel, push.EmployeeId, push.Message.Key);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        return Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Work(stoppingToken)));
    }

    private async Task Work(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var later = false;
                try
                {
                    later = await Process(job, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    if (!later)
                    {
                        Settle(job);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; queued pushes remain in the inboxes.
        }
    }

    /// <summary>Sends the job; true when it was put back to be tried again later.</summary>
    private async Task<bool> Process(TJob job, CancellationToken stoppingToken)
    {
        if (!job.Reserved && Pace(job) is { } wait && wait > TimeSpan.Zero)
        {
            ChatOutboxLog.Paced(Logger, Channel, job.Target, wait);
            _ = RequeueAfter(job, wait);
            return true;
        }

        try
        {
            await Send(job, stoppingToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception ex) when (IsTransient(ex, stoppingToken))
        {
            var failures = job.Failures + 1;
            if (failures >= _options.MaxAttempts)
            {
                ChatOutboxLog.GaveUp(Logger, ex, Channel, job.Target, job.GetType().Name, failures);
                return false;
            }

            var backoff = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, _options.FirstRetryDelay.Ticks << Math.Min(failures - 1, 16)));
            var delay = RetryDelay(ex, backoff);
            ChatOutboxLog.Retrying(Logger, ex, Channel, job.Target, job.GetType().Name, failures, delay);
            _ = RequeueAfter(job with { Failures = failures, Reserved = false }, delay);
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            ChatOutboxLog.GaveUp(Logger, ex, Channel, job.Target, job.GetType().Name, job.Failures + 1);
            return false;
        }
    }

    // Network failures and timeouts reach here only after the transport's own retries: they are not retried again.
    private bool IsTransient(Exception exception, CancellationToken stoppingToken) =>
        !stoppingToken.IsCancellationRequested && IsTransientFailure(exception);

    private async Task RequeueAfter(TJob job, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping).ConfigureAwait(false);
            Write(job);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>The job is done with (sent or given up): a later hand-over of the same push is sent again.</summary>
    private void Settle(TJob job)
    {
        foreach (var push in job.Carried)
        {
            _inFlight.TryRemove(InFlightKey(push), out _);
        }
    }

    private static (string, string) InFlightKey(InboxPush push) => (push.EmployeeId, push.Message.Id);
}
