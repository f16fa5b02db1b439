namespace WealthActors.Silo.Notifications;

/// <summary>
/// The SMS gateway progress updates to clients go through (section <c>Notifications:Sms</c>). Unset
/// <see cref="BaseUrl"/>: no SMS channel.
/// </summary>
public sealed class SmsGatewayOptions
{
    public const string Section = "Notifications:Sms";

    /// <summary>The gateway's address; messages are posted to <c>{BaseUrl}/messages</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The sender name or signature (短信签名) the gateway puts on the message.</summary>
    public string Sender { get; set; } = "WealthActors";
}
