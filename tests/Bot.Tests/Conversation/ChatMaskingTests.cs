using WealthActors.Bot.Conversation;
using WealthActors.Bot.Tests.Infrastructure;
using WealthActors.Privacy;

namespace WealthActors.Bot.Tests.Conversation;

/// <summary>The client card in chat shows personal data by the same masking rules as the API.</summary>
[Collection(BotClusterCollection.Name)]
public sealed class ChatMaskingTests(BotClusterFixture fixture)
{
    private const string Phone = "13812345678";
    private const string IdNumber = "310101197001011234";

    [Fact]
    public async Task ClientCard_ForCompliance_ShowsPersonalDataInFull()
    {
        var org = await BotTestOrg.Create(fixture.Grains);

        var facts = await CardFacts(fixture.Engine, org.Compliance, org.VipClient);

        Assert.Equal(Phone, facts["电话"]);
        Assert.Equal(IdNumber, facts["证件"]);
    }

    [Fact]
    public async Task ClientCard_RulesHidingThePhoneFromAdvisors_ShowNoDigitOfIt()
    {
        var org = await BotTestOrg.Create(fixture.Grains);
        var rules = MaskingRules.Default.With(new Dictionary<string, IReadOnlyDictionary<PersonalField, MaskLevel>>
        {
            ["Advisor"] = new Dictionary<PersonalField, MaskLevel> { [PersonalField.Phone] = MaskLevel.Hidden },
        });

        var facts = await CardFacts(fixture.EngineWith(rules), org.Advisor, org.VipClient);

        Assert.DoesNotMatch("[0-9]", facts["电话"]);
        Assert.Equal("**************1234", facts["证件"]);
    }

    private static async Task<Dictionary<string, string>> CardFacts(ConversationEngine engine, string employeeId, string clientId)
    {
        var reply = await engine.HandleAsync(employeeId, "tests", $"客户 {clientId}");
        var card = Assert.IsType<BotCard>(reply.Card);
        return card.Facts.ToDictionary(f => f.Name, f => f.Value);
    }
}
