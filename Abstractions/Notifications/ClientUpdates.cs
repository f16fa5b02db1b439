namespace WealthActors.Notifications;

/// <summary>The changes of a complaint or service request the client is told of.</summary>
[GenerateSerializer, Alias("WealthActors.ClientUpdateKind")]
public enum ClientUpdateKind
{
    Acknowledged = 0,
    DeadlineExtended = 1,
    Resolved = 2,
}

/// <summary>The channels a client may consent to be told through, as recorded on the client's profile.</summary>
public static class ClientUpdateChannels
{
    /// <summary>WeCom's customer contact (客户联系): a message to the client's WeCom external contact id.</summary>
    public const string WeCom = "wecom";

    public const string Sms = "sms";

    public static readonly IReadOnlyList<string> All = [WeCom, Sms];
}

/// <summary>
/// One message owed to a client about a change of their case (a complaint or a service request: <see cref="Case"/>).
/// <see cref="Key"/> names the change (<c>{caseId}:{kind}:{n}</c>) and makes it once: the case records the request in
/// the same state write as the change, and hands it over until the client-update grain of that key holds it.
/// <see cref="After"/> is the key of the update owed before it on the same case: this one goes to a channel only once that
/// one is settled, so a client never hears "more time needed" before "received".
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientUpdateRequest")]
public sealed record ClientUpdateRequest(
    [property: Id(0)] string Key,
    [property: Id(1)] string CaseId,
    [property: Id(2)] string ClientId,
    [property: Id(3)] ClientUpdateKind Kind,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] WealthActors.Sla.CaseKind Case = WealthActors.Sla.CaseKind.Complaint,
    [property: Id(7)] string? After = null);

[GenerateSerializer, Alias("WealthActors.ClientUpdateState")]
public enum ClientUpdateStatus
{
    /// <summary>Being sent (or retried after a failure that may pass).</summary>
    Pending = 0,

    /// <summary>The channel accepted the message.</summary>
    Sent = 1,

    /// <summary>The channel refused it for good (a bad number, not a contact, a limit reached): not retried.</summary>
    Refused = 2,

    /// <summary>Not sent: no consent, or no contact for a consented channel, or every retry failed.</summary>
    NotSent = 3,
}

/// <summary>What became of one client update: by which channel, and why not where it was not sent.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientUpdateOutcome")]
public sealed record ClientUpdateOutcome(
    [property: Id(0)] string Key,
    [property: Id(1)] ClientUpdateStatus Status,
    [property: Id(2)] string? Channel,
    [property: Id(3)] string Detail,
    [property: Id(4)] int Attempts);

/// <summary>
/// Sends one client update (key: <see cref="ClientUpdateRequest.Key"/>) through a channel the client consented to, with
/// retries, and records the outcome on the case's timeline. A second submission of the same key does nothing.
/// </summary>
[Alias("WealthActors.IClientUpdateGrain")]
public interface IClientUpdateGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the update (a repeat of a key already taken does nothing) and answers at once; sending happens after.
    /// Interleaves, so a complaint handing a key over again never waits on this grain reporting to it.
    /// </summary>
    [Alias("Submit"), AlwaysInterleave]
    Task Submit(ClientUpdateRequest request);

    /// <summary>Null for a key never submitted.</summary>
    [Alias("GetOutcome"), ReadOnly, AlwaysInterleave]
    Task<ClientUpdateOutcome?> GetOutcome();

    /// <summary>True once nothing more will be sent for this key: its outcome is stored, or it was never submitted.</summary>
    [Alias("IsSettled"), ReadOnly, AlwaysInterleave]
    Task<bool> IsSettled();
}
