using WealthActors.Grains.ServiceRequests;
using WealthActors.Permissions;
using WealthActors.ServiceRequests;

namespace WealthActors.Testing.Contracts;

/// <summary>Service requests in the read model: listed like complaints, the nearest deadline first, within a person's reach.</summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset RequestNow = new(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(8));

    private IServiceRequestReadModelWriter RequestWriter => (IServiceRequestReadModelWriter)Writer;

    private IServiceRequestQueries RequestQueries => (IServiceRequestQueries)Queries;

    [Fact]
    public async Task ListServiceRequests_Filters_NearestDeadlineFirst_AndTheNewerProjectionWins()
    {
        var branch = $"B{Guid.NewGuid():N}"[..10];
        var later = RequestRow("SR-later", branch, "E1", RequestNow.AddDays(3));
        var sooner = RequestRow("SR-sooner", branch, "E2", RequestNow.AddDays(1)) with { Type = ServiceRequestTypes.KycRenewal };
        var none = RequestRow("SR-none", branch, "E1", null) with { Status = ServiceRequestStatus.Resolved, SlaState = SlaState.Met };
        await RequestWriter.UpsertServiceRequest(later);
        await RequestWriter.UpsertServiceRequest(sooner);
        await RequestWriter.UpsertServiceRequest(none);
        await RequestWriter.UpsertServiceRequest(later with { EscalationLevel = 9, UpdatedAt = RequestNow.AddMinutes(-1) });

        Assert.Equal([Id("SR-sooner", branch), Id("SR-later", branch), Id("SR-none", branch)],
            (await RequestQueries.ListServiceRequests(new ServiceRequestFilter(BranchId: branch))).Select(r => r.RequestId));
        Assert.Equal(later with { OpenedAt = later.OpenedAt.ToUniversalTime(), NextDeadline = later.NextDeadline?.ToUniversalTime(), UpdatedAt = later.UpdatedAt.ToUniversalTime() },
            (await RequestQueries.ListServiceRequests(new ServiceRequestFilter(BranchId: branch, Assignee: "E1", Status: ServiceRequestStatus.Open))).Single());
        Assert.Equal([Id("SR-sooner", branch)],
            (await RequestQueries.ListServiceRequests(new ServiceRequestFilter(BranchId: branch, Type: ServiceRequestTypes.KycRenewal))).Select(r => r.RequestId));
        var advisorScope = new AccessScope(false, ["E2"], []);
        Assert.Equal([Id("SR-sooner", branch)],
            (await RequestQueries.ListServiceRequests(new ServiceRequestFilter(BranchId: branch, Scope: advisorScope))).Select(r => r.RequestId));
        Assert.Single(await RequestQueries.ListServiceRequests(new ServiceRequestFilter(BranchId: branch, Limit: 1)));

        // A client's requests, open or not, whoever works them (what a handover looks at).
        var client = $"C{Guid.NewGuid():N}"[..10];
        await RequestWriter.UpsertServiceRequest(sooner with { RequestId = Id("SR-client", branch), ClientId = client });
        await RequestWriter.UpsertServiceRequest(none with { RequestId = Id("SR-client-done", branch), ClientId = client });
        Assert.Equal([Id("SR-client", branch), Id("SR-client-done", branch)],
            (await RequestQueries.ListServiceRequests(new ServiceRequestFilter(ClientId: client))).Select(r => r.RequestId));
    }

    private static string Id(string name, string branch) => $"{name}-{branch}";

    private static ServiceRequestRow RequestRow(string name, string branch, string assignee, DateTimeOffset? next) => new(
        Id(name, branch), "C000001", branch, assignee, ServiceRequestTypes.ContactChange, ServiceRequestStatus.Open, SlaState.OnTrack, 0,
        RequestNow, next, RequestNow);
}
