using WealthActors.Care;
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

    protected override CarePlan? Plan(CareCandidate c, CareRun run)
    {
        if (c.Birthday is not { } birthday || CareWindows.BirthdayInWindow(birthday, run.Today, run.Rules.Birthday.LeadDays) is not { } day)
        {
            return null;
        }

        var key = $"{Name}:{c.ClientId}:{CareTexts.Date(day)}";
        var lastInteraction = c.LastInteractionAt is { } at ? CareTexts.Date(at, run.Zone) : "never";
        var text =
            $"Birthday on {CareTexts.Date(day)} (in {day.DayNumber - run.Today.DayNumber} days): {c.Name} ({c.ClientId}) turns {CareWindows.AgeTurning(birthday, day)}. "
            + $"Tier {c.Tier}{(c.Vip ? ", VIP" : "")}, AUM {CareTexts.Amount(c.Aum)}, {c.Holdings} holding(s), last interaction {lastInteraction}, "
            + $"{c.OpenComplaints} open complaint(s).";
        return new CarePlan(new CareOccurrence(key, Name, c.ClientId, day, null, null, null, run.Now), text);
    }
}
