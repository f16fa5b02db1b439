namespace WealthActors;

/// <summary>
/// One saved version of a setting (an SLA policy, a business calendar, the care rules): its full content, who saved it
/// and when. A version stored before history was kept, or shipped with the release, has neither.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.SettingsVersion`1")]
public sealed record SettingsVersion<T>(
    [property: Id(0)] int Version,
    [property: Id(1)] T Content,
    [property: Id(2)] Actor? SavedBy,
    [property: Id(3)] DateTimeOffset? SavedAt);
