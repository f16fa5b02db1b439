namespace WealthActors.Clients;

/// <summary>A client of the firm (key: client id such as <c>C000123</c>).</summary>
[Alias("WealthActors.IClientGrain")]
public interface IClientGrain : IGrainWithStringKey
{
    /// <summary>Creates the client or replaces its profile. Returns the resulting view.</summary>
    [Alias("Upsert")]
    Task<ClientView> Upsert(ClientProfile profile, Actor actor);

    /// <summary>The 360° view; throws <see cref="EntityNotFoundException"/> for an unknown client.</summary>
    [Alias("GetView"), ReadOnly]
    Task<ClientView> GetView();

    [Alias("Exists"), ReadOnly]
    Task<bool> Exists();

    /// <summary>Whether the client consented to progress updates on any channel; null for an unknown client.</summary>
    [Alias("ConsentsToUpdates"), ReadOnly]
    Task<bool?> ConsentsToUpdates();

    /// <summary>Adds a holding or, for the same product code, replaces it.</summary>
    [Alias("AddHolding")]
    Task<ClientView> AddHolding(Holding holding, Actor actor);

    [Alias("LogInteraction")]
    Task LogInteraction(Interaction interaction, Actor actor);

    /// <summary>Replaces the client's household: the related clients and how each is related (spouse, child, …).</summary>
    [Alias("SetHousehold")]
    Task<ClientView> SetHousehold(IReadOnlyList<HouseholdMember> members, Actor actor);

    /// <summary>
    /// Checks a reported transaction against the outflow alert rule and alerts the advisor at once when it trips.
    /// Idempotent per transaction id: a retry finds the alert already delivered.
    /// </summary>
    [Alias("RecordTransaction")]
    Task<TransactionOutcome> RecordTransaction(ClientTransaction transaction, Actor actor);

    /// <summary>
    /// Records a risk assessment: the client's level, the day it was made (its expiry follows from it) and whether the
    /// client is a professional investor. An assessment older than the one on file is refused (409).
    /// </summary>
    [Alias("RecordRiskAssessment")]
    Task<ClientView> RecordRiskAssessment(WealthActors.Suitability.RiskAssessment assessment, Actor actor);

    [Alias("LinkComplaint")]
    Task LinkComplaint(string complaintId, bool open);

    /// <summary>
    /// Gives the client to advisor <paramref name="to"/> while it is <paramref name="from"/>'s (an advisor handover);
    /// safe to repeat: a client already with <paramref name="to"/> is left as it is, and one with anyone else too.
    /// Answers what it found and the client's open complaints, which the handover moves next.
    /// </summary>
    [Alias("HandOver")]
    Task<Handovers.ClientHandoverResult> HandOver(string from, string to, Actor actor);
}
