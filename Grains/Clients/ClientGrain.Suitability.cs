using Microsoft.Extensions.Logging;
using WealthActors.Clients;
using WealthActors.Grains.Suitability;
using WealthActors.Suitability;

namespace WealthActors.Grains.Clients;

public sealed partial class ClientGrain
{
    /// <summary>
    /// What a crash may have left undone goes out as the client wakes: its interaction history, then the suitability
    /// warnings owed from before a crash or a failed delivery, then an onboarding plan owed but not yet made.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await CatchUpInteractionHistory();
        await SendSuitabilityEffects();
        await CreateOwedOnboardingPlan();
    }

    public async Task<ClientView> RecordRiskAssessment(RiskAssessment assessment, Actor actor)
    {
        RequireExists();
        var profile = state.State.Profile!;
        if (profile.RiskAssessedOn is { } onFile && assessment.AssessedOn < onFile)
        {
            throw new InvalidTransitionException(
                $"Client '{ClientId}' has an assessment of {onFile:yyyy-MM-dd}; one of {assessment.AssessedOn:yyyy-MM-dd} is older and does not replace it.");
        }

        state.State.Profile = profile with { RiskLevel = assessment.Level, RiskAssessedOn = assessment.AssessedOn };
        state.State.Assessment = assessment;
        await SaveAndProject();
        LogAssessed(logger, ClientId, assessment.Level, assessment.AssessedOn, assessment.Professional, actor.Id);
        return View(clock.GetUtcNow());
    }

    /// <summary>
    /// A reported holding above the client's assessed level is not refused (the sale happened elsewhere, in the core
    /// system) but warns the advisor and compliance, once per holding. A client never assessed here raises nothing: that
    /// is the missing assessment's own matter (the expiry care rule and the gate), not every holding's.
    /// </summary>
    private async Task CheckHoldingSuitability(Holding holding)
    {
        var profile = state.State.Profile!;
        if (profile.RiskLevel is not { } level || (int)holding.ProductRisk <= (int)level
            || state.State.WarnedHoldings?.Contains(holding.ProductCode) == true)
        {
            return;
        }

        var now = clock.GetUtcNow();
        (state.State.WarnedHoldings ??= new HashSet<string>(StringComparer.Ordinal)).Add(holding.ProductCode);
        var effects = state.State.Effects ??= new SuitabilityEffects();
        var recipients = new List<string> { profile.AdvisorId };
        recipients.AddRange(await compliance.For(profile.BranchId));
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            effects.Messages.Add(SuitabilityWorkItems.HoldingWarning(recipient, ClientId, holding.ProductCode, holding.ProductName, holding.ProductRisk, level, now));
        }

        effects.Register.Add(new SuitabilityRegisterEntry(
            $"warning:{ClientId}:{holding.ProductCode}", SuitabilityRegisterKind.Warning, now, ClientId, profile.BranchId, profile.AdvisorId,
            holding.ProductCode, holding.ProductRisk, level, holding.Amount, [SuitabilityReason.RiskExceeded], null, "Warned", null, null,
            "reported holding 持仓报送"));
    }

    private async Task SendSuitabilityEffects()
    {
        if (state.State.Effects is not { } effects)
        {
            return;
        }

        if (await effects.Send(GrainFactory, suitabilityRegister, logger, ClientId))
        {
            if (effects.IsEmpty)
            {
                state.State.Effects = null;
            }

            try
            {
                // Only the outbox changed: nothing the read model shows, so no projection.
                await state.WriteStateAsync();
            }
            catch (Exception ex)
            {
                // Harmless: sent again on the next activation, and recipients and the register drop what they hold.
                LogEffectsNotCleared(logger, ex, ClientId);
                DeactivateOnIdle();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId}: risk assessment {Level} of {AssessedOn} (professional {Professional}) by {ActorId}")]
    private static partial void LogAssessed(ILogger logger, string clientId, RiskLevel level, DateOnly assessedOn, bool professional, string actorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: sent suitability warnings not cleared from state; sent again later")]
    private static partial void LogEffectsNotCleared(ILogger logger, Exception exception, string clientId);
}
