using WealthActors.Care;

namespace WealthActors.Silo.Care;

/// <summary><c>care-risk-expiry</c>: a task when a client's risk assessment expires within the configured days.</summary>
public sealed class RiskExpiryCareRunner(ICareScanQueries queries, ICareContext context, ILogger<RiskExpiryCareRunner> logger)
    : CareRunner(queries, context, logger)
{
    private readonly ICareScanQueries _queries = queries;

    public override string Name => CareRuleNames.RiskExpiry;

    protected override Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken) =>
        _queries.RiskExpiryCandidates(run.Today, run.Rules.RiskExpiry.Days, cancellationToken);

    protected override CarePlan? Plan(CareCandidate c, CareRun run)
    {
        if (c.RiskExpiresOn is not { } expires)
        {
            return null;
        }

        var key = $"{Name}:{c.ClientId}:{CareTexts.Date(expires)}";
        var text =
            $"Risk profile of {c.Name} ({c.ClientId}) expires on {CareTexts.Date(expires)} (in {expires.DayNumber - run.Today.DayNumber} days): "
            + "arrange a re-assessment before recommending products.";
        return new CarePlan(new CareOccurrence(key, Name, c.ClientId, expires, null, null, null, run.Now), text);
    }
}
