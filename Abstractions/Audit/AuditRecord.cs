namespace WealthActors.Audit;

/// <summary>
/// What a door (the HTTP API, the chat engine, the job scheduler) hands to the audit trail about one command or one
/// read of unmasked personal data. The trail adds the time, the chain, the sequence number and the hashes.
/// </summary>
/// <param name="Channel">How it came in: <see cref="AuditChannels"/>.</param>
/// <param name="Action">What was asked, e.g. <c>complaint.acknowledge</c>.</param>
/// <param name="Outcome">An HTTP status code (<c>200</c>, <c>403</c>) or <see cref="AuditOutcomes"/>.</param>
/// <param name="EmployeeId">The employee who acted (claim <c>wa:employee</c>, or the chat user's employee).</param>
/// <param name="KeyName">The API key a system presented (claim <c>wa:key</c>).</param>
/// <param name="Door">How the caller proved who they are (claim <c>wa:door</c>: <c>api-key</c>, <c>bearer</c>, …).</param>
/// <param name="ClientAddress">The network address the request came from, when there is one.</param>
/// <param name="TargetType">What kind of thing it acted on (<c>complaint</c>, <c>client</c>, <c>job</c>, …).</param>
/// <param name="TargetId">Which one.</param>
/// <param name="Digest">SHA-256 (lower-case hex) of what was received: the request body, the chat text, a job's result.</param>
public sealed record AuditRecord(
    string Channel,
    string Action,
    string Outcome,
    string? EmployeeId = null,
    string? KeyName = null,
    string? Door = null,
    string? ClientAddress = null,
    string? TargetType = null,
    string? TargetId = null,
    string? Digest = null);

/// <summary>The channels an audit entry names.</summary>
public static class AuditChannels
{
    public const string Http = "http";
    public const string WeCom = "wecom";
    public const string Teams = "teams";
    public const string WebChat = "webchat";
    public const string Job = "job";
    public const string Console = "console";

    /// <summary>A command-line verb of the silo's binary, run by an operator at a terminal (an import).</summary>
    public const string CommandLine = "cli";
}

/// <summary>Outcomes of doors that have no status code; the HTTP door records the status code itself.</summary>
public static class AuditOutcomes
{
    public const string Ok = "ok";
    public const string Refused = "refused";
    public const string Failed = "failed";
}
