using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Bot.Channels.Chat;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>WeCom as it reaches the Silo: signed, encrypted callbacks over HTTP, and pushes out to the WeCom API.</summary>
[Collection(BotSiloCollection.Name)]
public sealed class WeComEndToEndTests(BotSiloFixture silo)
{
    private const string Callback = "/api/wecom/callback";

    private ApiFactory Api => silo.Api;

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<HttpResponseMessage> Post(WeComSignedCallback callback, string? signature = null)
    {
        var client = Api.As(null);
        var query = signature is null ? callback.Query : $"msg_signature={signature}&timestamp={callback.Timestamp}&nonce={callback.Nonce}";
        return await client.PostAsync($"{Callback}?{query}", new StringContent(callback.Body, Encoding.UTF8, "application/xml"));
    }

    private async Task<JsonNode> Complaint(string id) =>
        await (await Api.As("Manager").GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);

    private async Task<FakeWeComCall> WaitForWeCom(Func<FakeWeComCall, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (silo.WeCom.Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static bool CardTo(FakeWeComCall call, string userId, string complaintId) =>
        call.Api == "message/send" && (string?)call.Body["touser"] == userId && (string?)call.Body["msgtype"] == "template_card"
        && call.Body["template_card"]!["button_list"]!.AsArray().Any(b => ((string?)b!["key"])?.EndsWith(complaintId, StringComparison.Ordinal) == true);

    [Fact]
    public async Task Get_UrlVerification_ReturnsTheBareDecryptedEchostr()
    {
        var echostr = WeComCallbackRequests.Crypto.Encrypt("5927782489442352469");
        var timestamp = Now.ToUnixTimeSeconds().ToString();
        var signature = WeComCallbackRequests.Crypto.Signature(timestamp, "1372623149", echostr);

        var response = await Api.As(null).GetAsync(
            $"{Callback}?msg_signature={signature}&timestamp={timestamp}&nonce=1372623149&echostr={Uri.EscapeDataString(echostr)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5927782489442352469", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_MessageFromMappedUser_GetsAnEncryptedPassiveReplyWithTheQueue()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);

        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(seed.AdvisorWeCom, "我的待办", NewMsgId(), Now), Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = WeComCallbackRequests.ReadReply(await response.Content.ReadAsStringAsync());
        Assert.Equal("text", reply.MsgType);
        Assert.Equal(seed.AdvisorWeCom, reply.ToUserName);
        Assert.Contains("您有 1 件待办投诉", reply.Content);
        Assert.Contains(id, reply.Content);
    }

    [Fact]
    public async Task Conversation_LookUpOpenAndAcknowledge_WorksThroughTheCallback()
    {
        var seed = await BotSeed.Create(Api);

        var lookup = await Say(seed.AdvisorWeCom, $"客户 {seed.ClientName}");
        Assert.Contains(seed.ClientName, lookup);
        Assert.Contains("139****5678", lookup);
        Assert.DoesNotContain("13912345678", lookup);

        var opened = await Say(seed.AdvisorWeCom, $"投诉 {seed.Client} 高 转账延迟三天");
        var id = System.Text.RegularExpressions.Regex.Match(opened, @"CMP-\d{8}-[0-9A-F]+").Value;
        Assert.NotEmpty(id);
        Assert.Equal("Open", (await Complaint(id)).Str("status"));

        await Say(seed.AdvisorWeCom, $"受理 {id}");

        var complaint = await Complaint(id);
        Assert.Equal("Acknowledged", complaint.Str("status"));
        Assert.Contains(complaint["timeline"]!.AsArray(), t => t!.Str("kind") == "Acknowledged" && t.Str("by") == seed.Advisor);
    }

    /// <summary>
    /// Sends a text as WeCom would and returns the bot's answer, whether it came back passively in the callback
    /// response or, for a slower command, through message/send.
    /// </summary>
    private async Task<string> Say(string weComUser, string text)
    {
        var sendsBefore = silo.WeCom.Calls.Count;
        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml(weComUser, text, NewMsgId(), Now), Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length > 0)
        {
            return WeComCallbackRequests.ReadReply(body).Content ?? "";
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (silo.WeCom.Calls.Skip(sendsBefore).FirstOrDefault(c => c.Api == "message/send" && (string?)c.Body["touser"] == weComUser) is { } sent)
            {
                // A text answer, or a card whose fields are read as unescaped JSON text.
                return (string?)sent.Body["text"]?["content"]
                    ?? sent.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for the answer to '{text}'");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Post_ReplayedMsgId_IsProcessedOnce()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);
        var xml = WeComCallbackRequests.TextXml(seed.AdvisorWeCom, $"备注 {id} 已致电客户", NewMsgId(), Now);

        var first = await Post(WeComCallbackRequests.Sign(xml, Now));
        var second = await Post(WeComCallbackRequests.Sign(xml, Now));
        var third = await Post(WeComCallbackRequests.Sign(xml, Now));

        Assert.Contains("已为投诉", WeComCallbackRequests.ReadReply(await first.Content.ReadAsStringAsync()).Content);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var notes = (await Complaint(id))["timeline"]!.AsArray().Where(t => t!.Str("kind") == "Note").ToArray();
        Assert.Single(notes);
        Assert.Equal(seed.Advisor, notes[0]!.Str("by"));
    }

    [Fact]
    public async Task Post_BadSignature_Is4xxAndNothingHappens()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);
        var sendsBefore = silo.WeCom.Calls.Count(c => c.Api == "message/send" && (string?)c.Body["touser"] == seed.AdvisorWeCom);

        var xml = WeComCallbackRequests.TextXml(seed.AdvisorWeCom, $"受理 {id}", NewMsgId(), Now);
        var response = await Post(WeComCallbackRequests.Sign(xml, Now), signature: new string('a', 40));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // Refused before the message was read: the handler never recorded it, so nothing was started for it in the background.
        var key = WeComCallbackHandler.DeliveryKeyPrefix + WeComCallbackXml.ParseMessage(xml).DeduplicationKey;
        Assert.True(await silo.Api.Services.GetRequiredService<IDeliveryDeduplication>().TryRecordFirstAsync(key, DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.Equal("Open", (await Complaint(id)).Str("status"));
        Assert.Equal(sendsBefore, silo.WeCom.Calls.Count(c => c.Api == "message/send" && (string?)c.Body["touser"] == seed.AdvisorWeCom));
    }

    [Fact]
    public async Task Post_OversizedBody_Is413()
    {
        var response = await Api.As(null).PostAsync($"{Callback}?msg_signature=x&timestamp={Now.ToUnixTimeSeconds()}&nonce=1",
            new StringContent("<xml>" + new string('a', 200_000) + "</xml>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Escalation_ForEmployeeWithWeComUser_ArrivesAsATemplateCardAndIsRecorded()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);

        var sent = await WaitForWeCom(c => CardTo(c, seed.TeamLeadWeCom, id), "the escalation card");

        var card = sent.Body["template_card"]!;
        Assert.Equal("button_interaction", (string?)card["card_type"]);
        Assert.Equal(["受理", "转派", "备注"], card["button_list"]!.AsArray().Select(b => (string)b!["text"]!));
        Assert.Equal($"受理 {id}", (string?)card["button_list"]![0]!["key"]);
        Assert.Contains(id, card["horizontal_content_list"]!.ToJsonString());
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonNode escalation;
        do
        {
            await Task.Delay(100);
            var inbox = await (await Api.As("Manager").GetAsync($"/api/employees/{seed.TeamLead}/inbox")).Json(HttpStatusCode.OK);
            escalation = inbox.AsArray().Single(m => m!.Str("key") == $"{id}:1:1")!;
        }
        while (!escalation["deliveredVia"]!.AsArray().Any(v => (string?)v == "wecom") && DateTime.UtcNow < deadline);

        Assert.Equal(["inbox", "wecom"], escalation["deliveredVia"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("Escalation", escalation.Str("kind"));
    }

    [Fact]
    public async Task CardClick_Acknowledge_AcknowledgesAsTheClickerAndUpdatesTheCard()
    {
        var seed = await BotSeed.Create(Api);
        var id = await seed.OpenComplaint(Api);
        var sent = await WaitForWeCom(c => CardTo(c, seed.TeamLeadWeCom, id), "the escalation card");
        var card = sent.Body["template_card"]!;
        var responseCode = silo.WeCom.ResponseCodeOf(sent);

        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.CardClickXml(
            seed.TeamLeadWeCom, (string)card["button_list"]![0]!["key"]!, (string)card["task_id"]!, responseCode, Now), Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await WaitForWeCom(c => c.Api == "message/update_template_card" && (string?)c.Body["response_code"] == responseCode, "the card update");
        Assert.Equal("已受理 · 李经理", (string?)update.Body["template_card"]!["replace_text"]);
        Assert.Equal((string?)card["task_id"], (string?)update.Body["template_card"]!["task_id"]);
        Assert.Equal([seed.TeamLeadWeCom], update.Body["userids"]!.AsArray().Select(u => (string)u!));
        var complaint = await Complaint(id);
        Assert.Equal("Acknowledged", complaint.Str("status"));
        Assert.Equal(seed.TeamLead, complaint["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Acknowledged")!.Str("by"));
    }

    [Fact]
    public async Task Post_FromUnmappedUser_GetsAPoliteRefusal()
    {
        var response = await Post(WeComCallbackRequests.Sign(WeComCallbackRequests.TextXml("stranger-x", "我的待办", NewMsgId(), Now), Now));

        Assert.Contains("尚未与员工档案关联", WeComCallbackRequests.ReadReply(await response.Content.ReadAsStringAsync()).Content);
    }

    private static string NewMsgId() => Random.Shared.NextInt64(1_000_000_000, long.MaxValue).ToString();
}
