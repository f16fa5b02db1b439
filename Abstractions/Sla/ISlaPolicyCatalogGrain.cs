namespace WealthActors.Sla;

/// <summary>
/// The SLA policies of the firm (one catalog, key <see cref="DefaultKey"/>). The catalog is small and read on every
/// complaint opened, so reads are read-only and interleave.
/// </summary>
[Alias("WealthActors.ISlaPolicyCatalogGrain")]
public interface ISlaPolicyCatalogGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>Creates or replaces a policy; the stored version increases by one. Returns the stored policy.</summary>
    [Alias("Put")]
    Task<SlaPolicy> Put(SlaPolicy policy, Actor actor);

    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<SlaPolicy>> List();

    [Alias("Get"), ReadOnly]
    Task<SlaPolicy?> Get(string policyId);

    /// <summary>Every saved version of a policy, newest first; null when there is no such policy.</summary>
    [Alias("Versions"), ReadOnly]
    Task<IReadOnlyList<SettingsVersion<SlaPolicy>>?> Versions(string policyId);

    /// <summary>The policy with the highest priority whose criteria match; the shipped defaults guarantee one.</summary>
    [Alias("Match"), ReadOnly]
    Task<SlaPolicy> Match(PolicySubject subject);
}
