using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>Scoring a questionnaire's answers, and whether a questionnaire is well-formed. Pure.</summary>
public static class RiskScoring
{
    /// <summary>
    /// The score and level of <paramref name="answers"/> (question id → option id): every question answered once with
    /// one of its options. Problems name the field as the HTTP API does (<c>answers.q1</c>).
    /// </summary>
    public static (int Score, RiskLevel Level)? Score(
        RiskQuestionnaire questionnaire, IReadOnlyDictionary<string, string> answers, List<(string Field, string Message)> problems)
    {
        var score = 0;
        foreach (var question in questionnaire.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var optionId))
            {
                problems.Add(($"answers.{question.Id}", "is required."));
                continue;
            }

            if (question.Options.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.Ordinal)) is not { } option)
            {
                problems.Add(($"answers.{question.Id}", $"'{optionId}' is not one of its options ({string.Join(", ", question.Options.Select(o => o.Id))})."));
                continue;
            }

            score += option.Score;
        }

        foreach (var extra in answers.Keys.Where(k => questionnaire.Questions.All(q => q.Id != k)))
        {
            problems.Add(($"answers.{extra}", "is not a question of the questionnaire."));
        }

        return problems.Count > 0 ? null : (score, LevelOf(questionnaire, score));
    }

    /// <summary>The band a score falls in: the one with the highest minimum at or below it (the lowest band below all).</summary>
    public static RiskLevel LevelOf(RiskQuestionnaire questionnaire, int score)
    {
        var bands = questionnaire.Bands.OrderBy(b => b.MinScore).ToList();
        return bands.LastOrDefault(b => b.MinScore <= score)?.Level ?? bands[0].Level;
    }

    public static IReadOnlyList<(string Field, string Message)> Validate(RiskQuestionnaire questionnaire)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(questionnaire.Name))
        {
            problems.Add(("name", "must not be empty."));
        }

        if (questionnaire.Questions is not { Count: > 0 and <= 100 })
        {
            problems.Add(("questions", "must hold between 1 and 100 questions."));
        }
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < questionnaire.Questions.Count; i++)
            {
                var q = questionnaire.Questions[i];
                if (q is null || string.IsNullOrWhiteSpace(q.Id) || !ids.Add(q.Id))
                {
                    problems.Add(($"questions[{i}].id", "must be present and unique."));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(q.Text))
                {
                    problems.Add(($"questions[{i}].text", "must not be empty."));
                }

                if (q.Options is not { Count: >= 2 and <= 20 })
                {
                    problems.Add(($"questions[{i}].options", "must hold between 2 and 20 options."));
                    continue;
                }

                var optionIds = new HashSet<string>(StringComparer.Ordinal);
                for (var j = 0; j < q.Options.Count; j++)
                {
                    var o = q.Options[j];
                    if (o is null || string.IsNullOrWhiteSpace(o.Id) || !optionIds.Add(o.Id))
                    {
                        problems.Add(($"questions[{i}].options[{j}].id", "must be present and unique within the question."));
                    }
                    else if (string.IsNullOrWhiteSpace(o.Text) || o.Score is < 0 or > 1000)
                    {
                        problems.Add(($"questions[{i}].options[{j}]", "needs a text and a score between 0 and 1000."));
                    }
                }
            }
        }

        if (questionnaire.Bands is not { Count: > 0 })
        {
            problems.Add(("bands", "must hold at least one band."));
        }
        else
        {
            for (var i = 1; i < questionnaire.Bands.Count; i++)
            {
                var (before, band) = (questionnaire.Bands[i - 1], questionnaire.Bands[i]);
                if (band.MinScore <= before.MinScore || band.Level <= before.Level)
                {
                    problems.Add(($"bands[{i}]", "bands must rise: each a higher minScore and a higher level than the one before."));
                }
            }

            for (var i = 0; i < questionnaire.Bands.Count; i++)
            {
                if (!Enum.IsDefined(questionnaire.Bands[i].Level))
                {
                    problems.Add(($"bands[{i}].level", "must be one of C1…C5."));
                }
            }
        }

        return problems;
    }
}
