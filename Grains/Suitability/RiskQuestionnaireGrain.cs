using Microsoft.Extensions.Logging;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

public sealed partial class RiskQuestionnaireGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<RiskQuestionnaireState> state,
    ILogger<RiskQuestionnaireGrain> logger) : Grain, IRiskQuestionnaireGrain
{
    private RiskQuestionnaire Current => state.State.Questionnaire ?? DefaultRiskQuestionnaire.Value;

    public Task<RiskQuestionnaire> Get() => Task.FromResult(Current);

    public async Task<RiskQuestionnaire> Put(RiskQuestionnaire questionnaire, Actor actor)
    {
        if (RiskScoring.Validate(questionnaire) is [var first, ..])
        {
            throw new DomainValidationException(first.Field, first.Message);
        }

        var stored = questionnaire with { Version = Current.Version + 1 };
        state.State.Questionnaire = stored;
        await state.WriteStateAsync();
        LogStored(logger, this.GetPrimaryKeyString(), stored.Version, actor.Id);
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk questionnaire {QuestionnaireId} stored as version {Version} by {ActorId}")]
    private static partial void LogStored(ILogger logger, string questionnaireId, int version, string actorId);
}

[GenerateSerializer, Alias("WealthActors.RiskQuestionnaireState")]
public sealed class RiskQuestionnaireState
{
    /// <summary>Null until first stored: the shipped questionnaire applies until then.</summary>
    [Id(0)] public RiskQuestionnaire? Questionnaire { get; set; }
}
