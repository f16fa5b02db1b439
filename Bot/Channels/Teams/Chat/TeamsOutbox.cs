using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// The one way out to Teams for background sends (see <see cref="ChatOutbox{TJob}"/>); the Connector client already
/// spaces calls per conversation and its transport retries single calls, and a Retry-After beyond them stretches the
/// outbox's wait.
/// </summary>
public sealed partial class TeamsOutbox : ChatOutbox<TeamsJob>
{
    private readonly IServiceProvider _services;

    /// <param name="time">Wall-clock time: backoff follows Teams' clock, never the business clock.</param>
    public TeamsOutbox(
        IServiceProvider services, IGrainFactory grains, IOptions<TeamsDeliveryOptions> options, TimeProvider time, ILogger<TeamsOutbox> logger)
        : base(ChannelIdentity.Teams, grains, options.Value, time, logger)
    {
        _services = services;
    }

    protected override async Task Send(TeamsJob job, CancellationToken cancellationToken)
    {
        var connector = _services.GetRequiredService<BotConnectorClient>();
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
        LogPushed(Logger, push.EmployeeId, push.Message.Key, sent.Id ?? "-");
        await RecordDelivered(push).ConfigureAwait(false);
    }

    /// <summary>
    /// An answer whose Retry-After was longer than the client's transport waits comes back after that wait. 429, 5xx,
    /// 412 and network failures were already retried by the transport, and a refusal such as
    /// 403 (the app is not installed for the person) or an unreachable person would fail again the same way: those
    /// are given up, and the employee grain's own, slower re-push covers a later change.
    /// </summary>
    protected override bool IsTransientFailure(Exception exception) =>
        exception is BotConnectorException { RetryAfter: not null };

    protected override TimeSpan RetryDelay(Exception exception, TimeSpan backoff) =>
        exception is BotConnectorException { RetryAfter: { } asked } && asked > backoff ? asked : backoff;

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: message {Key} of employee {EmployeeId} pushed as a card (activity {ActivityId})")]
    private static partial void LogPushed(ILogger logger, string employeeId, string key, string activityId);
}
