using System.Net;
using WealthActors.Silo.Tests.Audit;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

/// <summary>
/// The masking rules (<c>Privacy:Masking</c>) decide what each caller sees of a client's phone, ID number and
/// birthday, in the 360° view and in search results alike; a view showing any of them in full is an audited read.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PersonalDataMaskingTests(ApiFactory api)
{
    [Fact]
    public async Task Advisor_SeesBankStyleValuesAndTheBirthdayWithoutItsYear_AndNoReadIsAudited()
    {
        var seed = await Seed.Create(api);
        var advisor = await api.AsPerson(seed.Advisor);

        var profile = (await (await advisor.GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK))["profile"]!;
        var found = (await (await advisor.GetAsync($"/api/clients?q={seed.Prefix}")).Json(HttpStatusCode.OK)).AsArray();

        Assert.Equal("138****5678", profile.Str("phone"));
        Assert.Equal("**************5678", profile.Str("idNumber"));
        Assert.Equal("--03-14", profile.Str("birthday"));
        Assert.Equal("--03-14", found.Single(c => c!.Str("clientId") == seed.VipClient)!.Str("birthday"));
        Assert.DoesNotContain(await AuditReader.Of(api, "client", seed.VipClient), e => e.Str("action") == "client.read-unmasked");
    }

    [Fact]
    public async Task System_SeesEverythingInFull_AndTheSearchIsAudited()
    {
        var seed = await Seed.Create(api);

        var found = (await (await api.As("System").GetAsync($"/api/clients?q={seed.Prefix}")).Json(HttpStatusCode.OK)).AsArray();

        Assert.Equal("1968-03-14", found.Single(c => c!.Str("clientId") == seed.VipClient)!.Str("birthday"));
        var searches = (await AuditReader.Page(api, "targetType=client-search&limit=1000")).Entries;
        Assert.Contains(searches, e => e.Str("targetId")!.Contains(seed.VipClient, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminKey_SeesNoPersonalData()
    {
        var seed = await Seed.Create(api);

        var profile = (await (await api.As("Admin").GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK))["profile"]!;

        Assert.Equal("***********", profile.Str("phone"));
        Assert.Equal("******", profile.Str("idNumber"));
        Assert.Equal("******", profile.Str("birthday"));
    }

    [Fact]
    public async Task ConfiguredRules_ChangeWhatEachRoleSees_AndAFullReadIsAudited()
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Privacy:Masking:Advisor:Phone"] = "Full",
            ["Privacy:Masking:Compliance:Birthday"] = "Hidden",
        });
        var seed = await Seed.Create(silo);

        var advisorView = (await (await (await silo.AsPerson(seed.Advisor)).GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK))["profile"]!;
        var complianceView = (await (await silo.As("Compliance").GetAsync($"/api/clients/{seed.VipClient}")).Json(HttpStatusCode.OK))["profile"]!;

        Assert.Equal("13812345678", advisorView.Str("phone"));
        Assert.Equal("**************5678", advisorView.Str("idNumber"));
        Assert.Equal("310101196803145678", complianceView.Str("idNumber"));
        Assert.Equal("******", complianceView.Str("birthday"));
        var reads = (await AuditReader.Of(silo, "client", seed.VipClient)).Where(e => e.Str("action") == "client.read-unmasked").ToList();
        Assert.Contains(reads, e => e["employeeId"]?.GetValue<string>() == seed.Advisor);
    }

    [Theory]
    [InlineData("Privacy:Masking:Visitor:Phone", "Full", "Visitor")]
    [InlineData("Privacy:Masking:Advisor:Address", "Full", "Address")]
    [InlineData("Privacy:Masking:Advisor:Phone", "Visible", "Visible")]
    public async Task UnknownAudienceFieldOrLevel_StopsTheStart(string key, string value, string named)
    {
        await using var silo = ApiFactory.With(new Dictionary<string, string?> { [key] = value });

        var failure = Assert.ThrowsAny<Exception>(() => silo.As("System"));

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }
}
