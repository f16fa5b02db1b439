using WealthActors.Clients;
using WealthActors.Notifications;
using WealthActors.Silo.Apis;

namespace WealthActors.Silo.Notifications;

/// <summary>
/// A client's consent to progress updates and WeCom contact on <c>PUT /api/clients/{id}</c>: checked, and merged with
/// what is stored (a field left out keeps the stored value, since a core-banking push does not carry what an advisor
/// recorded with the client).
/// </summary>
internal static class ClientContactFields
{
    public static RequestValidation ClientContactConsent(this RequestValidation v, UpsertClientRequest body)
    {
        if (body.WeComExternalUserId is { Length: > 0 } external)
        {
            v.Check(external.Length <= 64 && external.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'),
                "wecomExternalUserId", "is a WeCom external contact id: letters, digits, '-' and '_', at most 64.");
        }

        var consent = body.UpdateConsent ?? [];
        for (var i = 0; i < consent.Count; i++)
        {
            v.Check(consent[i] is { } channel && ClientUpdateChannels.All.Contains(channel), $"updateConsent[{i}]",
                $"must be one of {string.Join(", ", ClientUpdateChannels.All)}.");
            v.Check(consent.Take(i).All(c => c != consent[i]), $"updateConsent[{i}]", "is listed twice.");
        }

        return v;
    }

    public static string? ExternalUserId(UpsertClientRequest body, ClientProfile? stored) => body.WeComExternalUserId switch
    {
        null => stored?.WeComExternalUserId,
        "" => null,
        var id => id,
    };

    public static IReadOnlyList<string>? Consent(UpsertClientRequest body, ClientProfile? stored) =>
        body.UpdateConsent is null ? stored?.UpdateConsent : body.UpdateConsent.Count == 0 ? null : [.. body.UpdateConsent.OfType<string>()];
}
