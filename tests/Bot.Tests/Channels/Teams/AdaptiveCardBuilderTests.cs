using System.Text.Json;
using System.Text.Json.Nodes;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class AdaptiveCardBuilderTests
{
    internal static readonly TeamsCardModel Escalation = new(
        "投诉 CMP-42 已升级 / Complaint CMP-42 escalated",
        [new("客户 / Client", "C000123 王女士"), new("SLA", "Breached 24h"), new("Severity", "High")],
        [new("受理 / Acknowledge", "ack CMP-42"), new("接手 / Take over", "assign CMP-42 me"), new("备注 / Comment", "note CMP-42")]);

    [Fact]
    public void BuildCard_EscalationCard_ValidatesAgainstAdaptiveCard15Schema()
    {
        var card = AdaptiveCardBuilder.BuildCard(Escalation);

        TeamsSpecs.AssertValidCard(Element(card));
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
    }

    [Fact]
    public void BuildCard_Buttons_AreExecuteWithVerbCommandAndSubmitFallback()
    {
        var card = AdaptiveCardBuilder.BuildCard(Escalation);

        var actions = card["actions"]!.AsArray();
        Assert.Equal(3, actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i]!;
            var button = Escalation.Buttons[i];
            Assert.Equal("Action.Execute", (string?)action["type"]);
            Assert.Equal(button.Title, (string?)action["title"]);
            Assert.Equal(button.Command, (string?)action["verb"]);
            Assert.Equal(button.Command, (string?)action["data"]!["command"]);
            var fallback = action["fallback"]!;
            Assert.Equal("Action.Submit", (string?)fallback["type"]);
            Assert.Equal(button.Title, (string?)fallback["title"]);
            Assert.Equal(button.Command, (string?)fallback["data"]!["command"]);
        }
    }

    [Fact]
    public void BuildCard_Facts_BecomeOneFactSetInOrder()
    {
        var card = AdaptiveCardBuilder.BuildCard(Escalation);

        var body = card["body"]!.AsArray();
        Assert.Equal(Escalation.Title, (string?)body[0]!["text"]);
        var facts = Assert.Single(body, e => (string?)e!["type"] == "FactSet")!["facts"]!.AsArray();
        Assert.Equal(
            Escalation.Facts.Select(f => (f.Label, f.Value)),
            facts.Select(f => ((string)f!["title"]!, (string)f["value"]!)));
        Assert.Contains("SLA: Breached 24h", (string?)card["fallbackText"]);
    }

    [Fact]
    public void BuildCard_NoFactsNoButtons_OmitsFactSetAndActionsAndStaysValid()
    {
        var card = AdaptiveCardBuilder.BuildCard(new TeamsCardModel("Nothing to do", [], []));

        Assert.Single(card["body"]!.AsArray());
        Assert.False(card.ContainsKey("actions"));
        TeamsSpecs.AssertValidCard(Element(card));
    }

    [Fact]
    public void BuildCard_TextNeedingJsonEscapes_SurvivesRoundTrip()
    {
        var model = new TeamsCardModel("Quote \" backslash \\ <b>&", [new("Note", "line1\nline2 \"x\"")], [new("Go \"now\"", "note C-1 \"quoted\"")]);

        var json = AdaptiveCardBuilder.BuildCard(model).ToJsonString();
        var parsed = JsonNode.Parse(json)!;

        Assert.Equal(model.Title, (string?)parsed["body"]![0]!["text"]);
        Assert.Equal("note C-1 \"quoted\"", (string?)parsed["actions"]![0]!["verb"]);
        TeamsSpecs.AssertValidCard(JsonDocument.Parse(json).RootElement);
    }

    [Fact]
    public void BuildAttachment_Card_HasAdaptiveContentTypeAndSameContent()
    {
        var attachment = AdaptiveCardBuilder.BuildAttachment(Escalation);

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal(AdaptiveCardBuilder.BuildCard(Escalation).ToJsonString(), attachment.Content!.Value.GetRawText());
    }

    public static TheoryData<string> CardBreakages => new("badWeight", "unknownProperty", "verbNotString", "factWithoutValue");

    [Theory]
    [MemberData(nameof(CardBreakages))]
    public void SchemaCheck_CardBrokenOnPurpose_IsRejected(string breakage)
    {
        // Guards the guard: each change makes a card a Teams client would refuse, so the schema check must fail it.
        var card = AdaptiveCardBuilder.BuildCard(Escalation);
        switch (breakage)
        {
            case "badWeight":
                card["body"]![0]!["weight"] = "Heaviest";
                break;
            case "unknownProperty":
                card["body"]![0]!["colour"] = "red";
                break;
            case "verbNotString":
                card["actions"]![1]!["verb"] = 7;
                break;
            case "factWithoutValue":
                card["body"]![1]!["facts"]![0]!.AsObject().Remove("value");
                break;
        }

        Assert.NotEmpty(TeamsSpecs.CardErrors(Element(card)));
    }

    [Theory]
    [InlineData("Action.Unknown", null)]
    [InlineData("Action.Submit", 5)]
    public void SchemaCheck_FallbackBrokenOnPurpose_IsRejectedByTheActionCheck(string type, int? data)
    {
        var fallback = new JsonObject { ["type"] = type, ["title"] = "Go" };
        if (data is { } value)
        {
            fallback["data"] = value;
        }

        var card = AdaptiveCardBuilder.BuildCard(Escalation);
        card["actions"]![0]!["fallback"] = fallback;

        // The whole-card schema lets any object through as a fallback (see TeamsSpecs), the action check does not.
        Assert.Empty(TeamsSpecs.CardErrors(Element(card)));
        Assert.NotEmpty(TeamsSpecs.CardDefinitionErrors("ImplementationsOf.Action", Element(fallback)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void BuildCard_BlankButtonCommand_Throws(string command)
    {
        var model = new TeamsCardModel("T", [], [new("Go", command)]);

        Assert.ThrowsAny<ArgumentException>(() => AdaptiveCardBuilder.BuildCard(model));
    }

    internal static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
