using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// The one way out to WeCom for background sends (see <see cref="ChatOutbox{TJob}"/>), paced per member so that
/// WeCom's own limit never drops a message.
/// </summary>
public sealed partial class WeComOutbox : ChatOutbox<WeComJob>
{
    private readonly IServiceProvider _services;
    private readonly PerUserRateLimiter _limiter;

    /// <param name="time">Wall-clock time: pacing and backoff follow WeCom's clock, never the business clock.</param>
    public WeComOutbox(
        IServiceProvider services, IGrainFactory grains, IOptions<WeComDeliveryOptions> options, TimeProvider time, ILogger<WeComOutbox> logger)
        : base(ChannelIdentity.WeCom, grains, options.Value, time, logger)
    {
        _services = services;
        _limiter = PerUserRateLimiter.WithinEveryMinute(time, options.Value.PerUserPerMinute);
    }

    /// <summary>
    /// Lines one summary text holds: each names a case, a client and a level, so this many stay well within WeCom's
    /// 2,048 bytes for a text message.
    /// </summary>
    public const int PushesPerSummary = 15;

    /// <summary>Sends <paramref name="pending"/>'s answer once it is ready: the callback has already been answered.</summary>
    public async Task SendWhenReady(string userId, Task<Conversation.BotReply> pending)
    {
        try
        {
            TryEnqueue(new WeComReplyJob(userId, await pending.ConfigureAwait(false)));
        }
        catch (Exception ex)
        {
            LogReplyLost(Logger, ex, userId);
        }
    }

    protected override TimeSpan? Pace(WeComJob job) => job.IsMessage ? _limiter.TryAcquire(job.UserId) : null;

    protected override bool Coalesces => true;

    protected override PushPlan PlanWave(string target, IReadOnlyList<InboxPush> pending)
    {
        var plan = PushPlan.Nothing;
        _limiter.Reserve(target, budget =>
        {
            plan = PushCoalescing.Plan(pending, budget, Time.GetUtcNow(), PushesPerSummary);
            return plan.Sends;
        });
        return plan;
    }

    protected override WeComJob Summary(string target, IReadOnlyList<InboxPush> pushes) => new WeComSummaryJob(target, pushes);

    protected override async Task Send(WeComJob job, CancellationToken cancellationToken)
    {
        var client = _services.GetRequiredService<WeComApiClient>();
        switch (job)
        {
            case WeComPushJob push:
                var card = Conversation.InboxCards.For(push.Push.Message);
                // WeCom's interactive cards need a button; a message with nothing to click (a digest) goes as text.
                var result = card.Buttons.Count > 0
                    ? await client.SendTemplateCardAsync(
                        [push.UserId], WeComReplies.ToTemplateCard(WeComReplies.TaskId(push.UserId, push.Push.Message.Id), card), cancellationToken).ConfigureAwait(false)
                    : await client.SendTextAsync([push.UserId], Conversation.InboxCards.AsText(card), cancellationToken).ConfigureAwait(false);
                if (result.InvalidUsers.Contains(push.UserId, StringComparer.OrdinalIgnoreCase))
                {
                    LogUnreachable(Logger, push.UserId, push.Push.EmployeeId);
                    return;
                }

                LogPushed(Logger, push.Push.EmployeeId, push.UserId, push.Push.Message.Key);
                await RecordDelivered(push.Push).ConfigureAwait(false);
                break;
            case WeComSummaryJob summary:
                await SendSummary(client, summary, cancellationToken).ConfigureAwait(false);
                break;
            case WeComReplyJob reply:
                await client.SendTextAsync([reply.UserId], WeComReplies.ToText(reply.Reply), cancellationToken).ConfigureAwait(false);
                break;
            case WeComCardUpdateJob update:
                await client.UpdateTemplateCardAsync(update.ResponseCode, update.Card, [update.UserId], cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A text, since a card has room for one case's buttons only; each line names a case, whose commands the text points to.</summary>
    private async Task SendSummary(WeComApiClient client, WeComSummaryJob summary, CancellationToken cancellationToken)
    {
        var english = summary.Pushes[0].Profile?.ReadsEnglish == true;
        var text = Conversation.InboxSummary.Text([.. summary.Pushes.Select(p => p.Message)], english);
        var result = await client.SendTextAsync([summary.UserId], WeComReplies.FitBytes(text, WeComReplies.MaxTextBytes), cancellationToken)
            .ConfigureAwait(false);
        if (result.InvalidUsers.Contains(summary.UserId, StringComparer.OrdinalIgnoreCase))
        {
            LogUnreachable(Logger, summary.UserId, summary.Pushes[0].EmployeeId);
            return;
        }

        LogSummarized(Logger, summary.Pushes.Count, summary.UserId);
        // Recorded one by one: a crash part-way leaves the rest owed, and the inbox hands them over again (sent twice
        // at most, never lost).
        foreach (var push in summary.Pushes)
        {
            await RecordDelivered(push).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// WeCom's "system busy" (-1) and frequency limits (45009, 45033) pass: they come with HTTP 200, so the transport
    /// never retries them. Anything else (an unknown member, a malformed card) would fail again the same way.
    /// </summary>
    protected override bool IsTransientFailure(Exception exception) =>
        exception is WeComApiException { ErrCode: -1 or 45009 or 45033 };

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom: message {Key} of employee {EmployeeId} pushed to {UserId}")]
    private static partial void LogPushed(ILogger logger, string employeeId, string userId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom: {Count} messages summarized in one text to {UserId}")]
    private static partial void LogSummarized(ILogger logger, int count, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom: member {UserId} of employee {EmployeeId} cannot receive messages from the app")]
    private static partial void LogUnreachable(ILogger logger, string userId, string employeeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom: the delayed answer for {UserId} was lost")]
    private static partial void LogReplyLost(ILogger logger, Exception exception, string userId);
}
