using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using WealthActors.Silo.Audit;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>How a request's route names its audit entry's action and target.</summary>
public sealed class AuditRoutesTests
{
    private static AuditTarget Describe(string method, string pattern, object? values = null, string path = "/", string? location = null, Endpoint? endpoint = null) =>
        AuditRoutes.Describe(method,
            endpoint ?? new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, EndpointMetadataCollection.Empty, null),
            new RouteValueDictionary(values), new PathString(path), location);

    [Theory]
    [InlineData("POST", "/api/complaints/{complaintId}/{command}", "complaint.acknowledge", "complaint", "CMP-1")]
    [InlineData("PUT", "/api/clients/{clientId}", "client.upsert", "client", "C1")]
    [InlineData("POST", "/api/clients/{clientId}/holdings", "client.holdings", "client", "C1")]
    [InlineData("PUT", "/api/sla-policies/{policyId}", "sla-policy.upsert", "sla-policy", "vip")]
    [InlineData("PUT", "/api/branches/{branchId}", "branch.upsert", "branch", "SH01")]
    [InlineData("POST", "/api/admin/jobs/{name}/run", "job.run", "job", "sla-digest")]
    [InlineData("PUT", "/api/care-rules/", "care-rules.upsert", null, null)]
    [InlineData("POST", "/api/webchat/messages", "webchat.message", null, null)]
    [InlineData("POST", "/api/messages", "teams.activity", null, null)]
    [InlineData("DELETE", "/api/calendars/{calendarId}", "calendar.delete", "calendar", "cn")]
    public void Describe_Route_NamesResourceVerbAndTarget(string method, string pattern, string action, string? type, string? id)
    {
        var values = new { complaintId = "CMP-1", command = "acknowledge", clientId = "C1", policyId = "vip", branchId = "SH01", name = "sla-digest", calendarId = "cn" };

        Assert.Equal(new AuditTarget(action, type, id), Describe(method, pattern, values));
    }

    [Fact]
    public void Describe_Create_NamesWhatItsLocationAnswered() =>
        Assert.Equal(new AuditTarget("complaint.open", "complaint", "CMP-20261102-0A1B2C3D4E"),
            Describe("POST", "/api/complaints/", location: "/api/complaints/CMP-20261102-0A1B2C3D4E"));

    [Fact]
    public void Describe_NoRoute_IsUnmatchedWithThePath() =>
        Assert.Equal(new AuditTarget("unmatched", "path", "/api/nothing/here"),
            AuditRoutes.Describe("POST", null, [], new PathString("/api/nothing/here"), null));

    [Fact]
    public void Describe_AuditedRead_TakesItsName()
    {
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/audit"), 0,
            new EndpointMetadataCollection(new AuditedRead("audit.read", "audit")), null);

        Assert.Equal(new AuditTarget("audit.read", "audit", null), Describe("GET", "/api/audit", endpoint: endpoint));
    }

    [Fact]
    public void Describe_LongRouteValue_IsCapped() =>
        Assert.Equal(128, Describe("PUT", "/api/clients/{clientId}", new { clientId = new string('x', 5000) }).TargetId!.Length);

    [Theory]
    [InlineData("complaints", "complaint")]
    [InlineData("sla-policies", "sla-policy")]
    [InlineData("branches", "branch")]
    [InlineData("employees", "employee")]
    [InlineData("addresses", "address")]
    [InlineData("status", "status")]
    [InlineData("webchat", "webchat")]
    public void Singular_ApiPlurals(string plural, string singular) => Assert.Equal(singular, AuditRoutes.Singular(plural));
}
