using Microsoft.Extensions.Logging;
using WealthActors.Care;
using WealthActors.Clients;
using WealthActors.Grains.Calendars;
using WealthActors.Grains.Care;
using WealthActors.Sla;
using WealthActors.Tasks;

namespace WealthActors.Grains.Clients;

/// <summary>
/// The onboarding checklist: the holding that makes a client New (their first) owes a plan, recorded with that
/// holding's state write; the plan's tasks (one per step of the template in the care rules) are then created for the
/// advisor, with ids from the client and the step, so making the plan again after a crash creates nothing twice. The
/// tasks are not announced one by one (a book pushed from core banking would fill the advisor's inbox): they are in the
/// advisor's task list, and each reminds its owner when it is due soon, like every task.
/// </summary>
public sealed partial class ClientGrain
{
    private static readonly Actor OnboardingActor = Actor.System("onboarding");

    /// <summary>Records the plan as owed when this first holding makes the client New and the template is on.</summary>
    private async Task OweOnboardingPlan()
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (s.Onboarding is not null
            || ClientRules.Stage(s.CreatedAt, s.Holdings.Count > 0, Aum, s.LastInteractionAt, now, _tiers) != LifecycleStage.New
            || !(await CareRules().Get()).OnboardingOrDefault.Enabled)
        {
            return;
        }

        s.Onboarding = new ClientOnboarding { StartedAt = now };
    }

    /// <summary>
    /// Creates the owed plan's tasks, then stores that it is made. A failure leaves it owed for the next activation; a
    /// step the task grain refuses (an advisor who is not a registered employee) is logged and not tried again.
    /// </summary>
    private async Task CreateOwedOnboardingPlan()
    {
        if (state.State.Onboarding is not { TasksCreated: false } owed || state.State.Profile is not { } profile)
        {
            return;
        }

        try
        {
            var template = (await CareRules().Get()).OnboardingOrDefault;
            if (calendars.VersionOf(template.CalendarId) == 0)
            {
                // A calendar created through another silo may not have reached this one yet.
                await calendars.FetchFromCatalog(GrainFactory, template.CalendarId);
            }

            var calendar = calendars.Get(ClockKind.Business, template.CalendarId);
            var tier = ClientRules.Tier(Aum, _tiers);
            var client = new TaskClient(profile.Name, profile.BranchId, ClientRules.IsVip(tier, profile.ManualVip), tier);
            foreach (var planned in OnboardingPlan.For(ClientId, template, owed.StartedAt, calendar))
            {
                await CreateOnboardingTask(planned, profile.AdvisorId, client);
            }

            owed.TasksCreated = true;
            await state.WriteStateAsync();
            LogOnboardingPlanned(logger, ClientId, template.Steps.Count, profile.AdvisorId);
        }
        catch (Exception ex)
        {
            // Still owed in storage: the client makes it when it is next woken (a failed write deactivates it on the next one).
            owed.TasksCreated = false;
            LogOnboardingNotPlanned(logger, ex, ClientId);
        }
    }

    private async Task CreateOnboardingTask(PlannedTask planned, string advisorId, TaskClient client)
    {
        try
        {
            await GrainFactory.GetGrain<ITaskGrain>(planned.TaskId).Create(
                new CreateTask(ClientId, planned.Step.Title, planned.Due, advisorId, TaskKinds.Onboarding,
                    Source: $"onboarding {planned.Step.Key}", EnglishTitle: planned.Step.EnglishTitle, Announce: false, Client: client),
                OnboardingActor);
        }
        catch (EntityExistsException)
        {
            // Created by this plan before a crash: the same step of the same client is the same task.
        }
        catch (DomainValidationException ex)
        {
            LogOnboardingTaskRefused(logger, ClientId, planned.Step.Key, ex.Field);
        }
    }

    private ICareRulesGrain CareRules() => GrainFactory.GetGrain<ICareRulesGrain>(ICareRulesGrain.DefaultKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId}: onboarding plan of {Steps} tasks made for advisor {AdvisorId}")]
    private static partial void LogOnboardingPlanned(ILogger logger, string clientId, int steps, string advisorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: onboarding task {Step} refused ({Field}); the plan goes on without it")]
    private static partial void LogOnboardingTaskRefused(ILogger logger, string clientId, string step, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId}: making the onboarding plan failed; it is made on the next activation")]
    private static partial void LogOnboardingNotPlanned(ILogger logger, Exception exception, string clientId);
}
