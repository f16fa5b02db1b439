using WealthActors.Channels;
using WealthActors.Employees;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// Which employee a Teams user is. An employee's <c>teamsUserId</c> may hold either the person's Microsoft Entra
/// object id (<c>from.aadObjectId</c>: the same in every app and tenant directory, so an HR feed can fill it in
/// before the person ever opens the bot) or their Teams user id (<c>from.id</c>, <c>29:…</c>, specific to this bot).
/// The object id is looked up first; a user whose activity carries neither is nobody.
/// </summary>
public static class TeamsIdentity
{
    /// <summary>The ids to look up, most stable first.</summary>
    public static IReadOnlyList<string> Candidates(ChannelAccount? user)
    {
        if (user is null)
        {
            return [];
        }

        var ids = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(user.AadObjectId))
        {
            ids.Add(user.AadObjectId);
        }

        if (!string.IsNullOrWhiteSpace(user.Id))
        {
            ids.Add(user.Id);
        }

        return ids;
    }

    /// <summary>The employee id the user maps to, or null.</summary>
    public static async Task<string?> ResolveAsync(IGrainFactory grains, ChannelAccount? user)
    {
        ArgumentNullException.ThrowIfNull(grains);
        foreach (var id in Candidates(user))
        {
            var employeeId = await grains.GetGrain<IChannelIdentityGrain>(ChannelIdentity.Key(ChannelIdentity.Teams, id)).GetEmployeeId();
            if (employeeId is not null)
            {
                return employeeId;
            }
        }

        return null;
    }

    /// <summary>
    /// The account to open a personal chat with someone known only by their <c>teamsUserId</c>: Teams accepts the
    /// Entra object id as the member id of a personal conversation, as well as the Teams user id.
    /// </summary>
    public static TeamsAccount AccountOf(string teamsUserId, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamsUserId);
        var id = teamsUserId.Trim();
        return new TeamsAccount(id, name, Guid.TryParseExact(id, "D", out var objectId) ? objectId.ToString("D") : null);
    }
}
