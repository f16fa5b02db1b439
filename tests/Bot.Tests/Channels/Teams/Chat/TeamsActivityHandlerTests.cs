using WealthActors.Bot.Channels.Teams;
using WealthActors.Bot.Channels.Teams.Chat;

namespace WealthActors.Bot.Tests.Channels.Teams.Chat;

public sealed class TeamsActivityHandlerTests
{
    [Theory]
    [InlineData("<at>WealthActors</at> 受理 CMP-42", "受理 CMP-42")]
    [InlineData("my queue&nbsp;", "my queue")]
    [InlineData("  help ", "help")]
    [InlineData(null, "")]
    public void CleanText_MentionsAndSpaces_AreNotPartOfTheCommand(string? text, string expected)
    {
        Assert.Equal(expected, TeamsActivityHandler.CleanText(text));
    }

    [Fact]
    public void BotWasAdded_MembersAddedNamesTheRecipient_IsTrue()
    {
        var update = Update($$"""[ { "id": "{{TeamsSamples.UserId}}" }, { "id": "{{TeamsSamples.BotId}}" } ]""");

        Assert.True(TeamsActivityHandler.BotWasAdded(update));
    }

    [Theory]
    [InlineData("""[ { "id": "29:someone-else" } ]""")]
    [InlineData("""[]""")]
    [InlineData(null)]
    public void BotWasAdded_OthersOrNobodyAdded_IsFalse(string? membersAdded)
    {
        Assert.False(TeamsActivityHandler.BotWasAdded(Update(membersAdded)));
    }

    private static BotActivity Update(string? membersAdded) => TeamsSamples.Parse($$"""
        {
          "type": "conversationUpdate",
          "channelId": "msteams",
          "serviceUrl": "{{BotFrameworkTokens.ServiceUrl}}",
          "from": { "id": "{{TeamsSamples.UserId}}", "aadObjectId": "{{TeamsSamples.UserAadObjectId}}" },
          "recipient": { "id": "{{TeamsSamples.BotId}}", "name": "WealthActors" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TeamsSamples.TenantId}}", "id": "{{TeamsSamples.ConversationId}}" }
          {{(membersAdded is null ? "" : $", \"membersAdded\": {membersAdded}")}}
        }
        """);
}
