using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

/// <summary>Dates within a sane range, names that display as they are stored, ladders of a sane length.</summary>
[Collection(ApiCollection.Name)]
public sealed class InputValidationTests(ApiFactory api)
{
    private static string NewId(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];

    private static string Today(int years = 0, int days = 0) => DateTime.UtcNow.Date.AddYears(years).AddDays(days).ToString("yyyy-MM-dd");

    public static TheoryData<string, string> BadNames => new()
    {
        { "right-to-left override", "Zhang\u202Emoc.evil" },
        { "left-to-right embedding", "\u202AZhang" },
        { "first strong isolate", "Zhang\u2068 Wei" },
        { "pop directional isolate", "Zhang\u2069" },
        { "line break", "Zhang\nWei" },
        { "tab", "Zhang\tWei" },
        { "escape", "Zhang\u001B[31m" },
        { "C1 control", "Zhang\u0085Wei" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task PutClient_NameWithControlOrBidiCharacter_Is400NamingNameAndCreatesNothing(string what, string name)
    {
        var seed = await Seed.Create(api);
        var id = NewId("C");

        var response = await api.As("System").PutJson($"/api/clients/{id}", new { name, branchId = seed.Branch, advisorId = seed.Advisor });

        await response.Problem(HttpStatusCode.BadRequest, "name");
        Assert.True((await api.As("System").GetAsync($"/api/clients/{id}")).StatusCode == HttpStatusCode.NotFound, what);
    }

    [Fact]
    public async Task PutEmployeeAndBranch_NameWithBidiOverride_Is400AndKeepsTheName()
    {
        var seed = await Seed.Create(api);
        var admin = api.As("Admin");

        await (await admin.PutJson($"/api/employees/{seed.Advisor}", new { name = "Chen\u202E", role = "Advisor", branchId = seed.Branch, managerId = seed.TeamLead }))
            .Problem(HttpStatusCode.BadRequest, "name");
        await (await admin.PutJson($"/api/branches/{seed.Branch}", new { name = "\u2067Lujiazui", headEmployeeId = seed.BranchHead }))
            .Problem(HttpStatusCode.BadRequest, "name");

        Assert.Equal("Chen", (await (await admin.GetAsync($"/api/employees/{seed.Advisor}")).Json(HttpStatusCode.OK)).Str("name"));
        Assert.Equal("Lujiazui", (await (await admin.GetAsync($"/api/branches/{seed.Branch}")).Json(HttpStatusCode.OK)).Str("name"));
    }

    [Fact]
    public async Task AddHolding_ProductNameWithBidiIsolate_Is400NamingProductName()
    {
        var seed = await Seed.Create(api);

        var response = await api.As("System").PostJson($"/api/clients/{seed.Client}/holdings",
            new { productCode = "WM-01", productName = "Steady\u2066 Income", productRisk = "R2", amount = 1000m });

        await response.Problem(HttpStatusCode.BadRequest, "productName");
        Assert.Empty((await (await api.As("System").GetAsync($"/api/clients/{seed.Client}")).Json(HttpStatusCode.OK))["holdings"]!.AsArray());
    }

    [Fact]
    public async Task PutPolicy_NameWithBidiOverride_Is400NamingName()
    {
        var id = NewId("p");

        var response = await api.As("Admin").PutJson($"/api/sla-policies/{id}", Policy("Fees\u202D", steps: 1));

        await response.Problem(HttpStatusCode.BadRequest, "name");
        await (await api.As("Admin").GetAsync($"/api/sla-policies/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutPolicy_NineEscalationSteps_Is400NamingEscalationsAndEightAreAccepted()
    {
        var refused = NewId("p");
        var accepted = NewId("p");

        await (await api.As("Admin").PutJson($"/api/sla-policies/{refused}", Policy("Long ladder", steps: 9))).Problem(HttpStatusCode.BadRequest, "escalations");
        var stored = await (await api.As("Admin").PutJson($"/api/sla-policies/{accepted}", Policy("Long ladder", steps: 8))).Json(HttpStatusCode.OK);

        await (await api.As("Admin").GetAsync($"/api/sla-policies/{refused}")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(8, stored["escalations"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("birthday", "future")]
    [InlineData("birthday", "1899-12-31")]
    [InlineData("riskAssessedOn", "1850-06-01")]
    [InlineData("riskAssessedOn", "future")]
    public async Task PutClient_DateOutOfRange_Is400NamingItAndCreatesNothing(string field, string value)
    {
        var seed = await Seed.Create(api);
        var id = NewId("C");
        var body = new Dictionary<string, object?>
        {
            ["name"] = "X", ["branchId"] = seed.Branch, ["advisorId"] = seed.Advisor,
            [field] = value == "future" ? Today(days: 1) : value,
        };

        await (await api.As("System").PutJson($"/api/clients/{id}", body)).Problem(HttpStatusCode.BadRequest, field);
        await (await api.As("System").GetAsync($"/api/clients/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutClient_BirthdayOnTheFirstDayOf1900_IsAccepted()
    {
        var seed = await Seed.Create(api);

        await (await api.As("System").PutJson($"/api/clients/{NewId("C")}", new { name = "X", birthday = "1900-01-01", branchId = seed.Branch, advisorId = seed.Advisor }))
            .Json(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("past+101")]
    public async Task AddHolding_MaturityOutOfRange_Is400NamingMaturityDate(string maturity)
    {
        var seed = await Seed.Create(api);
        var maturityDate = maturity == "past+101" ? Today(years: 101) : maturity;

        var response = await api.As("System").PostJson($"/api/clients/{seed.Client}/holdings",
            new { productCode = "WM-01", productName = "Steady", productRisk = "R2", amount = 1000m, maturityDate });

        await response.Problem(HttpStatusCode.BadRequest, "maturityDate");
        Assert.Empty((await (await api.As("System").GetAsync($"/api/clients/{seed.Client}")).Json(HttpStatusCode.OK))["holdings"]!.AsArray());
    }

    [Fact]
    public async Task RecordTransaction_Before1900_Is400NamingAtAndAlertsNobody()
    {
        var seed = await Seed.Create(api);

        var response = await api.As("System").PostJson($"/api/clients/{seed.Client}/transactions",
            new { transactionId = "T-OLD", kind = "Withdrawal", amount = 5_000_000m, at = "1850-01-01T00:00:00Z" });

        await response.Problem(HttpStatusCode.BadRequest, "at");
        Assert.Empty((await (await api.As("Manager").GetAsync($"/api/employees/{seed.Advisor}/inbox")).Json(HttpStatusCode.OK)).AsArray());
    }

    private static object Policy(string name, int steps) => new
    {
        name, match = new { categories = new[] { "never-matches" } }, priority = 0, clock = "Calendar", firstResponse = "PT1H", resolution = "P10D",
        escalations = Enumerable.Range(1, steps).Select(i => new { after = $"PT{i}H", toRole = "BranchHead", action = "Notify" }).ToArray(),
    };
}
