namespace WealthActors.Bot.Channels.Teams;

/// <summary>Connector v3 addresses, with every id percent-encoded as one path segment.</summary>
internal static class ConnectorRoutes
{
    public static Uri Conversations(string serviceUrl) => new($"{Base(serviceUrl)}/v3/conversations", UriKind.Absolute);

    public static Uri Activities(string serviceUrl, string conversationId) =>
        new($"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", UriKind.Absolute);

    public static Uri Activity(string serviceUrl, string conversationId, string activityId) =>
        new($"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/"
            + Uri.EscapeDataString(activityId), UriKind.Absolute);

    // The bot's access token goes to this address, so it must be https (or a loopback fake) and carry no query.
    private static string Base(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        if (!TeamsOptionsValidator.IsSecureUrl(serviceUrl)
            || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException($"'{serviceUrl}' is not an https service URL.", nameof(serviceUrl));
        }

        return serviceUrl.TrimEnd('/');
    }
}
