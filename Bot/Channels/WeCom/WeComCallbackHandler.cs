using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Conversation;
using WealthActors.Bot.Hosting;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>What the callback endpoint answers: a status, a body and its content type.</summary>
public sealed record WeComCallbackResponse(int StatusCode, string Body, string ContentType = "text/plain; charset=utf-8")
{
    /// <summary>WeCom treats an empty 200 as "received, no passive reply".</summary>
    public static readonly WeComCallbackResponse Received = new(200, string.Empty);

    public static WeComCallbackResponse Refused(int statusCode, string reason) => new(statusCode, reason);
}

/// <summary>
/// The self-built app's callback: URL verification and messages. Order matters and is kept strictly: the timestamp
/// must be fresh, the signature valid before anything is decrypted, the delivery not seen before (by any silo, within
/// the replay window), the sender within their command rate (<see cref="ChatCommandLimiter"/>). A command that
/// answers within <see cref="BotOptions.PassiveReplyBudget"/> goes back passively (encrypted); a slower one is
/// sent through <c>message/send</c> once ready, so WeCom's 5-second budget is never at risk.
/// </summary>
public sealed partial class WeComCallbackHandler(
    WeComCrypto crypto,
    WeComReplayGuard replayGuard,
    IDeliveryDeduplication deliveries,
    ChatCommandLimiter limiter,
    IGrainFactory grains,
    IConversationEngine engine,
    WeComOutbox outbox,
    IOptions<BotOptions> botOptions,
    TimeProvider wallClock,
    ILogger<WeComCallbackHandler> logger)
{
    /// <summary>GET: prove we hold the key by returning the decrypted <c>echostr</c>, bare.</summary>
    public WeComCallbackResponse Verify(string? msgSignature, string? timestamp, string? nonce, string? echostr)
    {
        if (string.IsNullOrEmpty(echostr) || string.IsNullOrEmpty(nonce) || !replayGuard.IsTimestampFresh(timestamp))
        {
            return WeComCallbackResponse.Refused(400, "missing or stale parameters");
        }

        // Base64 holds no spaces: a space is a '+' that reached us without URL encoding and was read as form data.
        echostr = echostr.Replace(' ', '+');
        if (!crypto.VerifySignature(msgSignature, timestamp!, nonce, echostr))
        {
            LogBadSignature(logger, "verification");
            return WeComCallbackResponse.Refused(403, "bad signature");
        }

        try
        {
            return new WeComCallbackResponse(200, crypto.Decrypt(echostr));
        }
        catch (WeComProtocolException ex)
        {
            LogMalformed(logger, ex.Message);
            return WeComCallbackResponse.Refused(400, "malformed echostr");
        }
    }

    /// <summary>POST: one encrypted message or event.</summary>
    public async Task<WeComCallbackResponse> ReceiveAsync(string? msgSignature, string? timestamp, string? nonce, string body)
    {
        // The budget counts from arrival: looking the sender up is part of the time WeCom waits.
        var arrived = wallClock.GetTimestamp();
        if (string.IsNullOrEmpty(nonce) || !replayGuard.IsTimestampFresh(timestamp))
        {
            LogStale(logger, timestamp ?? "-");
            return WeComCallbackResponse.Refused(400, "missing or stale parameters");
        }

        WeComCallbackMessage message;
        try
        {
            var envelope = WeComCallbackXml.ParseEnvelope(body);
            if (!crypto.VerifySignature(msgSignature, timestamp!, nonce, envelope.Encrypt))
            {
                LogBadSignature(logger, "message");
                return WeComCallbackResponse.Refused(403, "bad signature");
            }

            message = WeComCallbackXml.ParseMessage(crypto.Decrypt(envelope.Encrypt));
        }
        catch (WeComProtocolException ex)
        {
            LogMalformed(logger, ex.Message);
            return WeComCallbackResponse.Refused(400, "malformed callback");
        }

        var deliveryKey = DeliveryKeyPrefix + message.DeduplicationKey;
        if (!await deliveries.TryRecordFirstAsync(deliveryKey, replayGuard.ReplayableUntil(timestamp)))
        {
            LogDuplicate(logger, deliveryKey, message.FromUserName);
            return WeComCallbackResponse.Received;
        }

        try
        {
            return await Dispatch(message, arrived);
        }
        catch (Exception ex)
        {
            // Forget the delivery so that WeCom's retry of it is processed rather than dropped as a duplicate.
            await deliveries.ForgetAsync(deliveryKey);
            LogFailed(logger, ex, deliveryKey, message.FromUserName);
            return WeComCallbackResponse.Refused(500, "temporarily unavailable");
        }
    }

    private async Task<WeComCallbackResponse> Dispatch(WeComCallbackMessage message, long arrived)
    {
        if (!message.IsText && !message.IsTemplateCardEvent)
        {
            // Entering the app, location reports and the like need no answer.
            return WeComCallbackResponse.Received;
        }

        if (limiter.Refusal(ChannelIdentity.WeCom, message.FromUserName, message.IsText ? message.Content : null) is { } refusal)
        {
            LogTooFast(logger, message.FromUserName);
            if (message.IsText)
            {
                return Passive(message, refusal);
            }

            outbox.TryEnqueue(new WeComReplyJob(message.FromUserName, new BotReply(refusal, BotOutcome.Refused)));
            return WeComCallbackResponse.Received;
        }

        var employeeId = await grains.GetGrain<IChannelIdentityGrain>(ChannelIdentity.Key(ChannelIdentity.WeCom, message.FromUserName)).GetEmployeeId();
        if (employeeId is null)
        {
            LogUnknownUser(logger, message.FromUserName);
            return message.IsText ? Passive(message, NotRegistered(message.Content)) : WeComCallbackResponse.Received;
        }

        if (message.IsTemplateCardEvent)
        {
            _ = AfterClick(message, employeeId);
            return WeComCallbackResponse.Received;
        }

        // The command keeps running if it misses the budget; its answer then goes out through message/send.
        var pending = Task.Run(() => engine.HandleAsync(employeeId, ChannelIdentity.WeCom, message.Content ?? string.Empty));
        var budget = botOptions.Value.PassiveReplyBudget;
        var left = budget - wallClock.GetElapsedTime(arrived);
        if (left > TimeSpan.Zero && await Task.WhenAny(pending, Task.Delay(left, wallClock)) == pending)
        {
            return Passive(message, WeComReplies.ToText(await pending));
        }

        LogAnsweringLater(logger, message.FromUserName, budget);
        _ = outbox.SendWhenReady(message.FromUserName, pending);
        return WeComCallbackResponse.Received;
    }

    /// <summary>
    /// A card button runs its command as the clicking employee. A change greys the card out with a short label
    /// (the click's response code allows one update); anything else (a refusal, a prompt for text) comes as a message.
    /// </summary>
    private async Task AfterClick(WeComCallbackMessage message, string employeeId)
    {
        try
        {
            var reply = await engine.HandleAsync(employeeId, ChannelIdentity.WeCom, message.EventKey ?? string.Empty);
            if (reply.Outcome == BotOutcome.Done && reply.Card is { } card && message.ResponseCode is { Length: > 0 } code)
            {
                var profile = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
                var label = $"{reply.Badge ?? "✓"} · {profile?.Name ?? employeeId}";
                var taskId = message.TaskId is { Length: > 0 } t ? t : WeComReplies.TaskId(message.FromUserName, code);
                outbox.TryEnqueue(new WeComCardUpdateJob(message.FromUserName, code,
                    WeComReplies.ToTemplateCard(taskId, card) with { ReplaceText = label }));
                return;
            }

            outbox.TryEnqueue(new WeComReplyJob(message.FromUserName, reply));
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, message.DeduplicationKey, message.FromUserName);
        }
    }

    private WeComCallbackResponse Passive(WeComCallbackMessage message, string content)
    {
        var now = wallClock.GetUtcNow().ToUnixTimeSeconds();
        var replyXml = WeComCallbackXml.BuildTextReply(message.FromUserName, message.ToUserName, now, content);
        var body = WeComCallbackXml.BuildEncryptedReply(crypto, replyXml, now.ToString(CultureInfo.InvariantCulture), NewNonce());
        return new WeComCallbackResponse(200, body, "application/xml; charset=utf-8");
    }

    private static string NotRegistered(string? content) =>
        TextNormalizer.ContainsCjk(content ?? string.Empty)
            ? "抱歉，您的企业微信账号尚未与员工档案关联，暂时无法使用。请联系管理员登记。"
            : "Sorry, your WeCom account is not linked to an employee yet. Please ask your administrator to register it.";

    /// <summary>Delivery keys of all channels share one table; each channel's start with its name.</summary>
    public const string DeliveryKeyPrefix = "wecom:";

    private static string NewNonce() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback: bad signature on a {What}; refused")]
    private static partial void LogBadSignature(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback: stale or missing timestamp {Timestamp}; refused")]
    private static partial void LogStale(ILogger logger, string timestamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback: malformed ({Reason}); refused")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom callback: {DeliveryKey} from {UserId} seen before; ignored")]
    private static partial void LogDuplicate(ILogger logger, string deliveryKey, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback: user {UserId} sends commands faster than allowed; answered without running")]
    private static partial void LogTooFast(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom callback: user {UserId} is not linked to an employee; refused")]
    private static partial void LogUnknownUser(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeCom callback: the answer for {UserId} missed the {Budget} budget; it will be sent")]
    private static partial void LogAnsweringLater(ILogger logger, string userId, TimeSpan budget);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeCom callback: {DeliveryKey} from {UserId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string deliveryKey, string userId);
}
