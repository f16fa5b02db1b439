namespace WealthActors.Grains.Settings;

/// <summary>
/// The saved versions of one setting, kept in its grain's own state beside the setting itself (settings change a few
/// times a year, so a full copy per save stays small and needs no table of its own).
/// </summary>
public static class SettingsHistory
{
    /// <summary>
    /// Appends the version just stored. The first save kept also keeps what it replaced (shipped, or stored before history
    /// was kept; without a writer or time), so no version that was ever in force is lost from the history.
    /// </summary>
    public static void Record<T>(List<SettingsVersion<T>> history, (int Version, T Content)? replaced, SettingsVersion<T> saved)
    {
        if (history.Count == 0 && replaced is { } before)
        {
            history.Add(new SettingsVersion<T>(before.Version, before.Content, null, null));
        }

        history.Add(saved);
    }

    /// <summary>
    /// Newest first. The current content always leads: a setting shipped with the release, or stored before history
    /// was kept, has no recorded save, and shows as its current version without a writer or time.
    /// </summary>
    public static IReadOnlyList<SettingsVersion<T>> Read<T>(IReadOnlyList<SettingsVersion<T>>? history, int currentVersion, T current)
    {
        var saved = (history ?? []).OrderByDescending(v => v.Version).ToList();
        if (saved.Count == 0 || saved[0].Version != currentVersion)
        {
            saved.Insert(0, new SettingsVersion<T>(currentVersion, current, null, null));
        }

        return saved;
    }
}
