namespace WealthActors.Suitability;

/// <summary>
/// The risk questionnaire (风险测评问卷) as data: questions, their options and scores, and the score bands that give
/// the level. A band applies from its <see cref="RiskScoreBand.MinScore"/> up to the next band's. The catalog sets
/// <see cref="Version"/>; an assessment records the version it was scored under.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.RiskQuestionnaire")]
public sealed record RiskQuestionnaire(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<RiskQuestion> Questions,
    [property: Id(2)] IReadOnlyList<RiskScoreBand> Bands,
    [property: Id(3)] int Version = 0);

[GenerateSerializer, Immutable, Alias("WealthActors.RiskQuestion")]
public sealed record RiskQuestion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] IReadOnlyList<RiskOption> Options);

[GenerateSerializer, Immutable, Alias("WealthActors.RiskOption")]
public sealed record RiskOption(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] int Score);

[GenerateSerializer, Immutable, Alias("WealthActors.RiskScoreBand")]
public sealed record RiskScoreBand(
    [property: Id(0)] int MinScore,
    [property: Id(1)] RiskLevel Level);

/// <summary>The questionnaire in force (one, key <see cref="DefaultKey"/>), editable without a release.</summary>
[Alias("WealthActors.IRiskQuestionnaireGrain")]
public interface IRiskQuestionnaireGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    [Alias("Get"), ReadOnly]
    Task<RiskQuestionnaire> Get();

    /// <summary>Replaces the questionnaire; the version increases by one. Assessments already made keep theirs.</summary>
    [Alias("Put")]
    Task<RiskQuestionnaire> Put(RiskQuestionnaire questionnaire, Actor actor);
}

/// <summary>
/// A client's risk assessment as recorded: the level, the day it was made, whether the client is a professional
/// investor (with what proves it), and, when scored here, the questionnaire version and score. <see cref="Source"/>
/// names where it came from (<c>questionnaire</c>, or the system of record's key).
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.RiskAssessment")]
public sealed record RiskAssessment(
    [property: Id(0)] RiskLevel Level,
    [property: Id(1)] DateOnly AssessedOn,
    [property: Id(2)] bool Professional,
    [property: Id(3)] string? ProfessionalEvidence,
    [property: Id(4)] int? QuestionnaireVersion,
    [property: Id(5)] int? Score,
    [property: Id(6)] string Source);
