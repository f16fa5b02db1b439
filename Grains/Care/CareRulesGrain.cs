using Microsoft.Extensions.Logging;
using WealthActors.Care;
using WealthActors.Grains.Settings;

namespace WealthActors.Grains.Care;

public sealed partial class CareRulesGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<CareRulesState> state,
    TimeProvider clock,
    ILogger<CareRulesGrain> logger) : Grain, ICareRulesGrain
{
    // A document stored before the onboarding template existed carries none: it shows (and keeps) the shipped one.
    private CareRules Current => state.State.Rules is { } stored
        ? stored with { Onboarding = stored.OnboardingOrDefault }
        : CareRules.Defaults;

    public Task<CareRules> Get() => Task.FromResult(Current);

    public Task<IReadOnlyList<SettingsVersion<CareRules>>> Versions() =>
        Task.FromResult(SettingsHistory.Read(state.State.History, Current.Version, Current));

    public async Task<CareRules> Put(CareRules rules, Actor actor)
    {
        var problems = CareRulesValidator.Validate(rules);
        if (problems.Count > 0)
        {
            throw new DomainValidationException(problems[0].Field, problems[0].Message);
        }

        var replaced = Current;
        var stored = rules with { Version = replaced.Version + 1 };
        state.State.Rules = stored;
        SettingsHistory.Record(state.State.History, (replaced.Version, replaced), new(stored.Version, stored, actor, clock.GetUtcNow()));
        await state.WriteStateAsync();
        LogStored(logger, this.GetPrimaryKeyString(), stored.Version, actor.Id);
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Care rules {RulesId} stored as version {Version} by {ActorId}")]
    private static partial void LogStored(ILogger logger, string rulesId, int version, string actorId);
}
