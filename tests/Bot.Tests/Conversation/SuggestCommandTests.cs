using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Clients;
using WealthActors.Suitability;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>推荐 / suggest: the products that suit the client, never one they may not buy, for those who reach the client.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class SuggestCommandTests(BotClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private Task<BotReply> Say(string employeeId, string text) => fixture.Engine.HandleAsync(employeeId, "tests", text);

    [Theory]
    [InlineData("推荐 张伟", BotLanguage.Chinese)]
    [InlineData("suggest Zhang", BotLanguage.English)]
    public void Parse_SuggestWithAClient_IsASuggestCommand(string text, BotLanguage language)
    {
        var command = CommandParser.Parse(text).Command!;
        Assert.Equal((CommandKind.Suggest, language), (command.Kind, command.Language));
    }

    [Fact]
    public async Task Suggest_ListsOnlyWhatSuitsTheClient_AndNothingForOthersClients()
    {
        var org = await BotTestOrg.Create(Grains);
        var p = org.VipClient;
        var shelf = Grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.DefaultKey);
        var system = Actor.System("tests");
        await shelf.Put(new Product($"{p}-R2", "稳健理财", ProductType.WealthProduct, ProductRisk.R2, 10_000m, 12, null, null, null, false, 0, ProductStatus.OnSale), system);
        await shelf.Put(new Product($"{p}-R5", "股权信托", ProductType.TrustPlan, ProductRisk.R5, 10_000m, 12, null, null, null, false, 0, ProductStatus.OnSale), system);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Grains.GetGrain<IClientGrain>(org.VipClient).RecordRiskAssessment(new RiskAssessment(RiskLevel.C3, today, false, null, null, null, "tests"), system);

        var reply = await Say(org.Advisor, $"推荐 {org.VipClient}");
        var refused = await Say(org.OtherTeamAdvisor, $"suggest {org.VipClient}");

        Assert.Equal(BotOutcome.Info, reply.Outcome);
        Assert.Contains(reply.Card!.Facts, f => f.Name.Contains($"{p}-R2", StringComparison.Ordinal));
        Assert.DoesNotContain(reply.Card.Facts, f => f.Name.Contains($"{p}-R5", StringComparison.Ordinal));
        Assert.Equal(BotOutcome.Refused, refused.Outcome);
    }
}
