namespace WealthActors.Employees;

/// <summary>
/// Index from a chat-channel user to the employee it belongs to (key: <see cref="ChannelIdentity.Key"/>, e.g.
/// <c>wecom:zhangsan</c>), kept by <see cref="IEmployeeGrain.Upsert"/> so that an incoming message finds its
/// employee without scanning anything.
/// </summary>
[Alias("WealthActors.IChannelIdentityGrain")]
public interface IChannelIdentityGrain : IGrainWithStringKey
{
    /// <summary>The employee this channel user maps to, or null when nobody claimed it.</summary>
    [Alias("GetEmployeeId"), ReadOnly]
    Task<string?> GetEmployeeId();

    /// <summary>Points this channel user at <paramref name="employeeId"/>; the latest claim wins.</summary>
    [Alias("Bind")]
    Task Bind(string employeeId);

    /// <summary>Removes the mapping, but only while it still points at <paramref name="employeeId"/>.</summary>
    [Alias("Unbind")]
    Task Unbind(string employeeId);
}

/// <summary>Channel names and the keys of <see cref="IChannelIdentityGrain"/>.</summary>
public static class ChannelIdentity
{
    public const string WeCom = "wecom";
    public const string Teams = "teams";

    /// <summary>
    /// WeCom treats UserIDs case-insensitively (its API answers them in lower case), so they are folded here. A Teams
    /// user is named either by their Microsoft Entra object id, a GUID that directories spell in either case and so is
    /// folded to its canonical lower-case form, or by their opaque Teams id (<c>29:…</c>), which is kept as it is.
    /// </summary>
    public static string Key(string channel, string userId)
    {
        var id = userId.Trim();
        return channel switch
        {
            WeCom => $"{WeCom}:{id.ToLowerInvariant()}",
            Teams when Guid.TryParseExact(id, "D", out var objectId) => $"{Teams}:{objectId:D}",
            _ => $"{channel}:{id}",
        };
    }
}
