using Microsoft.Extensions.Logging;
using WealthActors.Grains.Sla;
using WealthActors.Sla;

namespace WealthActors.Grains.Policies;

public sealed partial class SlaPolicyCatalogGrain(
    [PersistentState("state", GrainStorage.Name)] IPersistentState<SlaPolicyCatalogState> state,
    ILogger<SlaPolicyCatalogGrain> logger) : Grain, ISlaPolicyCatalogGrain
{
    private Dictionary<string, SlaPolicy> Policies =>
        state.State.Policies ??= DefaultSlaPolicies.All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public async Task<SlaPolicy> Put(SlaPolicy policy, Actor actor)
    {
        var problems = SlaPolicyMatcher.Validate(policy);
        if (problems.Count > 0)
        {
            var first = problems[0];
            var colon = first.IndexOf(':', StringComparison.Ordinal);
            throw new DomainValidationException(colon > 0 ? first[..colon] : "policy", first);
        }

        if (!Policies.Values.Any(p => p.Id != policy.Id && IsCatchAll(p)) && !IsCatchAll(policy))
        {
            // Every complaint must find a policy; the catalog never gives up its last catch-all.
            throw new DomainValidationException("match", $"Policy '{policy.Id}' is the last one that matches every case; keep its match empty.");
        }

        var version = Policies.TryGetValue(policy.Id, out var existing) ? existing.Version + 1 : 1;
        var stored = policy with { Version = version };
        Policies[policy.Id] = stored;
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

    public Task<SlaPolicy> Match(PolicySubject subject) =>
        Task.FromResult(SlaPolicyMatcher.Select(Policies.Values, subject)
            ?? throw new InvalidOperationException("No SLA policy matches; the catalog must keep a catch-all policy."));

    private static bool IsCatchAll(SlaPolicy policy) =>
        policy.Match.Vip is null && policy.Match.Tiers is not { Count: > 0 } && policy.Match.Categories is not { Count: > 0 }
        && policy.Match.Severities is not { Count: > 0 };

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy catalog {CatalogId}: policy {PolicyId} stored as version {Version} by {ActorId}")]
    private static partial void LogPolicyStored(ILogger logger, string catalogId, string policyId, int version, string actorId);
}
