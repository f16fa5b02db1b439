using WealthActors.Care;
using WealthActors.Employees;

namespace WealthActors.Silo.Care;

/// <summary><c>care-risk-expiry</c>: a task when a client's risk assessment expires within the configured days.</summary>
public sealed class RiskExpiryCareRunner(ICareScanQueries queries, ICareContext context, ILogger<RiskExpiryCareRunner> logger)
    : CareRunner(queries, context, logger)
{
    private readonly ICareScanQueries _queries = queries;

    public override string Name => CareRuleNames.RiskExpiry;

    protected override Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken) =>
        _queries.RiskExpiryCandidates(run.Today, run.Rules.RiskExpiry.Days, cancellationToken);

    protected override CarePlan? Plan(CareCandidate candidate, CareRun run)
    {
        if (candidate.RiskExpiresOn is not { } expires)
        {
            return null;
        }

        var key = $"{Name}:{candidate.ClientId}:{CareTexts.Date(expires)}";
        var inDays = expires.DayNumber - run.Today.DayNumber;
        var text = new MessageText(
            $"【风险测评到期】{candidate.Name}（{candidate.ClientId}）的风险测评将于 {CareTexts.Date(expires)} 到期（{inDays} 天后），推荐产品前请安排重新测评。",
            $"Risk profile of {candidate.Name} ({candidate.ClientId}) expires on {CareTexts.Date(expires)} (in {inDays} days): "
            + "arrange a re-assessment before recommending products.");
        return new CarePlan(new CareOccurrence(key, Name, candidate.ClientId, expires, null, null, null, run.Now), text);
    }
}
