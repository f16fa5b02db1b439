using Microsoft.Extensions.Logging;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>The log lines of <see cref="ChatOutbox{TJob}"/>, each naming the channel.</summary>
internal static partial class ChatOutboxLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Channel}: message {Key} of employee {EmployeeId} is already on its way")]
    public static partial void AlreadyQueued(ILogger logger, string channel, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Channel}: {Target} is at the rate limit; next send in {Wait}")]
    public static partial void Paced(ILogger logger, string channel, string target, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: {Job} to {Target} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception exception, string channel, string target, string job, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: {Job} to {Target} failed after {Attempts} attempt(s); giving up")]
    public static partial void GaveUp(ILogger logger, Exception exception, string channel, string target, string job, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: queue full; {Job} to {Target} dropped")]
    public static partial void Dropped(ILogger logger, string channel, string target, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: recording delivery of {Key} for employee {EmployeeId} failed")]
    public static partial void MarkFailed(ILogger logger, Exception exception, string channel, string employeeId, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: planning the pushes waiting for {Target} failed; they are left to the inbox's re-push")]
    public static partial void WaveFailed(ILogger logger, Exception exception, string channel, string target);
}
