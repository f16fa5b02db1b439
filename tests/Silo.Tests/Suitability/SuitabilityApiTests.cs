using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using MiniExcelLibs;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Silo.Suitability;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Suitability;

/// <summary>The suitability routes end to end on the real Silo: shelf, assessment, gate, override with evidence, register.</summary>
[Collection(ApiCollection.Name)]
public sealed class SuitabilityApiTests(ApiFactory api)
{
    internal static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    internal static readonly byte[] Mp4 = [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray(), 0, 0, 0, 0, .. "mp42isom"u8.ToArray(), 1, 2, 3, 4];

    internal static async Task Shelve(HttpClient admin, string code, string risk, string type = "TrustPlan", decimal minimum = 1_000_000m, bool professionalOnly = false, int? coolingOffHours = null) =>
        await (await admin.PutJson($"/api/products/{code}", new
        {
            name = $"产品 {code}", type, risk, minimumInvestment = minimum, termMonths = 24, issuer = "鑫盛信托", professionalOnly,
            coolingOffHours, status = "OnSale",
        })).Json(HttpStatusCode.OK);

    internal static MultipartFormDataContent Evidence(string clientId, string kind, byte[] bytes, string contentType, string fileName, string? subscriptionId = null, string? sha256 = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(clientId), "clientId" },
            { new StringContent(kind), "kind" },
        };
        if (subscriptionId is not null)
        {
            form.Add(new StringContent(subscriptionId), "subscriptionId");
        }

        if (sha256 is not null)
        {
            form.Add(new StringContent(sha256), "sha256");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return form;
    }

    [Fact]
    public async Task Products_PutAndList_FiltersByOnSaleAndMaxRisk_AndPrivateFundsCoolOffForADay()
    {
        var admin = api.As("Admin");
        var p = $"X{Guid.NewGuid().ToString("N")[..6]}";
        await Shelve(admin, $"{p}-R4", "R4");
        await Shelve(admin, $"{p}-PF", "R3", type: "PrivateFund");
        await (await admin.PutJson($"/api/products/{p}-OLD", new { name = "旧产品", type = "WealthProduct", risk = "R1", minimumInvestment = 10000, status = "Closed" })).Json(HttpStatusCode.OK);

        var fund = await (await admin.GetAsync($"/api/products/{p}-PF")).Json(HttpStatusCode.OK);
        Assert.Equal(24, fund["coolingOffHours"]!.GetValue<int>());
        var list = (await (await admin.GetAsync("/api/products?onSale=true&maxRisk=R3")).Json(HttpStatusCode.OK)).AsArray()
            .Select(n => n!.Str("code")).Where(c => c.StartsWith(p, StringComparison.Ordinal)).ToArray();
        Assert.Equal([$"{p}-PF"], list);

        // Only Admin edits the shelf; a bad risk names its field.
        await (await api.As("System").PutJson($"/api/products/{p}-R4", new { name = "x", type = "TrustPlan", risk = "R4", minimumInvestment = 1, status = "OnSale" })).Problem(HttpStatusCode.Forbidden);
        await (await admin.PutJson($"/api/products/{p}-BAD", new { name = "x", type = "TrustPlan", risk = "R9", minimumInvestment = 1, status = "OnSale" })).Problem(HttpStatusCode.BadRequest, "risk");
    }

    [Fact]
    public async Task Override_FromQuestionnaireToApproval_WithEvidenceInTheRegisterAndTheAuditTrail()
    {
        var org = await PeopleOrg.Create(api);
        var admin = api.As("Admin");
        var advisor = await api.AsPerson(org.Advisor);
        var compliance = await api.AsPerson(org.Compliance);
        var p = $"X{Guid.NewGuid().ToString("N")[..6]}";
        await Shelve(admin, $"{p}-R5", "R5");
        await Shelve(admin, $"{p}-R1", "R1", type: "WealthProduct", minimum: 10_000m);

        // The advisor scores the questionnaire with the client: every first option, 5 points, C1.
        var questionnaire = await (await advisor.GetAsync("/api/risk-questionnaire")).Json(HttpStatusCode.OK);
        var answers = questionnaire["questions"]!.AsArray().ToDictionary(q => q!.Str("id"), q => q!["options"]![0]!.Str("id"));
        var assessed = await (await advisor.PostJson($"/api/clients/{org.Client}/risk-assessments", new { answers })).Json(HttpStatusCode.OK);
        Assert.Equal("C1", assessed.Str("level"));
        Assert.Equal(5, assessed["score"]!.GetValue<int>());
        // A person may not simply state a level; that is for a system of record.
        await (await advisor.PostJson($"/api/clients/{org.Client}/risk-assessments", new { level = "C5", assessedOn = "2026-01-01" })).Problem(HttpStatusCode.BadRequest, "level");

        var created = await (await advisor.PostJson($"/api/clients/{org.Client}/subscriptions", new { productCode = $"{p}-R5", amount = 1_000_000 })).Json(HttpStatusCode.Created);
        Assert.Equal("NeedsOverride", created.Str("decision"));
        Assert.Equal(["RiskExceeded"], created["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        var id = created.Str("subscriptionId");

        var warning = await (await advisor.PostAsync("/api/evidence", Evidence(org.Client, "SignedWarning", Pdf, "application/pdf", "警示书.pdf", id))).Json(HttpStatusCode.Created);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), warning.Str("sha256"));
        var recording = await (await advisor.PostAsync("/api/evidence", Evidence(org.Client, "Recording", Mp4, "video/mp4", "双录.mp4"))).Json(HttpStatusCode.Created);

        // The signed warning cannot stand in for the recording.
        await (await advisor.PostJson($"/api/subscriptions/{id}/override", new { warningEvidenceId = warning.Str("evidenceId"), recordingEvidenceId = warning.Str("evidenceId") }))
            .Problem(HttpStatusCode.BadRequest, "recordingEvidenceId");
        var pending = await (await advisor.PostJson($"/api/subscriptions/{id}/override", new
        {
            warningEvidenceId = warning.Str("evidenceId"), recordingEvidenceId = recording.Str("evidenceId"), reason = "客户坚持 client insists",
        })).Json(HttpStatusCode.OK);
        Assert.Equal("PendingApproval", pending.Str("status"));

        // The advisor may not approve; a compliance key may not either: a person decides, as themselves.
        await (await advisor.PostJson($"/api/subscriptions/{id}/approve", new { })).Problem(HttpStatusCode.Forbidden);
        await (await api.As("Compliance").PostJson($"/api/subscriptions/{id}/approve", new { })).Problem(HttpStatusCode.Forbidden);
        var approved = await (await compliance.PostJson($"/api/subscriptions/{id}/approve", new { comment = "资料齐全" })).Json(HttpStatusCode.OK);
        Assert.Equal("Effective", approved.Str("status"));
        Assert.Equal(org.Compliance, approved.Str("decidedBy"));

        // Compliance reads the evidence back, byte for byte.
        Assert.Equal(Mp4, await compliance.GetByteArrayAsync($"/api/evidence/{recording.Str("evidenceId")}/content"));
        await (await advisor.GetAsync($"/api/evidence/{recording.Str("evidenceId")}")).Problem(HttpStatusCode.Forbidden);

        var register = await Eventually.Until(
            async () => (await (await compliance.GetAsync($"/api/suitability/register?clientId={org.Client}")).Json(HttpStatusCode.OK)).AsArray(),
            lines => lines.Any(l => l!.Str("key") == id && l.Str("status") == "Approved"), "the approved override in the register");
        Assert.Equal(org.Compliance, register.Single(l => l!.Str("key") == id)!.Str("decidedBy"));

        using var export = await compliance.GetAsync($"/api/suitability/register/export?clientId={org.Client}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["申购编号 subscription"] == id && (string)r["审批人 decidedBy"] == org.Compliance);

        var audit = (await (await compliance.GetAsync($"/api/audit?targetType=subscription&targetId={id}&order=asc")).Json(HttpStatusCode.OK))["entries"]!.AsArray();
        Assert.Contains(audit, e => e!.Str("action") == "suitability.decision" && e.Str("outcome") == "NeedsOverride:RiskExceeded");
        Assert.Contains(audit, e => e!.Str("action") == "suitability.override-approved" && e.Str("outcome") == $"Effective:{org.Compliance}");

        // Recommendations hold only what a C1 client may buy.
        var suitable = (await (await advisor.GetAsync($"/api/clients/{org.Client}/suitable-products?limit=100")).Json(HttpStatusCode.OK)).AsArray()
            .Select(r => r!.Str("code")).ToArray();
        Assert.Contains($"{p}-R1", suitable);
        Assert.DoesNotContain($"{p}-R5", suitable);
    }

    [Fact]
    public async Task Subscribe_NoAssessmentOrOutsideReach_IsBlockedOrNotFound()
    {
        var org = await PeopleOrg.Create(api);
        var p = $"X{Guid.NewGuid().ToString("N")[..6]}";
        await Shelve(api.As("Admin"), $"{p}-R1", "R1");

        var blocked = await (await (await api.AsPerson(org.Advisor)).PostJson($"/api/clients/{org.Client}/subscriptions", new { productCode = $"{p}-R1", amount = 10 }))
            .Json(HttpStatusCode.Created);
        Assert.Equal("Blocked", blocked.Str("decision"));
        Assert.Equal(["NoAssessment", "BelowMinimum"], blocked["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

        // Another advisor's client is not there for them.
        await (await (await api.AsPerson(org.OtherAdvisor)).PostJson($"/api/clients/{org.Client}/subscriptions", new { productCode = $"{p}-R1", amount = 1_000_000 }))
            .Problem(HttpStatusCode.NotFound);

        // A system of record posts the level it assessed, with a professional flag and its evidence.
        var assessed = await (await api.As("System").PostJson($"/api/clients/{org.Client}/risk-assessments", new
        {
            level = "C3", assessedOn = "2026-01-15", professional = true, professionalEvidence = "金融资产证明 2026-01",
        })).Json(HttpStatusCode.OK);
        Assert.Equal("2027-01-15", assessed.Str("expiresOn"));
        var client = await (await api.As("System").GetAsync($"/api/clients/{org.Client}")).Json(HttpStatusCode.OK);
        Assert.True(client["risk"]!["professional"]!.GetValue<bool>());
    }
}
