using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// The one way out to WeCom for background sends: a bounded queue, paced per member, retried with exponential
/// backoff on transient failures. Nothing here blocks a grain or a callback; what cannot be sent is logged, and the
/// inbox, which is the source of truth, still holds it.
/// </summary>
public sealed partial class WeComOutbox : BackgroundService
{
    private const int Workers = 2;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly Channel<WeComJob> _queue;

    // Pushes queued, waiting or being retried, so a push handed over again (after the employee grain was re-activated)
    // while the first is still on its way is not sent twice.
    private readonly ConcurrentDictionary<(string EmployeeId, string MessageId), byte> _inFlight = new();
    private readonly IServiceProvider _services;
    private readonly IGrainFactory _grains;
    private readonly WeComDeliveryOptions _options;
    private readonly WeComRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComOutbox> _logger;
    private CancellationToken _stopping = CancellationToken.None;

    /// <param name="time">Wall-clock time: pacing and backoff follow WeCom's clock, never the business clock.</param>
    public WeComOutbox(
        IServiceProvider services, IGrainFactory grains, IOptions<WeComDeliveryOptions> options, TimeProvider time, ILogger<WeComOutbox> logger)
    {
        _services = services;
        _grains = grains;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _limiter = new WeComRateLimiter(time, _options.PerUserPerMinute);
        _queue = Channel.CreateBounded<WeComJob>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>
    /// Queues without waiting; false when the queue is full and the job was dropped. A push of a message that is
    /// already on its way counts as queued.
    /// </summary>
    public bool TryEnqueue(WeComJob job)
    {
        if (job is WeComPushJob push && !_inFlight.TryAdd(InFlightKey(push), 0))
        {
            LogAlreadyQueued(_logger, push.Push.EmployeeId, push.Push.Message.Key);
            return true;
        }

        if (_queue.Writer.TryWrite(job))
        {
            return true;
        }

        LogDropped(_logger, job.UserId, job.GetType().Name);
        Settle(job);
        return false;
    }

    /// <summary>Sends <paramref name="pending"/>'s answer once it is ready: the callback has already been answered.</summary>
    public async Task SendWhenReady(string userId, Task<Conversation.BotReply> pending)
    {
        try
        {
            TryEnqueue(new WeComReplyJob(userId, await pending.ConfigureAwait(false)));
        }
        catch (Exception ex)
        {
            LogReplyLost(_logger, ex, userId);
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
                await Process(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; queued pushes remain in the inboxes.
        }
    }

    private async Task Process(WeComJob job, CancellationToken stoppingToken)
    {
        var later = false;
        try
        {
            later = await TryProcess(job, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            if (!later)
            {
                Settle(job);
            }
        }
    }

    /// <summary>Sends the job; true when it was put back to be tried again later.</summary>
    private async Task<bool> TryProcess(WeComJob job, CancellationToken stoppingToken)
    {
        if (job.IsMessage && _limiter.TryAcquire(job.UserId) is { } wait && wait > TimeSpan.Zero)
        {
            LogPaced(_logger, job.UserId, wait);
            Later(job, wait);
            return true;
        }

        try
        {
            var client = _services.GetRequiredService<WeComApiClient>();
            await Send(client, job, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex, stoppingToken))
        {
            var failures = job.Failures + 1;
            if (failures >= _options.MaxAttempts)
            {
                LogGaveUp(_logger, ex, job.UserId, job.GetType().Name, failures);
                return false;
            }

            var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, _options.FirstRetryDelay.Ticks << Math.Min(failures - 1, 16)));
            LogRetrying(_logger, ex, job.UserId, job.GetType().Name, failures, delay);
            Later(job with { Failures = failures }, delay);
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogGaveUp(_logger, ex, job.UserId, job.GetType().Name, job.Failures + 1);
        }

        return false;
    }

    private async Task Send(WeComApiClient client, WeComJob job, CancellationToken cancellationToken)
    {
        switch (job)
        {
            case WeComPushJob push:
                var card = WeComReplies.ToTemplateCard(
                    WeComReplies.TaskId(push.UserId, push.Push.Message.Id), Conversation.InboxCards.For(push.Push.Message));
                var result = await client.SendTemplateCardAsync([push.UserId], card, cancellationToken).ConfigureAwait(false);
                if (result.InvalidUsers.Contains(push.UserId, StringComparer.OrdinalIgnoreCase))
                {
                    LogUnreachable(_logger, push.UserId, push.Push.EmployeeId);
                    return;
                }

                LogPushed(_logger, push.Push.EmployeeId, push.UserId, push.Push.Message.Key);
                await MarkDelivered(push).ConfigureAwait(false);
                break;
            case WeComReplyJob reply:
                await client.SendTextAsync([reply.UserId], WeComReplies.ToText(reply.Reply), cancellationToken).ConfigureAwait(false);
                break;
            case WeComCardUpdateJob update:
                await client.UpdateTemplateCardAsync(update.ResponseCode, update.Card, [update.UserId], cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// The card is out; only the record of it is left. A failure here must not resend the card, so it is logged:
    /// the message stays in the inbox, merely without "wecom" among its channels.
    /// </summary>
    private async Task MarkDelivered(WeComPushJob push)
    {
        try
        {
            await _grains.GetGrain<IEmployeeGrain>(push.Push.EmployeeId)
                .MarkDelivered(push.Push.Message.Id, ChannelIdentity.WeCom).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogMarkFailed(_logger, ex, push.Push.EmployeeId, push.Push.Message.Key);
        }
    }

    private void Later(WeComJob job, TimeSpan delay) => _ = RequeueAfter(job, delay);

    private async Task RequeueAfter(WeComJob job, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping).ConfigureAwait(false);
            if (!_queue.Writer.TryWrite(job))
            {
                LogDropped(_logger, job.UserId, job.GetType().Name);
                Settle(job);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>The job is done with (sent or given up): a later hand-over of the same push is sent again.</summary>
    private void Settle(WeComJob job)
    {
        if (job is WeComPushJob push)
        {
            _inFlight.TryRemove(InFlightKey(push), out _);
        }
    }

    private static (string, string) InFlightKey(WeComPushJob push) => (push.Push.EmployeeId, push.Push.Message.Id);

    /// <summary>
    /// Network failures, timeouts, and WeCom's "system busy" (-1) and frequency limits (45009, 45033) pass; anything
    /// else (an unknown member, a malformed card) would fail again the same way.
    /// </summary>
    private static bool IsTransient(Exception exception, CancellationToken stoppingToken) => exception switch
    {
        HttpRequestException => true,
        TaskCanceledException => !stoppingToken.IsCancellationRequested,
        WeComApiException api => api.ErrCode is -1 or 45009 or 45033,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom: message {Key} of employee {EmployeeId} pushed to {UserId} as a card")]
    private static partial void LogPushed(ILogger logger, string employeeId, string userId, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WeCom: member {UserId} is at the rate limit; next send in {Wait}")]
    private static partial void LogPaced(ILogger logger, string userId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom: {Job} to {UserId} failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string userId, string job, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom: {Job} to {UserId} failed after {Attempts} attempt(s); giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string userId, string job, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WeCom: message {Key} of employee {EmployeeId} is already on its way")]
    private static partial void LogAlreadyQueued(ILogger logger, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom: queue full; {Job} to {UserId} dropped")]
    private static partial void LogDropped(ILogger logger, string userId, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom: member {UserId} of employee {EmployeeId} cannot receive messages from the app")]
    private static partial void LogUnreachable(ILogger logger, string userId, string employeeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom: recording delivery of {Key} for employee {EmployeeId} failed")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom: the delayed answer for {UserId} was lost")]
    private static partial void LogReplyLost(ILogger logger, Exception exception, string userId);
}
