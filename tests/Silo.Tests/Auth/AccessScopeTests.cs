using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>
/// Each person reaches their part of the book, through single records and lists alike: a region with two branches,
/// a team, and one client (with one complaint) per advisor.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccessScopeTests(ApiFactory api) : IAsyncLifetime
{
    private Region _r = null!;

    public async Task InitializeAsync() => _r = await Region.Create(api);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string[]> WhoSeesWhat => new()
    {
        { "A1", ["c1"] },
        { "A2", ["c2"] },
        { "A3", ["c3"] },
        { "T1", ["c1"] },
        { "H1", ["c1", "c2"] },
        { "H2", ["c3"] },
        { "RH", ["c1", "c2", "c3"] },
        { "CO", ["c1", "c2", "c3"] },
        { "AD", [] },
    };

    [Theory]
    [MemberData(nameof(WhoSeesWhat))]
    public async Task ClientsAndComplaints_SingleAndListed_AreThePersonsPartOnly(string who, string[] visible)
    {
        var person = await api.AsPerson(_r.Id(who));
        foreach (var client in new[] { "c1", "c2", "c3" })
        {
            var expected = visible.Contains(client) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.True(expected == (await person.GetAsync($"/api/clients/{_r.Id(client)}")).StatusCode, $"{who} GET client {client}");
            Assert.True(expected == (await person.GetAsync($"/api/complaints/{_r.Complaints[client]}")).StatusCode, $"{who} GET complaint of {client}");
        }

        var listed = await (await person.GetAsync("/api/complaints?limit=1000")).Json(HttpStatusCode.OK);
        var mine = listed.AsArray().Select(r => r!.Str("complaintId")).Where(_r.Complaints.ContainsValue).Order().ToArray();
        Assert.Equal(visible.Select(c => _r.Complaints[c]).Order().ToArray(), mine);
        var found = await (await person.GetAsync($"/api/clients?q={_r.Prefix}&limit=200")).Json(HttpStatusCode.OK);
        Assert.Equal(visible.Select(_r.Id).Order().ToArray(), found.AsArray().Select(r => r!.Str("clientId")).Order().ToArray());
    }

    [Fact]
    public async Task ComplaintCommand_OutsideThePersonsPart_Is404AndChangesNothing()
    {
        var id = _r.Complaints["c3"];

        var response = await (await api.AsPerson(_r.Id("A1"))).PostJson($"/api/complaints/{id}/acknowledge", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var complaint = await (await api.As("Admin").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("Open", complaint.Str("status"));
    }

    [Fact]
    public async Task ClientUpsert_HandingTheClientOutsideThePersonsPart_IsRefusedAndChangesNothing()
    {
        var response = await (await api.AsPerson(_r.Id("A1"))).PutJson($"/api/clients/{_r.Id("c1")}", new
        {
            name = "周杰", branchId = _r.Id("B2"), advisorId = _r.Id("A3"),
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var client = await (await api.As("Admin").GetAsync($"/api/clients/{_r.Id("c1")}")).Json(HttpStatusCode.OK);
        Assert.Equal(_r.Id("A1"), client["profile"]!.Str("advisorId"));
    }

    [Fact]
    public async Task TeamLead_GainsAReportsClients_WhenTheReportJoinsTheTeam()
    {
        var lead = await api.AsPerson(_r.Id("T1"));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/clients/{_r.Id("c2")}")).StatusCode);

        await (await api.As("Admin").PutJson($"/api/employees/{_r.Id("A2")}", new
        {
            name = "林顾问", role = "Advisor", branchId = _r.Id("B1"), managerId = _r.Id("T1"),
        })).Json(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/clients/{_r.Id("c2")}")).StatusCode);
    }

    /// <summary>Region R: branch B1 (head H1, team lead T1 with advisor A1, advisor A2 under H1), branch B2 (head H2, A3).</summary>
    private sealed record Region(string Prefix, Dictionary<string, string> Complaints)
    {
        public string Id(string name) => $"{Prefix}{name}";

        public static async Task<Region> Create(ApiFactory api)
        {
            var r = new Region($"S{Guid.NewGuid().ToString("N")[..6]}", []);
            var admin = api.As("Admin");
            async Task Branch(string id, string head, string? parent) =>
                await (await admin.PutJson($"/api/branches/{r.Id(id)}", new
                {
                    name = id, headEmployeeId = r.Id(head), parentBranchId = parent is null ? null : r.Id(parent),
                })).Json(HttpStatusCode.OK);
            async Task Person(string id, string role, string branch, string? manager) =>
                await (await admin.PutJson($"/api/employees/{r.Id(id)}", new
                {
                    name = id, role, branchId = r.Id(branch), managerId = manager is null ? null : r.Id(manager),
                })).Json(HttpStatusCode.OK);

            await Branch("R", "RH", null);
            await Person("RH", "RegionalHead", "R", null);
            await Branch("B1", "H1", "R");
            await Branch("B2", "H2", "R");
            await Person("H1", "BranchHead", "B1", "RH");
            await Person("H2", "BranchHead", "B2", "RH");
            await Person("T1", "TeamLead", "B1", "H1");
            await Person("A1", "Advisor", "B1", "T1");
            await Person("A2", "Advisor", "B1", "H1");
            await Person("A3", "Advisor", "B2", "H2");
            await Person("CO", "Compliance", "R", null);
            await Person("AD", "Admin", "R", null);
            foreach (var (client, advisor, branch) in new[] { ("c1", "A1", "B1"), ("c2", "A2", "B1"), ("c3", "A3", "B2") })
            {
                await (await admin.PutJson($"/api/clients/{r.Id(client)}", new
                {
                    name = $"{r.Prefix} {client}", branchId = r.Id(branch), advisorId = r.Id(advisor),
                })).Json(HttpStatusCode.OK);
                r.Complaints[client] = (await (await api.As("System").PostJson("/api/complaints", new
                {
                    clientId = r.Id(client), category = "Service", severity = "Normal", channel = "phone", description = "Slow", openedBy = "CC-1",
                })).Json(HttpStatusCode.Created)).Str("complaintId");
            }

            return r;
        }
    }
}
