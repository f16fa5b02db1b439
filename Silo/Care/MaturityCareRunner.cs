using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Grains.Care;

namespace WealthActors.Silo.Care;

/// <summary>
/// <c>care-maturity</c>: a task per holding and stage (e.g. 30, 15 and 7 days before maturity). A holding first seen
/// inside the 7-day stage gets that stage only.
/// </summary>
public sealed class MaturityCareRunner(ICareScanQueries queries, ICareContext context, ILogger<MaturityCareRunner> logger)
    : CareRunner(queries, context, logger)
{
    private readonly ICareScanQueries _queries = queries;

    public override string Name => CareRuleNames.Maturity;

    protected override Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken) =>
        _queries.MaturityCandidates(run.Today, run.Rules.Maturity.StageDays, cancellationToken);

    protected override CarePlan? Plan(CareCandidate c, CareRun run)
    {
        if (c.Holding is not { MaturityDate: { } maturity } holding
            || CareWindows.MaturityStage(maturity, run.Today, run.Rules.Maturity.StageDays) is not { } stage)
        {
            return null;
        }

        var key = $"{Name}:{c.ClientId}:{holding.ProductCode}:{CareTexts.Date(maturity)}:{stage}";
        var inDays = maturity.DayNumber - run.Today.DayNumber;
        var text = new MessageText(
            $"【到期提醒】{c.Name}（{c.ClientId}）持有的 {holding.ProductName}（{holding.ProductCode}，{CareTexts.Amount(holding.Amount)}）"
            + $"将于 {CareTexts.Date(maturity)} 到期（{inDays} 天后，提前 {stage} 天提醒），请与客户沟通续投安排。",
            $"Maturity on {CareTexts.Date(maturity)} (in {inDays} days, {stage}-day reminder): {c.Name} ({c.ClientId}) "
            + $"holds {holding.ProductName} ({holding.ProductCode}), {CareTexts.Amount(holding.Amount)}. Discuss reinvestment.");
        return new CarePlan(new CareOccurrence(key, Name, c.ClientId, maturity, holding.ProductCode, stage, null, run.Now), text);
    }
}
