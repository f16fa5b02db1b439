using System.Text.Json;
using Microsoft.Extensions.Logging;
using WealthActors.Bot.Conversation;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

public sealed partial class TeamsActivityHandler
{
    /// <summary>
    /// An <c>Action.Execute</c> click: the button's command runs as the clicker while Teams waits, and the answer
    /// replaces the card (the case as it is now, with what was done and by whom); a reply without a card, such as a
    /// refusal or a prompt for the text a command needs, is shown briefly instead and the card stays.
    /// </summary>
    private async Task<TeamsTurnResult> OnCardActionAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        if (AdaptiveCardActions.TryParseInvoke(activity) is not { } click)
        {
            return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action carries no command."));
        }

        try
        {
            if (!IsPersonal(activity))
            {
                return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Message(TeamsTexts.PersonalChatOnly(click.Command)));
            }

            if (limiter.Refusal(ChannelIdentity.Teams, UserOf(activity), click.Command) is { } refusal)
            {
                LogTooFast(logger, activity.From!.Id);
                return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Message(refusal));
            }

            var employeeId = await Identify(activity);
            if (employeeId is null)
            {
                return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Message(TeamsTexts.NotRegistered(click.Command)));
            }

            var reply = await engine.HandleAsync(employeeId, ChannelIdentity.Teams, click.Command, cancellationToken);
            if (reply.Card is null && reply.Outcome != BotOutcome.Done)
            {
                return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Message(reply.Text));
            }

            LogClicked(logger, employeeId, click.Command, reply.Outcome.ToString());
            return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Card(TeamsCards.AfterClick(reply, await NameOf(employeeId))));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, activity.Type, activity.From?.Id ?? "-");
            return TeamsTurnResult.Invoke(AdaptiveCardInvokeResponse.Error(500, "InternalError", "Sorry, something went wrong. Please try again shortly."));
        }
    }

    /// <summary>
    /// The app was added to a chat: keep the tenant's address, and in a personal chat keep the conversation for the
    /// person's escalations and say hello. A team or group chat gets no welcome, since the bot works only one to one.
    /// </summary>
    private async Task WelcomeAsync(BotActivity activity)
    {
        try
        {
            if (!IsPersonal(activity))
            {
                await Remember(() => contacts.RememberAsync(activity));
                return;
            }

            var employeeId = await Identify(activity);
            var name = employeeId is null ? null : await NameOf(employeeId);
            var greeting = activity.ToConversationReference().CreateMessage(TeamsTexts.Greeting(name, employeeId is not null)) with
            {
                TextFormat = PlainText,
            };
            outbox.TryEnqueue(new TeamsSendJob(greeting));
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, activity.Type, activity.From?.Id ?? "-");
        }
    }

    /// <summary>Whether <c>membersAdded</c> names the bot itself (the recipient), rather than people joining a team.</summary>
    public static bool BotWasAdded(BotActivity activity)
    {
        if (activity.Recipient?.Id is not { Length: > 0 } botId
            || activity.AdditionalProperties?.GetValueOrDefault("membersAdded") is not { ValueKind: JsonValueKind.Array } added)
        {
            return false;
        }

        return added.EnumerateArray().Any(member => member.ValueKind == JsonValueKind.Object
            && member.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == botId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: employee {EmployeeId} clicked {Command}: {Outcome}")]
    private static partial void LogClicked(ILogger logger, string employeeId, string command, string outcome);
}
