using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Grains.Care;

namespace WealthActors.Silo.Care;

/// <summary><c>care-birthday</c>: a task with a short profile before the birthday of a client of the configured tier or above.</summary>
public sealed class BirthdayCareRunner(ICareScanQueries queries, ICareContext context, ILogger<BirthdayCareRunner> logger)
    : CareRunner(queries, context, logger)
{
    private readonly ICareScanQueries _queries = queries;

    public override string Name => CareRuleNames.Birthday;

    protected override Task<IReadOnlyList<CareCandidate>> Scan(CareRun run, CancellationToken cancellationToken) =>
        _queries.BirthdayCandidates(run.Today, run.Rules.Birthday.LeadDays, run.Rules.Birthday.MinTier, cancellationToken);

    protected override CarePlan? Plan(CareCandidate candidate, CareRun run)
    {
        if (candidate.Birthday is not { } birthday || CareWindows.BirthdayInWindow(birthday, run.Today, run.Rules.Birthday.LeadDays) is not { } day)
        {
            return null;
        }

        var key = $"{Name}:{candidate.ClientId}:{CareTexts.Date(day)}";
        var last = candidate.LastInteractionAt is { } at ? CareTexts.Date(at, run.Zone) : null;
        var inDays = day.DayNumber - run.Today.DayNumber;
        var age = CareWindows.AgeTurning(birthday, day);
        var text = new MessageText(
            $"【生日关怀】{candidate.Name}（{candidate.ClientId}）{CareTexts.Date(day)}（{inDays} 天后）{age} 岁生日。{CareTexts.TierInChinese(candidate.Tier, candidate.Vip)}，"
            + $"资产 {CareTexts.Amount(candidate.Aum)}，持有 {candidate.Holdings} 个产品，最近联系 {last ?? "无"}，在途投诉 {candidate.OpenComplaints} 件。",
            $"Birthday on {CareTexts.Date(day)} (in {inDays} days): {candidate.Name} ({candidate.ClientId}) turns {age}. "
            + $"{CareTexts.TierInEnglish(candidate.Tier, candidate.Vip)}, AUM {CareTexts.Amount(candidate.Aum)}, {candidate.Holdings} holding(s), last interaction {last ?? "never"}, "
            + $"{candidate.OpenComplaints} open complaint(s).");
        return new CarePlan(new CareOccurrence(key, Name, candidate.ClientId, day, null, null, null, run.Now), text);
    }
}
