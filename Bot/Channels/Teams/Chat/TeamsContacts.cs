using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WealthActors.Channels;

namespace WealthActors.Bot.Channels.Teams.Chat;

/// <summary>
/// Remembers, per tenant, the Connector address and bot account of the last authenticated activity (in
/// <see cref="ITeamsTenantGrain"/>), so the bot can open a chat with someone who never wrote. The grains are called
/// only when something changed since this process last told them.
/// </summary>
public sealed class TeamsContacts(IGrainFactory grains, IOptions<TeamsOptions> options)
{
    private readonly ConcurrentDictionary<string, TeamsTenantContact> _told = new(StringComparer.Ordinal);

    /// <summary>Call only with an activity that passed the token validator: its service URL receives the bot's token later.</summary>
    public async Task RememberAsync(BotActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.TenantId is not { Length: > 0 } tenant || activity.ServiceUrl is not { Length: > 0 } serviceUrl
            || activity.ChannelId is not { Length: > 0 } channelId || activity.Recipient is not { } bot)
        {
            return;
        }

        var contact = new TeamsTenantContact(tenant, serviceUrl, channelId, new TeamsAccount(bot.Id, bot.Name ?? string.Empty, bot.AadObjectId));
        if (_told.TryGetValue(tenant, out var known) && known == contact)
        {
            return;
        }

        await grains.GetGrain<ITeamsTenantGrain>(tenant).Remember(contact);
        await grains.GetGrain<ITeamsTenantGrain>(ITeamsTenantGrain.LatestKey).Remember(contact);
        _told[tenant] = contact;
    }

    /// <summary>
    /// Where to open a chat: the configured tenant's contact (<c>Teams:TenantId</c>, a single-tenant bot), else the
    /// last tenant seen. Null while nobody of the tenant has reached the bot.
    /// </summary>
    public Task<TeamsTenantContact?> FindAsync()
    {
        var configured = options.Value.TenantId;
        var key = Guid.TryParseExact(configured?.Trim(), "D", out var tenant) ? tenant.ToString("D") : ITeamsTenantGrain.LatestKey;
        return grains.GetGrain<ITeamsTenantGrain>(key).Get();
    }
}
