using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

public sealed class BotConfigurationTests
{
    [Theory]
    [InlineData("WeCom:EncodingAesKey", "too-short")]
    [InlineData("WeCom:AgentId", "0")]
    [InlineData("WeCom:Token", "has spaces and is far too long for WeCom")]
    [InlineData("WeCom:ApiBaseUrl", "not a url")]
    [InlineData("WeCom:Delivery:PerUserPerMinute", "1000")]
    [InlineData("Bot:PassiveReplyBudget", "00:00:10")]
    public async Task Start_MalformedSetting_FailsNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = "ww1436e0e65a779aee",
            ["WeCom:AgentId"] = "1000002",
            ["WeCom:Secret"] = "secret",
            ["WeCom:Token"] = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
            ["WeCom:EncodingAesKey"] = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
            [key] = value,
        };
        await using var api = ApiFactory.With(settings);

        var failure = Record.Exception(() => api.As(null));

        Assert.NotNull(failure);
        Assert.Contains(key, Flatten(failure));
    }

    [Fact]
    public async Task Start_WeComSettingsWithoutCorpId_FailsNamingCorpId()
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?> { ["WeCom:Token"] = "abc", ["WeCom:Secret"] = "s" });

        var failure = Record.Exception(() => api.As(null));

        Assert.Contains("WeCom:CorpId", Flatten(failure!));
    }

    [Theory]
    [InlineData("Teams:AppId", "the-app-password-by-mistake")]
    [InlineData("Teams:Delivery:MaxAttempts", "0")]
    public async Task Start_MalformedTeamsSetting_FailsNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "8e1c2a50-2f0e-4b7a-9d3c-1f2e3d4c5b6a",
            ["Teams:AppPassword"] = "secret",
            [key] = value,
        };
        await using var api = ApiFactory.With(settings);

        var failure = Record.Exception(() => api.As(null));

        Assert.NotNull(failure);
        Assert.Contains(key, Flatten(failure));
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}

[Collection(ApiCollection.Name)]
public sealed class BotRoutesWithoutWeComTests(ApiFactory api)
{
    [Fact]
    public async Task Callback_WeComNotConfigured_IsNotMapped()
    {
        var response = await api.As(null).PostAsync("/api/wecom/callback?msg_signature=x&timestamp=1&nonce=1", new StringContent("<xml/>"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Messages_TeamsNotConfigured_IsNotMapped()
    {
        var response = await api.As(null).PostAsync("/api/messages", new StringContent("""{ "type": "message" }"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WebChat_WithoutWeCom_StillAnswers()
    {
        var admin = api.As("Admin");
        await (await admin.PutJson("/api/branches/NW-B", new { name = "No WeCom", headEmployeeId = "NW-E1" })).Json(HttpStatusCode.OK);
        await (await admin.PutJson("/api/employees/NW-E1", new { name = "陈顾问", role = "Advisor", branchId = "NW-B" })).Json(HttpStatusCode.OK);

        var reply = await (await (await api.AsPerson("NW-E1")).PostJson("/api/webchat/messages", new { text = "help" })).Json(HttpStatusCode.OK);

        Assert.Equal("Info", reply.Str("outcome"));
    }
}
