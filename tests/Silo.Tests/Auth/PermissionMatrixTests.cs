using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Auth;

/// <summary>
/// The permission matrix, generated from the Silo's own endpoint list: every route has an entry naming who may use it,
/// and every route is tried by every kind of caller (no credential, each key role, each person role). A new route
/// without an entry fails here, so its rights are decided in the change that adds it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PermissionMatrixTests(ApiFactory api)
{
    private const string Anyone = "anyone";

    /// <summary>Who may use each route (a policy of AuthHostingExtensions.Policies, "operate", or anyone).</summary>
    private static readonly Dictionary<string, string> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /health"] = Anyone,
        ["GET /api/me"] = "read",
        ["PUT /api/branches/{branchId}"] = "administer",
        ["GET /api/branches/{branchId}"] = "read",
        ["PUT /api/employees/{employeeId}"] = "administer",
        ["GET /api/employees/{employeeId}"] = "read",
        ["GET /api/employees/{employeeId}/inbox"] = "read",
        ["PUT /api/clients/{clientId}"] = "integrate",
        ["GET /api/clients/{clientId}"] = "read",
        ["GET /api/clients/"] = "read",
        ["POST /api/clients/{clientId}/holdings"] = "integrate",
        ["POST /api/clients/{clientId}/interactions"] = "work",
        ["GET /api/clients/{clientId}/interactions"] = "read",
        ["POST /api/employees/{employeeId}/handover"] = "handover",
        ["GET /api/handovers/{handoverId}"] = "read",
        ["PUT /api/clients/{clientId}/household"] = "integrate",
        ["POST /api/clients/{clientId}/transactions"] = "integrate",
        ["GET /api/sla-policies/"] = "read",
        ["GET /api/sla-policies/{policyId}"] = "read",
        ["PUT /api/sla-policies/{policyId}"] = "administer",
        ["GET /api/sla-policies/{policyId}/versions"] = "read",
        ["GET /api/calendars/"] = "read",
        ["GET /api/calendars/{calendarId}"] = "read",
        ["PUT /api/calendars/{calendarId}"] = "administer",
        ["GET /api/calendars/{calendarId}/versions"] = "read",
        ["POST /api/complaints/"] = "work",
        ["GET /api/complaints/{complaintId}"] = "read",
        ["GET /api/complaints/"] = "read",
        ["POST /api/complaints/{complaintId}/{command}"] = "work",
        ["POST /api/tasks/"] = "work",
        ["GET /api/tasks/{taskId}"] = "read",
        ["POST /api/tasks/{taskId}/complete"] = "work",
        ["POST /api/tasks/{taskId}/snooze"] = "work",
        ["POST /api/tasks/{taskId}/cancel"] = "work",
        ["GET /api/employees/{employeeId}/tasks"] = "read",
        ["POST /api/service-requests/"] = "work",
        ["GET /api/service-requests/{requestId}"] = "read",
        ["GET /api/service-requests/"] = "read",
        ["POST /api/service-requests/{requestId}/{command}"] = "work",
        ["GET /api/complaints/{complaintId}/timeline"] = "read",
        ["GET /api/care-rules/"] = "read",
        ["PUT /api/care-rules/"] = "admin-only",
        ["GET /api/care-rules/versions"] = "read",
        ["GET /api/care-rules/onboarding"] = "read",
        ["PUT /api/care-rules/onboarding"] = "admin-only",
        ["POST /api/admin/jobs/{name}/run"] = "admin-only",
        ["POST /api/webchat/messages"] = "person",
        ["GET /api/webchat/inbox/{employeeId}/stream"] = "person",
        ["GET /api/clients/export"] = "read",
        ["GET /api/complaints/export"] = "read",
        ["GET /api/imports/templates/{kind}"] = "read",
        // An import may do what the kind's own route may: clients and holdings as PUT/POST clients, the org chart as administer.
        ["POST /api/imports/clients"] = "integrate",
        ["POST /api/imports/holdings"] = "integrate",
        ["POST /api/imports/employees"] = "administer",
        ["POST /api/imports/branches"] = "administer",
        ["GET /api/imports/{importId}"] = "read",
        ["GET /api/imports/{importId}/errors"] = "read",
        // Suitability: Admin keeps the shelf and the questionnaire; advisors and their managers subscribe for clients they
        // reach; compliance alone decides overrides and reads evidence and the register (as it reads the audit trail).
        ["GET /api/products/"] = "read",
        ["GET /api/products/{code}"] = "read",
        ["PUT /api/products/{code}"] = "admin-only",
        ["GET /api/risk-questionnaire/"] = "read",
        ["PUT /api/risk-questionnaire/"] = "admin-only",
        ["POST /api/clients/{clientId}/risk-assessments"] = "integrate",
        ["POST /api/clients/{clientId}/subscriptions"] = "work",
        ["GET /api/clients/{clientId}/suitable-products"] = "read",
        ["GET /api/subscriptions/{subscriptionId}"] = "read",
        ["POST /api/subscriptions/{subscriptionId}/override"] = "work",
        ["POST /api/subscriptions/{subscriptionId}/approve"] = "audit",
        ["POST /api/subscriptions/{subscriptionId}/reject"] = "audit",
        ["GET /api/suitability/register/"] = "audit",
        ["GET /api/suitability/register/export"] = "audit",
        ["POST /api/evidence/"] = "work",
        ["GET /api/evidence/{evidenceId}"] = "audit",
        ["GET /api/evidence/{evidenceId}/content"] = "audit",
        ["GET /api/audit/"] = "audit",
        ["GET /api/audit/export"] = "audit",
        ["GET /signin"] = Anyone,
        ["POST /signout"] = Anyone,
        // Mapped only where WeCom or Teams is configured, so checked on that Silo (ChannelRoutesPermissionTests). The
        // sign-in routes are how a person gets a session; the channels' own routes prove the sender by signature or token.
        ["GET /signin/wecom"] = Anyone,
        ["GET /signin/wecom/callback"] = Anyone,
        ["GET /api/wecom/callback"] = Anyone,
        ["POST /api/wecom/callback"] = Anyone,
        ["POST /api/messages"] = Anyone,
        ["GET /metrics"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        // The API reference and the Orleans Dashboard are route families of their packages; "/*" covers a family.
        ["GET /docs/*"] = Anyone,
        ["GET /dashboard/*"] = "operate",
        // Endpoints that answer any method ("ANY"): the operations routes, and the console's circuit hub.
        ["ANY /health"] = Anyone,
        ["ANY /metrics"] = Anyone,
        // The console: every active employee may open it, each seeing their own scope (an Admin sees no client or case).
        // Its pages answer GET, and POST for Blazor's form handling (the console has no forms); the circuit hub and
        // Blazor's redirect endpoint are the console's too.
        ["GET /console"] = "person",
        ["POST /console"] = "person",
        ["GET /console/board"] = "person",
        ["POST /console/board"] = "person",
        ["GET /console/complaints/{ComplaintId}"] = "person",
        ["POST /console/complaints/{ComplaintId}"] = "person",
        ["GET /console/clients/{ClientId}"] = "person",
        ["POST /console/clients/{ClientId}"] = "person",
        ["GET /console/my-work"] = "person",
        ["POST /console/my-work"] = "person",
        // The reports and the lists they drill down to count only the person's own scope.
        ["GET /console/reports"] = "person",
        ["POST /console/reports"] = "person",
        ["GET /console/complaints"] = "person",
        ["POST /console/complaints"] = "person",
        ["GET /console/clients"] = "person",
        ["POST /console/clients"] = "person",
        // The settings pages: anyone may read them; saving asks the PUT route's own policy of the person (SettingsActions).
        ["GET /console/settings"] = "person",
        ["POST /console/settings"] = "person",
        ["GET /console/settings/sla-policies/{PolicyId}"] = "person",
        ["POST /console/settings/sla-policies/{PolicyId}"] = "person",
        ["GET /console/settings/calendars/{CalendarId}"] = "person",
        ["POST /console/settings/calendars/{CalendarId}"] = "person",
        ["GET /console/settings/care-rules"] = "person",
        ["POST /console/settings/care-rules"] = "person",
        ["GET /_framework/opaque-redirect"] = "person",
        ["ANY /_blazor"] = "person",
        ["ANY /_blazor/negotiate"] = "person",
        ["ANY /_blazor/disconnect/"] = "person",
        ["ANY /_blazor/initializers/"] = "person",
    };

    /// <summary>The callers each policy admits (keys by role, people by their employee role).</summary>
    private static readonly Dictionary<string, string[]> Admits = new(StringComparer.Ordinal)
    {
        ["read"] = ["key:System", "key:Advisor", "key:Manager", "key:Compliance", "key:Admin", "person:Advisor", "person:BranchHead", "person:Compliance", "person:Admin"],
        ["work"] = ["key:System", "key:Advisor", "key:Manager", "key:Admin", "person:Advisor", "person:BranchHead", "person:Admin"],
        ["integrate"] = ["key:System", "key:Advisor", "key:Admin", "person:Advisor", "person:Admin"],
        ["administer"] = ["key:System", "key:Admin", "person:Admin"],
        ["admin-only"] = ["key:Admin", "person:Admin"],
        ["handover"] = ["key:System", "key:Manager", "person:BranchHead"],
        ["operate"] = ["key:Admin", "person:Admin"],
        ["audit"] = ["key:Compliance", "person:Compliance"],
        ["person"] = ["person:Advisor", "person:BranchHead", "person:Compliance", "person:Admin"],
    };

    private static readonly string[] Callers =
        ["none", "key:System", "key:Advisor", "key:Manager", "key:Compliance", "key:Admin", "person:Advisor", "person:BranchHead", "person:Compliance", "person:Admin"];

    [Fact]
    public void EveryRoute_HasAnEntry_AndRequiresItsPolicy() => AssertEveryRouteHasItsEntry(api);

    /// <summary>Every route of <paramref name="silo"/> has a matrix entry, and its endpoint requires exactly that.</summary>
    internal static void AssertEveryRouteHasItsEntry(ApiFactory silo)
    {
        var routes = Routes(silo);
        var missing = routes.Keys.Where(r => Entry(r) is null).ToList();
        Assert.True(missing.Count == 0, "Routes without a permission matrix entry:\n" + string.Join('\n', missing));

        foreach (var (route, endpoint) in routes)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || policies.Count == 0;
            var entry = Entry(route)!;
            Assert.True(
                entry == Anyone ? anonymous : policies.SequenceEqual([entry]),
                $"{route}: expected {entry}, endpoint requires [{string.Join(", ", policies)}]{(anonymous ? " (anonymous)" : "")}");
        }
    }

    [Fact]
    public async Task EveryRoute_EveryCaller_IsAdmittedExactlyByItsPolicy()
    {
        var org = await PeopleOrg.Create(api);
        var admin = $"{org.Branch}-AD";
        await (await api.As("Admin").PutJson($"/api/employees/{admin}", new { name = "管理员", role = "Admin", branchId = org.Branch })).Json(HttpStatusCode.OK);
        var people = new Dictionary<string, string>
        {
            ["person:Advisor"] = org.Advisor, ["person:BranchHead"] = org.Head, ["person:Compliance"] = org.Compliance, ["person:Admin"] = admin,
        };
        var failures = new List<string>();
        foreach (var route in Routes(api).Keys.Where(r => Entry(r) != Anyone))
        {
            foreach (var caller in Callers)
            {
                using var client = caller switch
                {
                    "none" => api.As(null),
                    _ when caller.StartsWith("key:", StringComparison.Ordinal) => api.As(caller["key:".Length..]),
                    _ => await api.AsPerson(people[caller]),
                };
                client.Timeout = TimeSpan.FromSeconds(15);
                // Headers only: a streaming route (inbox stream, the dashboard's trace) answers its status at once.
                using var response = await client.SendAsync(Request(route), HttpCompletionOption.ResponseHeadersRead);
                var status = response.StatusCode;
                var expected = caller == "none" ? "401" : Admits[Entry(route)!].Contains(caller) ? "admitted" : "403";
                var actual = status switch
                {
                    HttpStatusCode.Unauthorized => "401",
                    HttpStatusCode.Forbidden => "403",
                    _ => "admitted",
                };
                if (expected != actual)
                {
                    failures.Add($"{route} as {caller}: expected {expected}, got {(int)status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string? Entry(string route) =>
        Matrix.TryGetValue(route, out var exact)
            ? exact
            : Matrix.FirstOrDefault(e => e.Key.EndsWith("/*", StringComparison.Ordinal) && route.StartsWith(e.Key[..^1], StringComparison.Ordinal)).Value;

    private static Dictionary<string, RouteEndpoint> Routes(ApiFactory silo)
    {
        silo.As(null).Dispose();
        // An endpoint without methods answers any (a SignalR hub, the health check): its entry is "ANY /path".
        return silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Where(m => m != "HEAD")
                .Select(m => (Key: $"{m} {Normalize(e.RoutePattern.RawText)}", Endpoint: e)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.First().Endpoint, StringComparer.Ordinal);
    }

    private static string Normalize(string? pattern)
    {
        var path = "/" + (pattern ?? "").TrimStart('/');
        return path;
    }

    // Placeholder route values name nothing that exists, so a request the policy admits ends in the handler's 400/404.
    private static HttpRequestMessage Request(string route)
    {
        var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
        method = method == "ANY" ? "GET" : method;
        var path = System.Text.RegularExpressions.Regex.Replace(
            pattern, @"\{\*?\*?([^}:]+)([^}]*)\}", m => m.Groups[2].Value.Contains(":int", StringComparison.Ordinal) ? "1" : "X1");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.Add("X-WA-Console", "1");
        }

        return request;
    }
}
