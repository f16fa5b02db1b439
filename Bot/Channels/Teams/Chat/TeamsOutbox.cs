using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// The one way out to Teams for background sends: a bounded queue, retried with exponential backoff on transient
/// failures (the Connector client already spaces calls per conversation and retries single calls). Nothing here
/// blocks a grain or a request; what cannot be sent is logged, and the inbox, which is the source of truth, still
/// holds it.
/// </summary>
public sealed partial class TeamsOutbox : BackgroundService
{
    private const int Workers = 2;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly Channel<TeamsJob> _queue;
    private readonly IServiceProvider _services;
    private readonly IGrainFactory _grains;
    private readonly TeamsDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TeamsOutbox> _logger;

    // Pushes queued, waiting or being retried, so a push handed over again (after the employee grain was re-activated)
    // while the first is still on its way is not sent twice.
    private readonly ConcurrentDictionary<(string EmployeeId, string MessageId), byte> _inFlight = new();
    private CancellationToken _stopping = CancellationToken.None;

    /// <param name="time">Wall-clock time: backoff follows Teams' clock, never the business clock.</param>
    public TeamsOutbox(
        IServiceProvider services, IGrainFactory grains, IOptions<TeamsDeliveryOptions> options, TimeProvider time, ILogger<TeamsOutbox> logger)
    {
        _services = services;
        _grains = grains;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<TeamsJob>(new BoundedChannelOptions(_options.QueueCapacity)
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
    public bool TryEnqueue(TeamsJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job is TeamsPushJob push && !_inFlight.TryAdd(InFlightKey(push), 0))
        {
            LogAlreadyQueued(_logger, push.Push.EmployeeId, push.Push.Message.Key);
            return true;
        }

        if (_queue.Writer.TryWrite(job))
        {
            return true;
        }

        LogDropped(_logger, job.Target, job.GetType().Name);
        Settle(job);
        return false;
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
    private async Task<bool> Process(TeamsJob job, CancellationToken stoppingToken)
    {
        try
        {
            var connector = _services.GetRequiredService<BotConnectorClient>();
            await Send(connector, job, stoppingToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception ex) when (IsTransient(ex, stoppingToken))
        {
            var failures = job.Failures + 1;
            if (failures >= _options.MaxAttempts)
            {
                LogGaveUp(_logger, ex, job.Target, job.GetType().Name, failures);
                return false;
            }

            var backoff = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, _options.FirstRetryDelay.Ticks << Math.Min(failures - 1, 16)));
            var delay = ex is BotConnectorException { RetryAfter: { } asked } && asked > backoff ? asked : backoff;
            LogRetrying(_logger, ex, job.Target, job.GetType().Name, failures, delay);
            _ = RequeueAfter(job with { Failures = failures }, delay);
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogGaveUp(_logger, ex, job.Target, job.GetType().Name, job.Failures + 1);
            return false;
        }
    }

    private async Task Send(BotConnectorClient connector, TeamsJob job, CancellationToken cancellationToken)
    {
        switch (job)
        {
            case TeamsPushJob push:
                await SendPush(connector, push.Push, cancellationToken).ConfigureAwait(false);
                break;
            case TeamsReplyJob reply:
                await connector.ReplyToActivityAsync(reply.Reply, cancellationToken).ConfigureAwait(false);
                break;
            case TeamsSendJob send:
                await connector.SendToConversationAsync(
                    send.Message.ServiceUrl!, send.Message.Conversation!.Id, send.Message, cancellationToken).ConfigureAwait(false);
                break;
            case TeamsUpdateJob update:
                await connector.UpdateActivityAsync(
                    update.Update.ServiceUrl!, update.Update.Conversation!.Id, update.Update.Id!, update.Update, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task SendPush(BotConnectorClient connector, InboxPush push, CancellationToken cancellationToken)
    {
        var profile = push.Profile ?? throw new TeamsUnreachableException(push.EmployeeId, "no profile");
        var card = AdaptiveCardBuilder.BuildAttachment(TeamsCards.ForInbox(push.Message));
        var sender = _services.GetRequiredService<TeamsProactiveSender>();
        var sent = await sender.SendAsync(connector, push.EmployeeId, profile, [card], cancellationToken).ConfigureAwait(false);
        LogPushed(_logger, push.EmployeeId, push.Message.Key, sent.Id ?? "-");

        // The card is out; only the record of it is left. A failure here must not resend the card, so it is logged:
        // the employee grain hands the message over again later and this channel then declines it once recorded.
        try
        {
            await _grains.GetGrain<IEmployeeGrain>(push.EmployeeId).MarkDelivered(push.Message.Id, ChannelIdentity.Teams).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogMarkFailed(_logger, ex, push.EmployeeId, push.Message.Key);
        }
    }

    private async Task RequeueAfter(TeamsJob job, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping).ConfigureAwait(false);
            if (!_queue.Writer.TryWrite(job))
            {
                LogDropped(_logger, job.Target, job.GetType().Name);
                Settle(job);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>The job is done with (sent or given up): a later hand-over of the same push is sent again.</summary>
    private void Settle(TeamsJob job)
    {
        if (job is TeamsPushJob push)
        {
            _inFlight.TryRemove(InFlightKey(push), out _);
        }
    }

    private static (string, string) InFlightKey(TeamsPushJob push) => (push.Push.EmployeeId, push.Push.Message.Id);

    /// <summary>
    /// Network failures, timeouts, and Connector answers that are transient (429, 412, 5xx, after the client's own
    /// retries) pass; a refusal such as 403 (the app is not installed for the person) or an unreachable person would
    /// fail again the same way, and the employee grain's own, slower re-push covers a later change.
    /// </summary>
    private static bool IsTransient(Exception exception, CancellationToken stoppingToken) => exception switch
    {
        HttpRequestException => true,
        TaskCanceledException => !stoppingToken.IsCancellationRequested,
        BotConnectorException connector => connector.RetryAfter is not null
            || connector.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            || (int)connector.StatusCode >= 500,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: message {Key} of employee {EmployeeId} pushed as a card (activity {ActivityId})")]
    private static partial void LogPushed(ILogger logger, string employeeId, string key, string activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams: message {Key} of employee {EmployeeId} is already on its way")]
    private static partial void LogAlreadyQueued(ILogger logger, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: {Job} to {Target} failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string target, string job, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: {Job} to {Target} failed after {Attempts} attempt(s); giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string target, string job, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: queue full; {Job} to {Target} dropped")]
    private static partial void LogDropped(ILogger logger, string target, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: recording delivery of {Key} for employee {EmployeeId} failed")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string employeeId, string key);
}
