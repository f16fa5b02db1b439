namespace WealthActors.Care;

/// <summary>The care rules' settings of the firm (one grain, key <see cref="DefaultKey"/>).</summary>
[Alias("WealthActors.ICareRulesGrain")]
public interface ICareRulesGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    /// <summary>The stored settings, or the shipped defaults (version 0) until first written.</summary>
    [Alias("Get"), ReadOnly]
    Task<CareRules> Get();

    /// <summary>Replaces the settings; the stored version is one more than before. Invalid settings throw <see cref="DomainValidationException"/>.</summary>
    [Alias("Put")]
    Task<CareRules> Put(CareRules rules, Actor actor);

    /// <summary>Every saved version of the settings, newest first (the shipped defaults, version 0, until first written).</summary>
    [Alias("Versions"), ReadOnly]
    Task<IReadOnlyList<SettingsVersion<CareRules>>> Versions();
}
