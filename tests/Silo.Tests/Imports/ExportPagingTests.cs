using Microsoft.Extensions.DependencyInjection;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Imports;

/// <summary>An export holds the whole list, read a page at a time, not just the read model's first page.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExportPagingTests(ApiFactory api)
{
    [Fact]
    public async Task ClientList_OfMoreThanAPage_HoldsEveryClientOfTheScopeOnce()
    {
        var org = await PeopleOrg.Create(api);
        var writer = api.Services.GetRequiredService<IReadModelWriter>();
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 1_205).Select(i => $"{org.Branch}-X{i:D4}").ToList();
        await Task.WhenAll(ids.Select(id => writer.UpsertClient(new ClientRow(
            id, $"Bulk {id}", org.Branch, org.OtherAdvisor, ClientTier.Mass, Vip: false, Aum: 1m, Birthday: null, RiskExpiresOn: null,
            LastInteractionAt: null, NextMaturity: null, LifecycleStage.Active, OpenComplaints: 0, UpdatedAt: now))));

        var head = await api.AsPerson(org.Head);
        var rows = Workbooks.Read(await (await head.GetAsync("/api/clients/export")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        var limited = Workbooks.Read(await (await head.GetAsync("/api/clients/export?limit=1001")).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());

        var exported = rows.Skip(1).Select(r => r["A"]!).ToList();
        Assert.Equal(ids.Append(org.Client).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        Assert.Equal(1_001, limited.Count - 1);
    }

    [Theory]
    [InlineData("/api/clients/export?limit=0")]
    [InlineData("/api/complaints/export?limit=1048576")]
    public async Task Limit_OutsideTheSheet_IsRefusedNamingIt(string url)
    {
        var problem = await (await api.As("Admin").GetAsync(url)).Problem(System.Net.HttpStatusCode.BadRequest);

        Assert.Contains("limit", problem["errors"]!.AsObject().Select(e => e.Key));
    }
}
