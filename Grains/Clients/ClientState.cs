using WealthActors.Clients;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Clients;

/// <summary>
/// A client grain's state. A million of these can be resident, so what is read from storage is compacted once on
/// load (<see cref="ClientStateCallbacks"/>): identifiers and catalogue texts that many clients share (branch, advisor and
/// employee ids, product codes and names, relations, tags) become one shared instance each, instead of a copy per
/// client and per record. Personal data (names, phones, notes) is never shared this way.
/// </summary>
[GenerateSerializer, Alias("WealthActors.ClientState")]
[SerializationCallbacks(typeof(ClientStateCallbacks))]
public sealed class ClientState : IProjectedState
{
    /// <inheritdoc />
    [field: NonSerialized]
    public IReadModelRow? PendingProjection { get; set; }

    [Id(0)] public ClientProfile? Profile { get; set; }
    [Id(1)] public List<Holding> Holdings { get; set; } = [];
    [Id(2)] public List<HouseholdMember> Household { get; set; } = [];

    /// <summary>The most recent interactions only (bounded); every one is also in the read model's history (<c>rm_interactions</c>).</summary>
    [Id(3)] public List<Interaction> RecentInteractions { get; set; } = [];

    /// <summary>Null while the client has no open complaint, as most have: an empty set would cost every resident client.</summary>
    [Id(4)] public HashSet<string>? OpenComplaints { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset? LastInteractionAt { get; set; }
    [Id(7)] public long Revision { get; set; }

    /// <summary>How many interactions were ever logged: the number the next one gets in the read model's history.</summary>
    [Id(8)] public long InteractionCount { get; set; }

    /// <summary>
    /// Logged interactions the read model's history may not hold yet (null: none, as for most clients). They go with
    /// every projection until one is published, and numbered rows make a repeat harmless.
    /// </summary>
    [Id(9)] public List<InteractionRow>? UnpublishedInteractions { get; set; }

    /// <summary>The latest risk assessment recorded through the suitability route (null: only a pushed level, if any).</summary>
    [Id(10)] public WealthActors.Suitability.RiskAssessment? Assessment { get; set; }

    /// <summary>Reported holdings already warned about as unsuitable (product codes); null while none, as for most clients.</summary>
    [Id(11)] public HashSet<string>? WarnedHoldings { get; set; }

    /// <summary>Warnings and register lines owed; null while none.</summary>
    [Id(12)] public WealthActors.Grains.Suitability.SuitabilityEffects? Effects { get; set; }

    /// <summary>The onboarding plan owed or made since the client's first holding; null before it (and for clients that had holdings before plans existed).</summary>
    [Id(13)] public ClientOnboarding? Onboarding { get; set; }

    /// <summary>Replaces shared identifiers and catalogue texts by their shared instances; values are unchanged.</summary>
    public void Compact()
    {
        if (Profile is { } profile)
        {
            Profile = profile with
            {
                BranchId = SharedText.Of(profile.BranchId),
                AdvisorId = SharedText.Of(profile.AdvisorId),
                Tags = SharedText.All(profile.Tags),
            };
        }

        for (var i = 0; i < Holdings.Count; i++)
        {
            var h = Holdings[i];
            Holdings[i] = h with { ProductCode = SharedText.Of(h.ProductCode), ProductName = SharedText.Of(h.ProductName) };
        }

        for (var i = 0; i < Household.Count; i++)
        {
            Household[i] = Household[i] with { Relation = SharedText.Of(Household[i].Relation) };
        }

        for (var i = 0; i < RecentInteractions.Count; i++)
        {
            RecentInteractions[i] = RecentInteractions[i] with { EmployeeId = SharedText.Of(RecentInteractions[i].EmployeeId) };
        }

        if (OpenComplaints is { Count: 0 })
        {
            OpenComplaints = null;
        }

        Holdings.TrimExcess();
        Household.TrimExcess();
        RecentInteractions.TrimExcess();
    }
}

/// <summary>Called by the generated serializer once a <see cref="ClientState"/> has been read.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Orleans' generated serializer calls its hooks on an instance.")]
public sealed class ClientStateCallbacks
{
    public void OnDeserialized(ClientState value) => value.Compact();
}
