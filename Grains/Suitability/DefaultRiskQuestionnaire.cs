using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

/// <summary>
/// The questionnaire shipped with the product, until an administrator stores the firm's own: five questions scored 1
/// to 5 (5 to 25 in all), in five bands. Plain arrays, not collection expressions, so the Orleans serializer knows them.
/// </summary>
public static class DefaultRiskQuestionnaire
{
    public static RiskQuestionnaire Value { get; } = new(
        "个人投资者风险承受能力评估 Individual investor risk tolerance",
        new[]
        {
            Question("age", "您的年龄 Your age", "70岁以上 over 70", "60–70岁 60–70", "50–59岁 50–59", "18–29岁 18–29", "30–49岁 30–49"),
            Question("experience", "您的投资经验 Your investment experience", "无 none", "1年以内 under a year", "1–3年 1–3 years", "3–5年 3–5 years", "5年以上 over 5 years"),
            Question("share", "拟投资金额占家庭金融资产的比例 Share of household financial assets to invest", "50%以上 over 50%", "30–50%", "10–30%", "5–10%", "5%以下 under 5%"),
            Question("loss", "您能承受的最大本金亏损 The largest loss of principal you can bear", "不能亏损 none", "5%以内 up to 5%", "5–15%", "15–30%", "30%以上 over 30%"),
            Question("horizon", "计划投资期限 Planned investment horizon", "1年以内 under a year", "1–2年 1–2 years", "2–3年 2–3 years", "3–5年 3–5 years", "5年以上 over 5 years"),
        },
        new[]
        {
            new RiskScoreBand(0, RiskLevel.C1),
            new RiskScoreBand(9, RiskLevel.C2),
            new RiskScoreBand(13, RiskLevel.C3),
            new RiskScoreBand(17, RiskLevel.C4),
            new RiskScoreBand(21, RiskLevel.C5),
        },
        Version: 1);

    private static RiskQuestion Question(string id, string text, params string[] options) =>
        new(id, text, options.Select((o, i) => new RiskOption(((char)('a' + i)).ToString(), o, i + 1)).ToArray());
}
