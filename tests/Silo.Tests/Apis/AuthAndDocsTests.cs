using System.Net.Http.Json;
using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class AuthAndDocsTests(ApiFactory api)
{
    [Fact]
    public async Task Health_WithoutKey_IsOk()
    {
        var response = await api.As(null).GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/sla-policies")]
    [InlineData("GET", "/api/clients?q=x")]
    [InlineData("GET", "/api/complaints")]
    [InlineData("PUT", "/api/branches/B1")]
    public async Task AnyApiRoute_WithoutKey_Is401(string method, string url)
    {
        var response = await api.As(null).SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnyApiRoute_WithUnknownKey_Is401()
    {
        var client = api.As(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-configured-key-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/sla-policies")).StatusCode);
    }

    [Theory]
    [InlineData("Compliance", "POST", "/api/complaints")]
    [InlineData("Advisor", "PUT", "/api/branches/B1")]
    [InlineData("Manager", "PUT", "/api/employees/E1")]
    [InlineData("Manager", "PUT", "/api/sla-policies/p1")]
    [InlineData("Compliance", "PUT", "/api/clients/C1")]
    [InlineData("Compliance", "POST", "/api/complaints/CMP-1/acknowledge")]
    public async Task WriteRoute_WithRoleThatMayNot_Is403(string role, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) };

        var response = await api.As(role).SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_Published_ListsEveryRouteGroup()
    {
        var document = await (await api.As(null).GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();

        Assert.Contains("/api/complaints", paths);
        Assert.Contains("/api/complaints/{complaintId}", paths);
        Assert.Contains("/api/clients/{clientId}", paths);
        Assert.Contains("/api/sla-policies/{policyId}", paths);
        Assert.Contains("/api/sla-policies/{policyId}/versions", paths);
        Assert.Contains("/api/calendars/{calendarId}/versions", paths);
        Assert.Contains("/api/care-rules/versions", paths);
        Assert.Contains("/api/employees/{employeeId}/inbox", paths);
        Assert.Contains("/api/branches/{branchId}", paths);
    }

    [Fact]
    public async Task BrowsableDocs_Served_AsHtml()
    {
        var response = await api.As(null).GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
