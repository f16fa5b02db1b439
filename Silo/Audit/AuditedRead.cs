namespace WealthActors.Silo.Audit;

/// <summary>
/// Endpoint metadata: a read (a <c>GET</c>) that is audited like a command, under <paramref name="Action"/>, refusals
/// included. Reading the audit trail itself is one.
/// </summary>
public sealed record AuditedRead(string Action, string? TargetType = null);
