using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Grains.Care;

namespace WealthActors.Silo.Care;

/// <summary>
/// <c>care-maturity</c>: a task per holding and stage (e.g. 30, 15 and 7 days before maturity). A holding first seen
/// inside the 7-day stage gets that stage only.
/// </summary>
public sealed partial class MaturityCareRunner(ICareScanQueries queries, ICareContext context, ILogger<MaturityCareRunner> logger)
    : CareRunner(queries, context, logger)
{

    private readonly ICareScanQueries _queries = queries;

    public override string Name => CareRuleNames.Maturity;

    protected override Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken) =>
        _queries.MaturityCandidates(run.Today, run.Rules.Maturity.StageDays, cancellationToken);

    /// <summary>Reinvestment candidates listed on a task: enough to talk about, few enough to read in a chat card.</summary>
    private const int ReinvestmentCandidates = 3;

    /// <summary>
    /// The task lists reinvestment candidates: products on sale that suit the client (never one they may not buy). Asking
    /// for them activates the client's grain, which the care scans otherwise avoid; maturity tasks are few a day, and a
    /// task goes out without candidates when they cannot be had.
    /// </summary>
    protected override async Task<CarePlan?> PlanAsync(CareCandidate candidate, CareRun run)
    {
        if (Plan(candidate, run) is not { } plan)
        {
            return null;
        }

        IReadOnlyList<WealthActors.Suitability.Recommendation> candidates;
        try
        {
            candidates = await Context.SuitableProducts(candidate.ClientId, ReinvestmentCandidates);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNoCandidates(Logger, ex, candidate.ClientId);
            return plan;
        }

        if (candidates.Count == 0)
        {
            return plan;
        }

        var list = string.Join("、", candidates.Select(r => $"{r.Product.Name}（{r.Product.Code}，{r.Product.Risk}，起投 {CareTexts.Amount(r.Product.MinimumInvestment)}）"));
        var listEn = string.Join("; ", candidates.Select(r => $"{r.Product.Name} ({r.Product.Code}, {r.Product.Risk}, from {CareTexts.Amount(r.Product.MinimumInvestment)})"));
        return plan with { Text = new MessageText(plan.Text.Chinese + $"可续投：{list}。", plan.Text.English + $" Reinvestment candidates: {listEn}.") };
    }

    protected override CarePlan? Plan(CareCandidate candidate, CareRun run)
    {
        if (candidate.Holding is not { MaturityDate: { } maturity } holding
            || CareWindows.MaturityStage(maturity, run.Today, run.Rules.Maturity.StageDays) is not { } stage)
        {
            return null;
        }

        var key = $"{Name}:{candidate.ClientId}:{holding.ProductCode}:{CareTexts.Date(maturity)}:{stage}";
        var inDays = maturity.DayNumber - run.Today.DayNumber;
        var text = new MessageText(
            $"【到期提醒】{candidate.Name}（{candidate.ClientId}）持有的 {holding.ProductName}（{holding.ProductCode}，{CareTexts.Amount(holding.Amount)}）"
            + $"将于 {CareTexts.Date(maturity)} 到期（{inDays} 天后，提前 {stage} 天提醒），请与客户沟通续投安排。",
            $"Maturity on {CareTexts.Date(maturity)} (in {inDays} days, {stage}-day reminder): {candidate.Name} ({candidate.ClientId}) "
            + $"holds {holding.ProductName} ({holding.ProductCode}), {CareTexts.Amount(holding.Amount)}. Discuss reinvestment.");
        return new CarePlan(new CareOccurrence(key, Name, candidate.ClientId, maturity, holding.ProductCode, stage, null, run.Now), text);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Care maturity for client {ClientId}: no reinvestment candidates could be had; the task goes out without them")]
    private static partial void LogNoCandidates(ILogger logger, Exception exception, string clientId);
}
