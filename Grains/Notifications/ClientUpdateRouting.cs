using WealthActors.Clients;
using WealthActors.Notifications;

namespace WealthActors.Grains.Notifications;

/// <summary>
/// Which channels a client update may go through, in order, or why none: only channels the client consented to on
/// their profile, that have the contact they need (a WeCom external contact id and an advisor with a WeCom account; a
/// phone number), and that this silo has configured. WeCom comes first where both are allowed: it costs nothing and
/// the advisor sees it in their own chat with the client. A refusal by one moves on to the next.
/// </summary>
public static class ClientUpdateRouting
{
    public static (IReadOnlyList<string> Channels, string? WhyNone) Plan(
        ClientProfile profile, string? advisorWeComUserId, Func<string, bool> offered)
    {
        var consent = profile.UpdateConsent ?? [];
        if (consent.Count == 0)
        {
            return ([], "the client has not consented to progress updates (无客户授权)");
        }

        var channels = new List<string>();
        var missing = new List<string>();
        foreach (var channel in ClientUpdateChannels.All.Where(consent.Contains))
        {
            var contact = channel == ClientUpdateChannels.WeCom
                ? profile.WeComExternalUserId is { Length: > 0 } && advisorWeComUserId is { Length: > 0 }
                : profile.Phone is { Length: > 0 };
            if (!contact)
            {
                missing.Add(channel == ClientUpdateChannels.WeCom ? "wecom: no external contact id or advisor WeCom account" : "sms: no phone number");
            }
            else if (!offered(channel))
            {
                missing.Add($"{channel}: not configured");
            }
            else
            {
                channels.Add(channel);
            }
        }

        return channels.Count > 0 ? (channels, null) : ([], string.Join("; ", missing));
    }
}
