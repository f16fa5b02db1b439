namespace WealthActors.Bot.Conversation;

/// <summary>Answers one chat message from an employee, whatever the channel it came through.</summary>
public interface IConversationEngine
{
    /// <param name="employeeId">The employee the channel user maps to.</param>
    /// <param name="channel">Where the message came from (<c>wecom</c>, <c>webchat</c>, …); recorded on every command.</param>
    /// <returns>Always a reply: unknown input gets help, a refused command a polite explanation, never an exception.</returns>
    Task<BotReply> HandleAsync(string employeeId, string channel, string text, CancellationToken cancellationToken = default);
}
