using WealthActors.Bot.Channels.Teams;

namespace WealthActors.Bot.Tests.Channels.Teams;

/// <summary>Activities shaped as Teams sends them to a bot (personal chat), with made-up ids.</summary>
public static class TeamsSamples
{
    public const string TenantId = "3c1a9f0e-5b7d-4e2a-9c11-7d0b8e6f4a21";
    public const string UserId = "29:1Xyz-advisor_LiNa";
    public const string UserAadObjectId = "6f1c7c2e-0d3b-4b8a-a1e4-2c9d5e7f8a10";
    public const string BotId = "28:" + BotFrameworkTokens.AppId;
    public const string ConversationId = "a:1AbC_personal-chat+Q/w==";
    public const string ChannelThreadId = "19:3f5e2a9c1b7d4e8f@thread.tacv2;messageid=1772413200000";
    public const string MessageId = "1772413200123";

    public static string Message(string serviceUrl = BotFrameworkTokens.ServiceUrl, string text = "ack CMP-42") => $$"""
        {
          "text": "{{text}}",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-03-02T01:00:00.123Z",
          "localTimestamp": "2026-03-02T09:00:00.123+08:00",
          "id": "{{MessageId}}",
          "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}",
          "from": { "id": "{{UserId}}", "name": "Li Na", "aadObjectId": "{{UserAadObjectId}}" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TenantId}}", "id": "{{ConversationId}}" },
          "recipient": { "id": "{{BotId}}", "name": "WealthActors" },
          "entities": [ { "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai", "type": "clientInfo" } ],
          "channelData": { "tenant": { "id": "{{TenantId}}" }, "clientActivityId": "1772413200120.42" },
          "locale": "zh-CN",
          "localTimezone": "Asia/Shanghai"
        }
        """;

    public static string ExecuteInvoke(string verb = "ack CMP-42", string? dataJson = null) => $$"""
        {
          "name": "adaptiveCard/action",
          "type": "invoke",
          "id": "f:4217781830041938101",
          "timestamp": "2026-03-02T01:05:00.000Z",
          "channelId": "msteams",
          "serviceUrl": "{{BotFrameworkTokens.ServiceUrl}}",
          "from": { "id": "{{UserId}}", "name": "Li Na", "aadObjectId": "{{UserAadObjectId}}" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TenantId}}", "id": "{{ConversationId}}" },
          "recipient": { "id": "{{BotId}}", "name": "WealthActors" },
          "replyToId": "1772413200999",
          "value": {
            "action": { "type": "Action.Execute", "id": "b1", "verb": "{{verb}}", "data": {{dataJson ?? $$"""{ "command": "{{verb}}" }"""}} },
            "trigger": "manual"
          },
          "channelData": { "tenant": { "id": "{{TenantId}}" }, "source": { "name": "message" }, "legacy": { "replyToId": "1:1X" } },
          "locale": "zh-CN"
        }
        """;

    public static string SubmitMessage(string command = "ack CMP-42") => $$"""
        {
          "type": "message",
          "id": "1772413201000",
          "timestamp": "2026-03-02T01:06:00.000Z",
          "channelId": "msteams",
          "serviceUrl": "{{BotFrameworkTokens.ServiceUrl}}",
          "from": { "id": "{{UserId}}", "name": "Li Na", "aadObjectId": "{{UserAadObjectId}}" },
          "conversation": { "conversationType": "personal", "tenantId": "{{TenantId}}", "id": "{{ConversationId}}" },
          "recipient": { "id": "{{BotId}}", "name": "WealthActors" },
          "replyToId": "1772413200999",
          "value": { "command": "{{command}}" },
          "channelData": { "tenant": { "id": "{{TenantId}}" }, "source": { "name": "message" } }
        }
        """;

    public static BotActivity Parse(string json) => BotFrameworkJson.ParseActivity(json) ?? throw new InvalidDataException("null activity");
}
