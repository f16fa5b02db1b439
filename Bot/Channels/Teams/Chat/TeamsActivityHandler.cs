using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// Activities that passed the Bot Connector token check, mapped to the conversation engine. Messages (typed text,
/// or an <c>Action.Submit</c> click carrying a command) are acknowledged at once and answered through the Connector;
/// <c>adaptiveCard/action</c> invokes are answered in the HTTP response with the updated card; the bot being added to
/// a personal chat is greeted. Everything runs as the employee the sender maps to (<see cref="TeamsIdentity"/>), and
/// only in personal chats, since a group chat or channel would show client data to everyone in it. An activity is
/// acted on once, however often it arrives and at whichever silo (<see cref="IDeliveryDeduplication"/>), and a user
/// sending commands faster than allowed is answered politely instead (<see cref="ChatCommandLimiter"/>).
/// </summary>
public sealed partial class TeamsActivityHandler(
    IGrainFactory grains,
    IConversationEngine engine,
    TeamsOutbox outbox,
    TeamsContacts contacts,
    IDeliveryDeduplication deliveries,
    ChatCommandLimiter limiter,
    [FromKeyedServices(TeamsServiceCollectionExtensions.ClockKey)] TimeProvider clock,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>Delivery keys of all channels share one table; each channel's start with its name.</summary>
    public const string DeliveryKeyPrefix = "teams:";

    /// <summary>
    /// How long an activity is remembered when its token's expiry is not known: a Bot Connector token lives about an
    /// hour, and it is accepted five minutes past its expiry.
    /// </summary>
    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromMinutes(65) + BotFrameworkTokenValidator.ClockSkew;

    /// <summary>Call only with an activity whose token <see cref="BotFrameworkTokenValidator"/> accepted.</summary>
    public Task<TeamsTurnResult> HandleAsync(BotActivity activity, CancellationToken cancellationToken = default) =>
        HandleAsync(activity, replayableUntil: null, cancellationToken);

    /// <summary>
    /// Call only with an activity whose token <see cref="BotFrameworkTokenValidator"/> accepted;
    /// <paramref name="replayableUntil"/> is when that token stops being accepted, so the activity is remembered as long.
    /// </summary>
    public async Task<TeamsTurnResult> HandleAsync(BotActivity activity, DateTimeOffset? replayableUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From is null || activity.Recipient is null || activity.Conversation is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            LogMalformed(logger, activity.Type, activity.Id ?? "-");
            return TeamsTurnResult.BadRequest;
        }

        var key = DeliveryKey(activity);
        if (key is not null && !await deliveries.TryRecordFirstAsync(key, replayableUntil ?? clock.GetUtcNow() + DefaultReplayWindow, cancellationToken))
        {
            LogDuplicate(logger, activity.Type, activity.Id!, activity.From.Id);
            return TeamsTurnResult.Accepted;
        }

        TeamsTurnResult result;
        try
        {
            result = await DispatchAsync(activity, cancellationToken);
        }
        catch
        {
            await ForgetAsync(key);
            throw;
        }

        // A failure the Connector retries must not be dropped as a duplicate when the retry comes.
        if (result.StatusCode >= 500)
        {
            await ForgetAsync(key);
        }

        return result;
    }

    /// <summary>One key per activity: its id is unique within its conversation (Teams numbers messages by time).</summary>
    public static string? DeliveryKey(BotActivity activity) =>
        activity.Id is { Length: > 0 } id && activity.Conversation?.Id is { Length: > 0 } conversation
            ? DeliveryKeyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{conversation}\n{id}")))
            : null;

    private async Task ForgetAsync(string? key)
    {
        if (key is not null)
        {
            await deliveries.ForgetAsync(key);
        }
    }

    private Task<TeamsTurnResult> DispatchAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                var click = AdaptiveCardActions.TryParseSubmit(activity);
                var text = click?.Command ?? CleanText(activity.Text);
                // The answer outlives the request that brought the message: the request's token is not passed on.
                _ = Task.Run(() => AnswerAsync(activity, text, click is not null), CancellationToken.None);
                return Task.FromResult(TeamsTurnResult.Accepted);
            case ActivityTypes.Invoke when AdaptiveCardActions.IsActionInvoke(activity):
                return OnCardActionAsync(activity, cancellationToken);
            case ActivityTypes.Invoke:
                LogUnknownInvoke(logger, activity.Name ?? "-");
                return Task.FromResult(TeamsTurnResult.NotImplemented);
            case ActivityTypes.ConversationUpdate when BotWasAdded(activity):
                _ = Task.Run(() => WelcomeAsync(activity), CancellationToken.None);
                return Task.FromResult(TeamsTurnResult.Accepted);
            default:
                return Task.FromResult(TeamsTurnResult.Accepted);
        }
    }

    /// <summary>
    /// Runs the message (or the clicked button's command) and answers: a click that came with the card's activity id
    /// and produced a card replaces that card, as Action.Execute would have; anything else is a reply.
    /// </summary>
    private async Task AnswerAsync(BotActivity activity, string text, bool isClick)
    {
        try
        {
            if (!IsPersonal(activity))
            {
                Reply(activity, TeamsTexts.PersonalChatOnly(text));
                return;
            }

            if (limiter.Refusal(ChannelIdentity.Teams, UserOf(activity), text) is { } refusal)
            {
                LogTooFast(logger, activity.From!.Id);
                Reply(activity, refusal);
                return;
            }

            var employeeId = await Identify(activity);
            if (employeeId is null)
            {
                Reply(activity, TeamsTexts.NotRegistered(text));
                return;
            }

            var reply = await engine.HandleAsync(employeeId, ChannelIdentity.Teams, text);
            if (isClick && reply.Card is not null && activity.ReplyToId is { Length: > 0 } cardActivityId)
            {
                var card = TeamsCards.AfterClick(reply, await NameOf(employeeId));
                var update = activity.CreateReply(null, [AdaptiveCardBuilder.BuildAttachment(card)]) with { Id = cardActivityId, ReplyToId = null };
                outbox.TryEnqueue(new TeamsUpdateJob(update));
                return;
            }

            Reply(activity, reply.Text, TeamsCards.Attachments(reply));
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, activity.Type, activity.From?.Id ?? "-");
        }
    }

    /// <summary>
    /// The employee the sender maps to, or null. Also keeps what a later proactive message needs: the tenant's
    /// Connector address and, for a known employee, this personal chat.
    /// </summary>
    private async Task<string?> Identify(BotActivity activity)
    {
        await Remember(() => contacts.RememberAsync(activity));
        var employeeId = await TeamsIdentity.ResolveAsync(grains, activity.From);
        if (employeeId is null)
        {
            LogUnknownUser(logger, activity.From!.Id, activity.From.AadObjectId ?? "-");
            return null;
        }

        if (IsPersonal(activity))
        {
            await Remember(() => grains.GetGrain<IEmployeeGrain>(employeeId).SetTeamsConversation(activity.ToConversationReference()));
        }

        return employeeId;
    }

    /// <summary>Remembering is for later sends; failing at it must not cost the person their answer now.</summary>
    private async Task Remember(Func<Task> remember)
    {
        try
        {
            await remember();
        }
        catch (Exception ex)
        {
            LogRememberFailed(logger, ex);
        }
    }

    private async Task<string> NameOf(string employeeId) =>
        (await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile())?.Name ?? employeeId;

    private void Reply(BotActivity activity, string text, IReadOnlyList<BotAttachment>? attachments = null) =>
        outbox.TryEnqueue(new TeamsReplyJob(activity.CreateReply(text, attachments) with { TextFormat = PlainText }));

    /// <summary>The person behind an activity, the same in every chat and app: the Entra object id, else the Teams user id.</summary>
    private static string UserOf(BotActivity activity) => activity.From!.AadObjectId is { Length: > 0 } objectId ? objectId : activity.From.Id;

    /// <summary>A one-to-one chat with the bot; channels other than Teams may leave the type out.</summary>
    private static bool IsPersonal(BotActivity activity) =>
        activity.Conversation is { IsGroup: not true } conversation
        && (conversation.ConversationType is null || conversation.ConversationType == PersonalConversation);

    /// <summary>Teams writes a mention of the bot into the text as <c>&lt;at&gt;name&lt;/at&gt;</c>; it is not part of the command.</summary>
    public static string CleanText(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : Mention().Replace(text, " ").Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();

    private const string PersonalConversation = "personal";

    // Replies are shown as typed: ids and client names contain characters markdown would eat (underscores, asterisks).
    private const string PlainText = "plain";

    [GeneratedRegex("<at>.*?</at>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: {Type} activity {ActivityId} lacks from, recipient, conversation or serviceUrl; refused")]
    private static partial void LogMalformed(ILogger logger, string type, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: {Type} activity {ActivityId} from {UserId} seen before; ignored")]
    private static partial void LogDuplicate(ILogger logger, string type, string activityId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: user {UserId} sends commands faster than allowed; answered without running")]
    private static partial void LogTooFast(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: invoke {Name} is not handled; answered 501")]
    private static partial void LogUnknownInvoke(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: user {UserId} (object id {AadObjectId}) is not linked to an employee; refused")]
    private static partial void LogUnknownUser(ILogger logger, string userId, string aadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: keeping the conversation or tenant address failed")]
    private static partial void LogRememberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: a {Type} activity from {UserId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string type, string userId);
}
