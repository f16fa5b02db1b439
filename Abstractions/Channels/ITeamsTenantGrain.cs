namespace WealthActors.Channels;

/// <summary>
/// What the bot last saw of one Microsoft Entra tenant (key: the tenant id): the Connector address and the bot's
/// account there. That is all it takes to open a personal chat with someone of the tenant who never wrote to the bot,
/// so a manager who has only installed the app still gets their escalations.
/// </summary>
[Alias("WealthActors.ITeamsTenantGrain")]
public interface ITeamsTenantGrain : IGrainWithStringKey
{
    /// <summary>
    /// The key under which the most recently seen tenant is also kept, for deployments that leave
    /// <c>Teams:TenantId</c> empty (a multi-tenant app registration used by one bank).
    /// </summary>
    const string LatestKey = "*";

    /// <summary>Keeps <paramref name="contact"/>; writes only when it differs from the one kept.</summary>
    [Alias("Remember")]
    Task Remember(TeamsTenantContact contact);

    /// <summary>The contact kept, or null when nobody of the tenant has reached the bot yet.</summary>
    [Alias("Get"), ReadOnly]
    Task<TeamsTenantContact?> Get();
}

/// <summary>How to reach a tenant: taken from an authenticated incoming activity, never from user input.</summary>
/// <param name="TenantId">The Microsoft Entra tenant.</param>
/// <param name="ServiceUrl">The Connector base address the activity named.</param>
/// <param name="ChannelId">The Bot Framework channel, <c>msteams</c>.</param>
/// <param name="Bot">The bot's account in the tenant (<c>28:&lt;app id&gt;</c>).</param>
[GenerateSerializer, Immutable, Alias("WealthActors.TeamsTenantContact")]
public sealed record TeamsTenantContact(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ServiceUrl,
    [property: Id(2)] string ChannelId,
    [property: Id(3)] TeamsAccount Bot);
