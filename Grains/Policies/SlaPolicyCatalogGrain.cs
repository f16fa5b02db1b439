using Microsoft.Extensions.Logging;
using WealthActors.Grains.Settings;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Policies;

public sealed partial class SlaPolicyCatalogGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<SlaPolicyCatalogState> state,
    TimeProvider clock,
    ILogger<SlaPolicyCatalogGrain> logger) : Grain, ISlaPolicyCatalogGrain
{
    private bool _kindsCovered;

    private Dictionary<string, SlaPolicy> Policies
    {
        get
        {
            var policies = state.State.Policies ??= DefaultSlaPolicies.All.ToDictionary(p => p.Id, StringComparer.Ordinal);
            if (!_kindsCovered)
            {
                // A catalog stored before tasks and service requests existed holds complaint policies only: the shipped
                // catch-all of each missing kind joins it, so every kind of case finds a policy.
                foreach (var shipped in DefaultSlaPolicies.CatchAlls)
                {
                    if (!policies.Values.Any(p => IsCatchAll(p) && p.Match.CaseKind == shipped.Match.CaseKind))
                    {
                        policies.TryAdd(shipped.Id, shipped);
                    }
                }

                _kindsCovered = true;
            }

            return policies;
        }
    }

    public async Task<SlaPolicy> Put(SlaPolicy policy, Actor actor)
    {
        var problems = SlaPolicyMatcher.Validate(policy);
        if (problems.Count > 0)
        {
            var first = problems[0];
            var colon = first.IndexOf(':', StringComparison.Ordinal);
            throw new DomainValidationException(colon > 0 ? first[..colon] : "policy", first);
        }

        if (Policies.TryGetValue(policy.Id, out var replaced) && IsCatchAll(replaced)
            && !Policies.Values.Any(p => p.Id != policy.Id && IsCatchAll(p) && p.Match.CaseKind == replaced.Match.CaseKind)
            && !(IsCatchAll(policy) && policy.Match.CaseKind == replaced.Match.CaseKind))
        {
            // Every case must find a policy; the catalog never gives up the last catch-all of a kind of case.
            throw new DomainValidationException("match", $"Policy '{policy.Id}' is the last one that matches every case; keep its match empty.");
        }

        var version = Policies.TryGetValue(policy.Id, out var existing) ? existing.Version + 1 : 1;
        var stored = policy with { Version = version };
        Policies[policy.Id] = stored;
        SettingsHistory.Record(HistoryOf(policy.Id), existing is null ? null : (existing.Version, existing), new(version, stored, actor, clock.GetUtcNow()));
        await state.WriteStateAsync();
        LogPolicyStored(logger, this.GetPrimaryKeyString(), policy.Id, version, actor.Id);
        return stored;
    }

    public Task<IReadOnlyList<SlaPolicy>> List()
    {
        IReadOnlyList<SlaPolicy> all = Policies.Values.OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray();
        return Task.FromResult(all);
    }

    public Task<SlaPolicy?> Get(string policyId) => Task.FromResult(Policies.GetValueOrDefault(policyId));

    public Task<IReadOnlyList<SettingsVersion<SlaPolicy>>?> Versions(string policyId) =>
        Task.FromResult(Policies.GetValueOrDefault(policyId) is { } current
            ? SettingsHistory.Read(state.State.History.GetValueOrDefault(policyId), current.Version, current)
            : null);

    private List<SettingsVersion<SlaPolicy>> HistoryOf(string policyId)
    {
        if (!state.State.History.TryGetValue(policyId, out var history))
        {
            state.State.History[policyId] = history = [];
        }

        return history;
    }

    public Task<SlaPolicy> Match(PolicySubject subject) =>
        Task.FromResult(SlaPolicyMatcher.Select(Policies.Values, subject)
            ?? throw new InvalidOperationException("No SLA policy matches; the catalog must keep a catch-all policy."));

    /// <summary>Matches every case of its kind.</summary>
    private static bool IsCatchAll(SlaPolicy policy) =>
        policy.Match.Vip is null && policy.Match.Tiers is not { Count: > 0 } && policy.Match.Categories is not { Count: > 0 }
        && policy.Match.Severities is not { Count: > 0 };

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy catalog {CatalogId}: policy {PolicyId} stored as version {Version} by {ActorId}")]
    private static partial void LogPolicyStored(ILogger logger, string catalogId, string policyId, int version, string actorId);
}
