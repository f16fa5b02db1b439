namespace WealthActors.Clients;

/// <summary>A money movement reported by core banking; it does not change holdings (those are pushed separately).</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.ClientTransaction")]
public sealed record ClientTransaction(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] TransactionKind Kind,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string? ProductCode,
    [property: Id(4)] DateTimeOffset At);

/// <summary>What a reported transaction caused: whether the advisor was alerted, why, and the key of the alert.</summary>
[GenerateSerializer, Immutable, Alias("WealthActors.TransactionOutcome")]
public sealed record TransactionOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Outflow,
    [property: Id(2)] decimal AumBefore,
    [property: Id(3)] bool Alerted,
    [property: Id(4)] IReadOnlyList<string> Reasons,
    [property: Id(5)] string? AlertKey,
    [property: Id(6)] string? AlertedEmployeeId,
    [property: Id(7)] bool AlreadyAlerted);
