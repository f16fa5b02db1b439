using WealthActors.Grains.Suitability;
using WealthActors.Suitability;

namespace WealthActors.Grains.Tests.Suitability;

public sealed class RiskScoringTests
{
    private static readonly RiskQuestionnaire Shipped = DefaultRiskQuestionnaire.Value;

    private static Dictionary<string, string> All(string option) => Shipped.Questions.ToDictionary(q => q.Id, _ => option);

    [Theory]
    [InlineData("a", 5, RiskLevel.C1)]
    [InlineData("b", 10, RiskLevel.C2)]
    [InlineData("c", 15, RiskLevel.C3)]
    [InlineData("d", 20, RiskLevel.C4)]
    [InlineData("e", 25, RiskLevel.C5)]
    public void Score_ShippedQuestionnaire_FallsInItsBand(string option, int score, RiskLevel level)
    {
        var problems = new List<(string, string)>();
        Assert.Equal((score, level), RiskScoring.Score(Shipped, All(option), problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(8, RiskLevel.C1)]
    [InlineData(9, RiskLevel.C2)]
    [InlineData(12, RiskLevel.C2)]
    [InlineData(13, RiskLevel.C3)]
    [InlineData(21, RiskLevel.C5)]
    public void LevelOf_BandBoundaries_AreInclusiveAtTheirMinimum(int score, RiskLevel level) =>
        Assert.Equal(level, RiskScoring.LevelOf(Shipped, score));

    [Fact]
    public void Score_MissingUnknownAndExtraAnswers_NameEachField()
    {
        var answers = All("a");
        answers.Remove("age");
        answers["loss"] = "z";
        answers["mood"] = "a";
        var problems = new List<(string Field, string Message)>();

        Assert.Null(RiskScoring.Score(Shipped, answers, problems));
        Assert.Equal(["answers.age", "answers.loss", "answers.mood"], problems.Select(p => p.Field).Order());
    }

    [Fact]
    public void Validate_ShippedQuestionnaire_IsValid_AndFallingBandsAreNot()
    {
        Assert.Empty(RiskScoring.Validate(Shipped));
        var falling = Shipped with { Bands = [new RiskScoreBand(0, RiskLevel.C2), new RiskScoreBand(10, RiskLevel.C1)] };
        Assert.Contains(RiskScoring.Validate(falling), p => p.Field == "bands[1]");
        var duplicate = Shipped with { Questions = [Shipped.Questions[0], Shipped.Questions[0]] };
        Assert.Contains(RiskScoring.Validate(duplicate), p => p.Field == "questions[1].id");
    }
}
