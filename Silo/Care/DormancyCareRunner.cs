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

    protected override CarePlan? Plan(CareCandidate c, CareRun run)
    {
        if (c.LastContactAt is not { } contact)
        {
            return null;
        }

        var contactDay = CareTexts.Date(contact, run.Zone);
        var key = $"{Name}:{c.ClientId}:{contactDay}";
        var days = (int)(run.Now - contact).TotalDays;
        var text = new MessageText(
            $"【流失预警】{c.Name}（{c.ClientId}，{CareTexts.TierInChinese(c.Tier, c.Vip)}，资产 {CareTexts.Amount(c.Aum)}）已 {days} 天未联系"
            + $"（最近一次 {contactDay}），请尽快联系。",
            $"Churn risk: no contact with {c.Name} ({c.ClientId}, {CareTexts.TierInEnglish(c.Tier, c.Vip)}, AUM {CareTexts.Amount(c.Aum)}) "
            + $"for {days} days, since {contactDay}. Please reach out.");
        return new CarePlan(new CareOccurrence(key, Name, c.ClientId, null, null, null, contact, run.Now), text);
    }

    protected override async Task<IReadOnlyList<string>> Recipients(CareCandidate c, CareRun run)
    {
        if (!c.Vip || !run.Rules.Dormancy.VipToTeamLead)
        {
            return [c.AdvisorId];
        }

        var teamLead = await _teamLeads.GetOrAdd((c.BranchId, c.AdvisorId), key => Context.TeamLeadOf(key.Branch, key.Advisor));
        return teamLead is null || teamLead == c.AdvisorId ? [c.AdvisorId] : [c.AdvisorId, teamLead];
    }
}
