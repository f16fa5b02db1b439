using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WealthActors.Clients;
using WealthActors.Grains.ReadModel;
using WealthActors.Grains.Suitability;
using WealthActors.Suitability;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Clients;

public sealed partial class ClientGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<ClientState> state,
    IReadModelWriter readModel,
    IOptions<TierOptions> tierOptions,
    TimeProvider clock,
    ComplianceRecipients compliance,
    ISuitabilityRegister suitabilityRegister,
    WealthActors.Grains.Sla.IBusinessCalendarProvider calendars,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    /// <summary>Enough interactions for the 360° view and a chat reply; older ones are in the read model.</summary>
    private const int RecentInteractionLimit = 20;

    private readonly TierOptions _tiers = tierOptions.Value;

    /// <summary>The holdings the read model was last sent by this activation, when that projection succeeded.</summary>
    private IReadOnlyList<HoldingRow>? _projectedHoldings;

    private string ClientId => this.GetPrimaryKeyString();

    public async Task<ClientView> Upsert(ClientProfile profile, Actor actor)
    {
        var now = clock.GetUtcNow();
        if (state.State.Profile is null)
        {
            state.State.CreatedAt = now;
        }

        state.State.Profile = profile with { Tags = profile.Tags.Distinct(StringComparer.Ordinal).ToArray() };
        await SaveAndProject();
        LogUpserted(logger, ClientId, actor.Id);
        return View(now);
    }

    public Task<ClientView> GetView() => Task.FromResult(View(clock.GetUtcNow()));

    public Task<bool> Exists() => Task.FromResult(state.State.Profile is not null);

    public Task<bool?> ConsentsToUpdates() =>
        Task.FromResult(state.State.Profile is { } profile ? profile.UpdateConsent is { Count: > 0 } : (bool?)null);

    public async Task<ClientView> AddHolding(Holding holding, Actor actor)
    {
        RequireExists();
        var holdings = state.State.Holdings;
        var first = holdings.Count == 0;
        holdings.RemoveAll(h => string.Equals(h.ProductCode, holding.ProductCode, StringComparison.Ordinal));
        holdings.Add(holding);
        await CheckHoldingSuitability(holding);
        if (first)
        {
            await OweOnboardingPlan();
        }

        await SaveAndProject();
        await SendSuitabilityEffects();
        await CreateOwedOnboardingPlan();
        return View(clock.GetUtcNow());
    }

    public async Task LogInteraction(Interaction interaction, Actor actor)
    {
        RequireExists();
        var number = state.State.InteractionCount++;
        (state.State.UnpublishedInteractions ??= []).Add(
            new InteractionRow(number, interaction.Kind, interaction.At, interaction.EmployeeId, interaction.Note));
        var recent = state.State.RecentInteractions;
        recent.Add(interaction);
        recent.Sort((a, b) => a.At.CompareTo(b.At));
        if (recent.Count > RecentInteractionLimit)
        {
            recent.RemoveRange(0, recent.Count - RecentInteractionLimit);
        }

        if (state.State.LastInteractionAt is null || interaction.At > state.State.LastInteractionAt)
        {
            state.State.LastInteractionAt = interaction.At;
        }

        await SaveAndProject();
    }

    public async Task<ClientView> SetHousehold(IReadOnlyList<HouseholdMember> members, Actor actor)
    {
        RequireExists();
        state.State.Household = [.. members];
        await SaveAndProject();
        return View(clock.GetUtcNow());
    }

    public async Task LinkComplaint(string complaintId, bool open)
    {
        RequireExists();
        var changed = open
            ? (state.State.OpenComplaints ??= new HashSet<string>(StringComparer.Ordinal)).Add(complaintId)
            : state.State.OpenComplaints?.Remove(complaintId) == true;
        if (state.State.OpenComplaints is { Count: 0 })
        {
            state.State.OpenComplaints = null;
        }
        if (changed)
        {
            await SaveAndProject();
        }
    }

    private void RequireExists()
    {
        if (state.State.Profile is null)
        {
            throw new EntityNotFoundException($"Client '{ClientId}' does not exist.");
        }
    }

    private async Task SaveAndProject()
    {
        var row = Row(clock.GetUtcNow());
        // Holdings as last projected with success need not be replaced again (a client's complaints and contacts
        // change far more often than its products); anything else, or not knowing (a new activation), sends them.
        var holdingsKnown = _projectedHoldings is { } projected && projected.SequenceEqual(row.Holdings!);
        var unpublished = state.State.UnpublishedInteractions;
        var projection = (holdingsKnown ? row with { Holdings = null } : row) with { NewInteractions = unpublished?.ToArray() };
        state.State.Revision++;
        bool published;
        try
        {
            published = await state.WriteStateWith(projection);
        }
        catch
        {
            // The in-memory state may now differ from storage: start over from storage on the next call.
            DeactivateOnIdle();
            throw;
        }

        if (!published)
        {
            try
            {
                await readModel.UpsertClient(projection);
            }
            catch (Exception ex)
            {
                // The grain is the source of truth; the next write publishes the projection again.
                LogProjectionFailed(logger, ex, ClientId);
                return;
            }
        }

        _projectedHoldings = row.Holdings;
        // The history holds them now; the next write stores that (a crash before it only publishes them again).
        if (ReferenceEquals(state.State.UnpublishedInteractions, unpublished))
        {
            state.State.UnpublishedInteractions = null;
        }
    }

    private decimal Aum => state.State.Holdings.Sum(h => h.Amount);

    private ClientView View(DateTimeOffset now)
    {
        var s = state.State;
        var profile = s.Profile ?? throw new EntityNotFoundException($"Client '{ClientId}' does not exist.");
        var aum = Aum;
        var tier = ClientRules.Tier(aum, _tiers);
        return new ClientView(
            ClientId,
            profile,
            tier,
            ClientRules.IsVip(tier, profile.ManualVip),
            aum,
            s.Holdings.ToArray(),
            s.Household.ToArray(),
            s.RecentInteractions.AsEnumerable().Reverse().ToArray(),
            s.OpenComplaints?.Order(StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
            ClientRules.Stage(s.CreatedAt, s.Holdings.Count > 0, aum, s.LastInteractionAt, now, _tiers),
            ClientRules.RiskExpiresOn(profile.RiskAssessedOn, _tiers),
            s.LastInteractionAt,
            s.Assessment?.Professional == true,
            s.Assessment);
    }

    private ClientRow Row(DateTimeOffset now)
    {
        var view = View(now);
        var nextMaturity = state.State.Holdings
            .Where(h => h.MaturityDate is not null && h.MaturityDate >= DateOnly.FromDateTime(now.UtcDateTime))
            .Min(h => h.MaturityDate);
        return new ClientRow(
            ClientId, view.Profile.Name, view.Profile.BranchId, view.Profile.AdvisorId, view.Tier, view.Vip, view.Aum,
            view.Profile.Birthday, view.RiskExpiresOn, view.LastInteractionAt, nextMaturity, view.Lifecycle,
            view.OpenComplaints.Count, now, state.State.CreatedAt,
            state.State.Holdings.Select(h => new HoldingRow(h.ProductCode, h.ProductName, h.MaturityDate, h.Amount)).ToArray());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} upserted by {ActorId}")]
    private static partial void LogUpserted(ILogger logger, string clientId, string actorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: read-model projection failed")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string clientId);
}
