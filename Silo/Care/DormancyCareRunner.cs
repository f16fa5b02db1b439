using System.Collections.Concurrent;
using WealthActors.Care;
using WealthActors.Employees;

namespace WealthActors.Silo.Care;

/// <summary>
/// <c>care-dormancy</c>: a churn warning when a client has had no contact for the configured days (counted from
/// becoming a client when never contacted); for a VIP client also to the team lead. A new interaction starts a new clock.
/// </summary>
public sealed class DormancyCareRunner(ICareScanQueries queries, ICareContext context, ILogger<DormancyCareRunner> logger)
    : CareRunner(queries, context, logger)
{
    private readonly ICareScanQueries _queries = queries;
    private readonly ConcurrentDictionary<(string Branch, string Advisor), Task<string?>> _teamLeads = new();

    public override string Name => CareRuleNames.Dormancy;

    protected override Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken)
    {
        // The org chart may change between runs; within a run each advisor's team lead is looked up once.
        _teamLeads.Clear();
        return _queries.DormancyCandidates(run.Now.AddDays(-run.Rules.Dormancy.Days), cancellationToken);
    }

    protected override CarePlan? Plan(CareCandidate candidate, CareRun run)
    {
        if (candidate.LastContactAt is not { } contact)
        {
            return null;
        }

        var contactDay = CareTexts.Date(contact, run.Zone);
        var key = $"{Name}:{candidate.ClientId}:{contactDay}";
        var days = (int)(run.Now - contact).TotalDays;
        var text = new MessageText(
            $"【流失预警】{candidate.Name}（{candidate.ClientId}，{CareTexts.TierInChinese(candidate.Tier, candidate.Vip)}，资产 {CareTexts.Amount(candidate.Aum)}）已 {days} 天未联系"
            + $"（最近一次 {contactDay}），请尽快联系。",
            $"Churn risk: no contact with {candidate.Name} ({candidate.ClientId}, {CareTexts.TierInEnglish(candidate.Tier, candidate.Vip)}, AUM {CareTexts.Amount(candidate.Aum)}) "
            + $"for {days} days, since {contactDay}. Please reach out.");
        return new CarePlan(new CareOccurrence(key, Name, candidate.ClientId, null, null, null, contact, run.Now), text);
    }

    protected override async Task<IReadOnlyList<string>> Recipients(CareCandidate candidate, CareRun run)
    {
        if (!candidate.Vip || !run.Rules.Dormancy.VipToTeamLead)
        {
            return [candidate.AdvisorId];
        }

        var teamLead = await _teamLeads.GetOrAdd((candidate.BranchId, candidate.AdvisorId), key => Context.TeamLeadOf(key.Branch, key.Advisor));
        return teamLead is null || teamLead == candidate.AdvisorId ? [candidate.AdvisorId] : [candidate.AdvisorId, teamLead];
    }
}
