using System.Net;
using Microsoft.Extensions.Logging;
using WealthActors.Channels;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>No way to reach the person: no chat kept for them and no tenant known to open one in.</summary>
public sealed class TeamsUnreachableException(string employeeId, string reason)
    : Exception($"Employee '{employeeId}' cannot be reached in Teams: {reason}.");

/// <summary>
/// Sends a message to an employee who may never have written: into the personal chat kept on their grain, or, when
/// there is none (or Teams no longer knows it), into a personal chat opened with CreateConversation in the tenant
/// last seen, which is then kept for next time.
/// </summary>
public sealed partial class TeamsProactiveSender(IGrainFactory grains, TeamsContacts contacts, ILogger<TeamsProactiveSender> logger)
{
    /// <summary>Sends a message of <paramref name="attachments"/>; returns the id of the activity Teams stored.</summary>
    /// <exception cref="TeamsUnreachableException">There is no chat and none can be opened.</exception>
    public async Task<ResourceResponse> SendAsync(
        BotConnectorClient connector, string employeeId, EmployeeProfile profile, IReadOnlyList<BotAttachment> attachments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(profile);
        var employee = grains.GetGrain<IEmployeeGrain>(employeeId);
        if (await employee.GetTeamsConversation() is { } kept)
        {
            try
            {
                return await connector.SendToConversationAsync(kept, kept.CreateMessage(null, attachments), cancellationToken);
            }
            catch (BotConnectorException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // The app was removed and added again, or the chat is gone: a new one is opened below.
                LogKeptConversationRefused(logger, employeeId, kept.ConversationId, (int)ex.StatusCode);
            }
        }

        // Kept before the send: a send that fails for a moment is retried into this chat instead of opening another, and
        // whoever sees the message arrive finds the chat already kept. A chat Teams later refuses is replaced above.
        var opened = await OpenAsync(connector, employeeId, profile, cancellationToken);
        await employee.SetTeamsConversation(opened);
        return await connector.SendToConversationAsync(opened, opened.CreateMessage(null, attachments), cancellationToken);
    }

    private async Task<TeamsConversationReference> OpenAsync(
        BotConnectorClient connector, string employeeId, EmployeeProfile profile, CancellationToken cancellationToken)
    {
        if (profile.TeamsUserId is not { Length: > 0 } userId)
        {
            throw new TeamsUnreachableException(employeeId, "no teamsUserId");
        }

        var contact = await contacts.FindAsync()
            ?? throw new TeamsUnreachableException(employeeId, "nobody of the tenant has reached the bot yet, so its Connector address is unknown");
        var user = TeamsIdentity.AccountOf(userId, profile.Name);
        var created = await connector.CreateConversationAsync(
            contact.ServiceUrl, ConversationParameters.PersonalChat(contact.Bot, user, contact.TenantId), cancellationToken);
        if (created.Id is not { Length: > 0 } conversationId)
        {
            throw new TeamsUnreachableException(employeeId, "CreateConversation returned no conversation id");
        }

        LogOpened(logger, employeeId, conversationId, contact.TenantId);
        // The address stays the one an authenticated activity named: the bot's token is sent there.
        return new TeamsConversationReference(
            contact.ServiceUrl, contact.ChannelId, conversationId, contact.Bot, user, contact.TenantId, "personal");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: the kept conversation {ConversationId} of employee {EmployeeId} was refused with HTTP {Status}; opening a new one")]
    private static partial void LogKeptConversationRefused(ILogger logger, string employeeId, string conversationId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: opened personal chat {ConversationId} with employee {EmployeeId} in tenant {TenantId}")]
    private static partial void LogOpened(ILogger logger, string employeeId, string conversationId, string tenantId);
}
