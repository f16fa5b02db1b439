using System.Net;
using System.Text;
using WealthActors.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>Compliance pages and exports the trail; no other role reads it; each read is itself an entry.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditApiTests(ApiFactory api)
{
    /// <summary>A target of its own with <paramref name="count"/> entries: refused upserts of one branch, one after another.</summary>
    private async Task<string> BranchWithEntries(int count)
    {
        var branch = $"AB{Guid.NewGuid():N}"[..24];
        for (var i = 0; i < count; i++)
        {
            var response = await api.As("Advisor").PutJson($"/api/branches/{branch}", new { name = $"attempt {i}" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        return branch;
    }

    [Fact]
    public async Task List_KeysetPages_NewestFirstThenOldestFirst()
    {
        var branch = await BranchWithEntries(5);
        var filter = $"targetType=branch&targetId={branch}";

        var seen = new List<long>();
        string? after = null;
        do
        {
            var (entries, next) = await AuditReader.Page(api, $"{filter}&limit=2" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(entries.Select(e => e["sequence"]!.GetValue<long>()));
            after = next;
        }
        while (after is not null);
        var (ascending, _) = await AuditReader.Page(api, $"{filter}&order=asc");

        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(seen.Order(), ascending.Select(e => e["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public async Task List_FromAndTo_BoundTheTime()
    {
        var branch = await BranchWithEntries(3);
        var (all, _) = await AuditReader.Page(api, $"targetId={branch}&order=asc");
        var second = all[1]["at"]!.GetValue<DateTimeOffset>();

        var (from, _) = await AuditReader.Page(api, $"targetId={branch}&from={Uri.EscapeDataString(second.ToString("O"))}");
        var (to, _) = await AuditReader.Page(api, $"targetId={branch}&to={Uri.EscapeDataString(second.ToString("O"))}");

        Assert.Equal(2, from.Count);
        Assert.Single(to);
    }

    [Fact]
    public async Task Export_AllMatching_IsCsvWithFormulasDefused()
    {
        // A route value that a spreadsheet would run: the request is refused, and its entry keeps the value as sent.
        var hostile = $"=HYPERLINK(\"x{Guid.NewGuid():N}\")";
        var refused = await api.As("System").PostJson($"/api/clients/{Uri.EscapeDataString(hostile)}/holdings", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var response = await api.As("Compliance").GetAsync($"/api/audit/export?targetId={Uri.EscapeDataString(hostile)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("at,chain_id,sequence,employee_id,key_name,door,channel,client_address,action", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains(",\"'=HYPERLINK(\"\"x", row);
        Assert.Contains(",client.holdings,client,", row);
        Assert.DoesNotContain(",=", row);
    }

    [Fact]
    public async Task Export_Limit_CapsTheRows()
    {
        var branch = await BranchWithEntries(3);

        var csv = await (await api.As("Compliance").GetAsync($"/api/audit/export?targetId={branch}&limit=2&order=asc")).Content.ReadAsStringAsync();

        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("System")]
    [InlineData("Advisor")]
    [InlineData("Manager")]
    public async Task List_AndExport_OtherRoles_Are403AndRecorded(string role)
    {
        var probe = Guid.NewGuid().ToString("N");

        var list = await api.As(role).GetAsync($"/api/audit?actor={probe}");
        var export = await api.As(role).GetAsync($"/api/audit/export?actor={probe}");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        var (entries, _) = await AuditReader.Page(api, $"actor={role.ToLowerInvariant()}&limit=50");
        Assert.Contains(entries, e => e.Str("action") == "audit.read" && e.Str("outcome") == "403"
            && e.Str("digest") == AuditDigests.Of($"?actor={probe}"));
        Assert.Contains(entries, e => e.Str("action") == "audit.export" && e.Str("outcome") == "403");
    }

    [Fact]
    public async Task List_WithoutKey_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.As(null).GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task List_ReadByCompliance_IsItselfAnEntry()
    {
        var probe = Guid.NewGuid().ToString("N");

        await AuditReader.Page(api, $"targetId={probe}");

        var (entries, _) = await AuditReader.Page(api, "actor=compliance&targetType=audit&limit=20");
        Assert.Contains(entries, e => e.Str("action") == "audit.read" && e.Str("outcome") == "200"
            && e.Str("digest") == AuditDigests.Of($"?targetId={probe}"));
    }

    [Fact]
    public async Task List_LimitOverAThousand_Is400_ExportTakesIt()
    {
        await (await api.As("Compliance").GetAsync("/api/audit?limit=1001")).Problem(HttpStatusCode.BadRequest, "limit");
        Assert.Equal(HttpStatusCode.OK, (await api.As("Compliance").GetAsync($"/api/audit/export?limit=1001&actor={Guid.NewGuid():N}")).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("order=sideways", "order")]
    [InlineData("after=not-a-position", "after")]
    [InlineData("actor=&limit=5", "actor")]
    [InlineData("limit=5&limit=6", "limit")]
    public async Task List_BadParameter_Is400NamingIt(string query, string field)
    {
        await (await api.As("Compliance").GetAsync($"/api/audit?{query}")).Problem(HttpStatusCode.BadRequest, field);
        await (await api.As("Compliance").GetAsync($"/api/audit/export?{query}")).Problem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("DELETE", "/api/audit")]
    [InlineData("PUT", "/api/audit")]
    [InlineData("POST", "/api/audit/export")]
    public async Task NoRoute_ChangesTheTrail(string method, string url)
    {
        var response = await api.As("Compliance").SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {url}: {response.StatusCode}");
    }
}
