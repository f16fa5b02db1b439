using System.Net;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Imports;

/// <summary>The complaint register and the client list as .xlsx: content, the caller's scope, formula safety, and the audit.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExportTests(ApiFactory api)
{
    private const string Injection = "=HYPERLINK(\"http://evil.example\",\"click\")";

    [Fact]
    public async Task ComplaintRegister_HoldsTheCallersCases_AsText()
    {
        var org = await PeopleOrg.Create(api);
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/clients/{org.Client}-O", new { name = "@Other", branchId = org.Branch, advisorId = org.OtherAdvisor })).Json(HttpStatusCode.OK);
        var mine = await Open(org.Branch, org.Client, Injection);
        var theirs = await Open(org.Branch, $"{org.Client}-O", "Fees");

        var advisor = await api.AsPerson(org.Advisor);
        var response = await advisor.GetAsync($"/api/complaints/export?branchId={org.Branch}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var xlsx = await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var rows = Workbooks.Read(xlsx);
        Assert.Equal("投诉编号 id", rows[0]["A"]);
        Assert.Contains("升级次数 escalations", rows[0].Values);
        var line = Assert.Single(rows.Skip(1));
        Assert.Equal((mine, org.Client, "phone", Injection, "High", "Open"), (line["A"], line["B"], line["E"], line["F"], line["G"], line["H"]));
        Assert.DoesNotContain(rows, r => r["A"] == theirs);
        // The injected text stays text: no formula element anywhere in the sheet.
        Assert.DoesNotContain("<x:f>", Workbooks.SheetXml(xlsx));
        Assert.DoesNotContain("<f>", Workbooks.SheetXml(xlsx));

        var all = Workbooks.Read(await (await (await api.AsPerson(org.Head)).GetAsync($"/api/complaints/export?branchId={org.Branch}")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { mine, theirs }.Order(StringComparer.Ordinal), all.Skip(1).Select(r => r["A"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ComplaintRegister_ResolvedCase_CarriesItsFirstResponseResolutionAndDaysTaken()
    {
        var org = await PeopleOrg.Create(api);
        var id = await Open(org.Branch, org.Client, "Fees");
        var advisor = await api.AsPerson(org.Advisor);
        await (await advisor.PostJson($"/api/complaints/{id}/acknowledge", new { text = "Called back" })).Json(HttpStatusCode.OK);
        await (await advisor.PostJson($"/api/complaints/{id}/resolve", new { text = "Fee refunded" })).Json(HttpStatusCode.OK);
        await WealthActors.Testing.Eventually.Until(
            async () => (await (await api.As("Admin").GetAsync($"/api/complaints?branchId={org.Branch}&status=Resolved")).Content.ReadAsStringAsync()).Contains(id, StringComparison.Ordinal),
            found => found, $"complaint {id} resolved in the read model");

        var rows = Workbooks.Read(await (await advisor.GetAsync($"/api/complaints/export?branchId={org.Branch}")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        var header = rows[0].ToDictionary(cell => cell.Value!, cell => cell.Key);
        var line = Assert.Single(rows.Skip(1), r => r["A"] == id);
        Assert.False(string.IsNullOrEmpty(line[header["首次响应 firstResponseAt (UTC)"]]));
        Assert.False(string.IsNullOrEmpty(line[header["办结时间 resolvedAt (UTC)"]]));
        Assert.Equal("是 yes", line[header["首次响应及时 firstResponseMet"]]);
        Assert.Equal("1", line[header["办理天数 daysTaken"]]);
        Assert.Equal("是 yes", line[header["时限达成 deadlinesMet"]]);
    }

    [Fact]
    public async Task ClientList_HoldsTheCallersClients_AndIsAnAuditedRead()
    {
        var org = await PeopleOrg.Create(api);
        var admin = api.As("Admin");
        await (await admin.PutJson($"/api/clients/{org.Client}-O", new { name = "+Other SUM(A1)", branchId = org.Branch, advisorId = org.OtherAdvisor })).Json(HttpStatusCode.OK);

        var xlsx = await (await (await api.AsPerson(org.Advisor)).GetAsync("/api/clients/export")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var rows = Workbooks.Read(xlsx);
        Assert.Equal(["客户编号 clientId", "姓名 name", "网点 branchId", "客户经理 advisorId"], rows[0].Values.Take(4));
        Assert.Equal([org.Client], rows.Skip(1).Select(r => r["A"]));

        var head = Workbooks.Read(await (await (await api.AsPerson(org.Head)).GetAsync("/api/clients/export")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        var other = Assert.Single(head, r => r["A"] == $"{org.Client}-O");
        Assert.Equal("+Other SUM(A1)", other["B"]);
        Assert.All(head.Skip(1), r => Assert.Equal(org.Branch, r["C"]));

        var audit = await (await (await api.AsPerson(org.Compliance)).GetAsync($"/api/audit?actor={org.Advisor}&targetType=client")).Json(HttpStatusCode.OK);
        Assert.Contains(audit["entries"]!.AsArray(), e => e.Str("action") == "client.export" && e.Str("outcome") == "200");
    }

    private async Task<string> Open(string branchId, string clientId, string category)
    {
        var opened = await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId, category, severity = "High", channel = "phone", description = "Export me", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created);
        var id = opened.Str("complaintId");
        // The register reads the read model, which the complaint's grain writes as it opens.
        await WealthActors.Testing.Eventually.Until(
            async () => (await (await api.As("Admin").GetAsync($"/api/complaints?branchId={branchId}")).Content.ReadAsStringAsync()).Contains(id, StringComparison.Ordinal),
            found => found, $"complaint {id} in the read model");
        return id;
    }
}
