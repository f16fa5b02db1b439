namespace WealthActors.Silo.Apis;

/// <summary>
/// One saved version of a setting on the wire, with its full content in the form its PUT takes. <c>savedBy</c> (the
/// employee or system that saved it, through <c>savedVia</c>) and <c>savedAt</c> are absent for the version shipped
/// with the release or stored before history was kept.
/// </summary>
public sealed record SettingsVersionDto<T>(int Version, string? SavedBy, ActorKind? SavedByKind, string? SavedVia, DateTimeOffset? SavedAt, T Content);

public static class SettingsVersionDto
{
    public static SettingsVersionDto<TWire> From<TStored, TWire>(SettingsVersion<TStored> version, Func<TStored, TWire> wire) =>
        new(version.Version, version.SavedBy?.Id, version.SavedBy?.Kind, version.SavedBy?.Channel, version.SavedAt, wire(version.Content));
}
