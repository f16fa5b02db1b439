using System.Net;

namespace WealthActors.Bot.Channels.Teams;

/// <summary>The Connector or the token endpoint refused a call, after any retries.</summary>
public sealed class BotConnectorException(
    string operation, HttpStatusCode statusCode, string? errorCode, string? errorMessage, TimeSpan? retryAfter = null)
    : Exception($"{operation} failed with HTTP {(int)statusCode}{Detail(errorCode, errorMessage)}.")
{
    public string Operation { get; } = operation;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;
    public string? ErrorMessage { get; } = errorMessage;

    /// <summary>Set when the service asked to wait longer than the client is willing to wait in one call.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    private static string Detail(string? code, string? message) =>
        code is null && message is null ? string.Empty : $": {code} {message}".TrimEnd();
}
