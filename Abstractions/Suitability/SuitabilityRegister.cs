namespace WealthActors.Suitability;

[GenerateSerializer, Alias("WealthActors.SuitabilityRegisterKind")]
public enum SuitabilityRegisterKind { Override = 0, Blocked = 1, Warning = 2 }

/// <summary>
/// One line of the compliance register (适当性台账): an override (its request, approval or rejection), a blocked
/// attempt, or a warning about a reported holding that breaks suitability. <see cref="Key"/> identifies the line: an
/// override's line is rewritten as it moves on (requested, approved by whom), the others are written once.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.SuitabilityRegisterEntry")]
public sealed record SuitabilityRegisterEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] SuitabilityRegisterKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string ClientId,
    [property: Id(4)] string BranchId,
    [property: Id(5)] string AdvisorId,
    [property: Id(6)] string ProductCode,
    [property: Id(7)] ProductRisk ProductRisk,
    [property: Id(8)] RiskLevel? ClientRisk,
    [property: Id(9)] decimal Amount,
    [property: Id(10)] IReadOnlyList<SuitabilityReason> Reasons,
    [property: Id(11)] string? SubscriptionId,
    [property: Id(12)] string Status,
    [property: Id(13)] string? DecidedBy,
    [property: Id(14)] DateTimeOffset? DecidedAt,
    [property: Id(15)] string? Note);

/// <summary>Which register lines to read: by kind, branch, client, and <c>At</c> in [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record SuitabilityRegisterFilter(
    SuitabilityRegisterKind? Kind = null,
    string? BranchId = null,
    string? ClientId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 1000);

/// <summary>Where the register is kept (a table in the silo's database; memory in tests). Lines are upserted by key.</summary>
public interface ISuitabilityRegister
{
    Task Record(SuitabilityRegisterEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Matching lines, newest first.</summary>
    Task<IReadOnlyList<SuitabilityRegisterEntry>> List(SuitabilityRegisterFilter filter, CancellationToken cancellationToken = default);
}
