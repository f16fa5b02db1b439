namespace WealthActors.ReadModel;

/// <summary>
/// One logged interaction of a client as the read model keeps it: numbered from 0 in the order the client's grain
/// recorded them, so the same interaction published twice (after a crash) is one row.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.InteractionRow")]
public sealed record InteractionRow(
    [property: Id(0)] long Seq,
    [property: Id(1)] InteractionKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string EmployeeId,
    [property: Id(4)] string Note);

/// <summary>
/// Where a page of a client's interactions ends: pages run newest first by <see cref="At"/>, then by number, so the
/// next page holds what sorts strictly after this position.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.InteractionCursor")]
public sealed record InteractionCursor(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Seq)
{
    public static InteractionCursor After(InteractionRow row) => new(row.At, row.Seq);

    /// <summary>Whether <paramref name="row"/> sorts after this position (is older, or as old with a lower number).</summary>
    public bool Precedes(InteractionRow row) =>
        row.At.UtcTicks / 10 < At.UtcTicks / 10 || (row.At.UtcTicks / 10 == At.UtcTicks / 10 && row.Seq < Seq);
}
