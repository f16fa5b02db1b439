namespace WealthActors.Grains.Notifications;

/// <summary>
/// Which channels a client update is handed to next, as a pure rule: the planned channels in their order, less those
/// that refused it and those given up after failing <c>maxAttempts</c> times, with the channel it was last handed to
/// first (a crash or a lost answer may have left the message there, so it goes on there, not on another channel too).
/// </summary>
public static class ClientUpdateAttempts
{
    public static IReadOnlyList<string> Order(
        IReadOnlyList<string> planned, string? sending, IReadOnlyDictionary<string, string>? refused,
        IReadOnlyDictionary<string, int>? failures, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var open = planned
            .Where(c => refused?.ContainsKey(c) != true && (failures?.GetValueOrDefault(c) ?? 0) < maxAttempts)
            .ToList();
        if (sending is not null && open.Remove(sending))
        {
            open.Insert(0, sending);
        }

        return open;
    }
}
