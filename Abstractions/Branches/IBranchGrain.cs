namespace WealthActors.Branches;

[GenerateSerializer, Immutable, Alias("WealthActors.BranchProfile")]
public sealed record BranchProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string HeadEmployeeId,
    [property: Id(2)] string? ParentBranchId,
    [property: Id(3)] string? CalendarId);

/// <summary>A branch or region (key: branch id); its head receives branch-level escalations.</summary>
[Alias("WealthActors.IBranchGrain")]
public interface IBranchGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task<BranchProfile> Upsert(BranchProfile profile, Actor actor);

    /// <summary>The profile, or null for an unknown branch.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<BranchProfile?> GetProfile();

    /// <summary>The branch-local date of the last SLA digest sent to the head, or null when none was.</summary>
    [Alias("GetLastDigestDate"), ReadOnly]
    Task<DateOnly?> GetLastDigestDate();

    /// <summary>Records (durably) that the digest of <paramref name="localDate"/> was delivered; an earlier date changes nothing.</summary>
    [Alias("RecordDigest")]
    Task RecordDigest(DateOnly localDate);
}
