using System.Text.Json;
using System.Text.Json.Nodes;
using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

public sealed class AdaptiveCardActionsTests
{
    [Fact]
    public void TryParse_ExecuteInvoke_CommandVerbAndDataFromTheAction()
    {
        var activity = TeamsSamples.Parse(TeamsSamples.ExecuteInvoke("ack CMP-42"));

        var action = AdaptiveCardActions.TryParse(activity);

        Assert.NotNull(action);
        Assert.True(AdaptiveCardActions.IsActionInvoke(activity));
        Assert.Equal("ack CMP-42", action.Command);
        Assert.Equal("ack CMP-42", action.Verb);
        Assert.True(action.IsInvoke);
        Assert.Equal("ack CMP-42", action.Data!.Value.GetProperty("command").GetString());
    }

    [Fact]
    public void TryParseInvoke_DataWithInputsButNoCommand_FallsBackToVerb()
    {
        var activity = TeamsSamples.Parse(TeamsSamples.ExecuteInvoke("note CMP-42", """{ "comment": "called the client" }"""));

        var action = AdaptiveCardActions.TryParseInvoke(activity);

        Assert.Equal("note CMP-42", action!.Command);
        Assert.Equal("called the client", action.Data!.Value.GetProperty("comment").GetString());
    }

    [Fact]
    public void TryParse_SubmitFallbackMessage_CommandFromValue()
    {
        var activity = TeamsSamples.Parse(TeamsSamples.SubmitMessage("assign CMP-42 me"));

        var action = AdaptiveCardActions.TryParse(activity);

        Assert.NotNull(action);
        Assert.Equal("assign CMP-42 me", action.Command);
        Assert.Null(action.Verb);
        Assert.False(action.IsInvoke);
        Assert.False(AdaptiveCardActions.IsActionInvoke(activity));
    }

    [Fact]
    public void TryParse_PlainTextMessage_ReturnsNull()
    {
        Assert.Null(AdaptiveCardActions.TryParse(TeamsSamples.Parse(TeamsSamples.Message())));
    }

    public static TheoryData<string> NotExecuteInvokes => new(
        """{"name":"composeExtension/query"}""",
        """{"value":{"trigger":"manual"}}""",
        """{"value":{"action":{"type":"Action.Submit","verb":"x"}}}""",
        """{"value":{"action":{"type":"Action.Execute"}}}""",
        """{"value":{"action":{"type":"Action.Execute","verb":""}}}""",
        """{"value":"ack"}""");

    [Theory]
    [MemberData(nameof(NotExecuteInvokes))]
    public void TryParseInvoke_OtherInvokeOrMalformedValue_ReturnsNull(string change)
    {
        var node = JsonNode.Parse(TeamsSamples.ExecuteInvoke())!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        Assert.Null(AdaptiveCardActions.TryParse(TeamsSamples.Parse(node.ToJsonString())));
    }

    [Fact]
    public void Roundtrip_BuiltCardButton_ParsesBackToItsCommandAsInvokeAndAsSubmit()
    {
        var card = AdaptiveCardBuilder.BuildCard(AdaptiveCardBuilderTests.Escalation);
        var execute = card["actions"]![1]!;
        var invoke = JsonNode.Parse(TeamsSamples.ExecuteInvoke())!.AsObject();
        invoke["value"]!["action"] = execute.DeepClone();
        var submit = JsonNode.Parse(TeamsSamples.SubmitMessage())!.AsObject();
        submit["value"] = execute["fallback"]!["data"]!.DeepClone();

        Assert.Equal("assign CMP-42 me", AdaptiveCardActions.TryParse(TeamsSamples.Parse(invoke.ToJsonString()))!.Command);
        Assert.Equal("assign CMP-42 me", AdaptiveCardActions.TryParse(TeamsSamples.Parse(submit.ToJsonString()))!.Command);
    }

    [Fact]
    public void InvokeResponseCard_UpdatedCard_Status200AdaptiveTypeAndValidCard()
    {
        var updated = new TeamsCardModel("CMP-42 已受理 / Acknowledged", [new("By", "Li Na")], []);

        var body = AdaptiveCardInvokeResponse.Card(updated);

        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        TeamsSpecs.AssertValidCard(JsonSerializer.SerializeToElement(body["value"]));
        Assert.Equal(AdaptiveCardBuilder.BuildCard(updated).ToJsonString(), body["value"]!.ToJsonString());
    }

    [Fact]
    public void InvokeResponseCard_CardAlreadyInAnotherTree_IsCopiedNotMoved()
    {
        var card = AdaptiveCardBuilder.BuildCard(AdaptiveCardBuilderTests.Escalation);
        _ = new JsonObject { ["owner"] = card };

        var body = AdaptiveCardInvokeResponse.Card(card);

        Assert.Equal(card.ToJsonString(), body["value"]!.ToJsonString());
    }

    [Fact]
    public void InvokeResponseMessageAndError_DocumentedShapes()
    {
        var message = AdaptiveCardInvokeResponse.Message("已受理");
        var error = AdaptiveCardInvokeResponse.Error(403, "Forbidden", "Only the assignee may acknowledge.");

        Assert.Equal("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"已受理"}""",
            message.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(403, (int?)error["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)error["type"]);
        Assert.Equal("Forbidden", (string?)error["value"]!["code"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => AdaptiveCardInvokeResponse.Error(200, "x", "y"));
    }
}
