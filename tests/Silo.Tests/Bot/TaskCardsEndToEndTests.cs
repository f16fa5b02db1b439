using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Bot;

/// <summary>
/// A care task as it reaches a person's chat: a birthday rule's task arrives as a WeCom template card and as a Teams
/// card with 完成 and 延后, and a click on 完成 completes the task as the person who clicked.
/// </summary>
[Collection(BotSiloCollection.Name)]
public sealed class TaskCardsEndToEndTests(BotSiloFixture silo)
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ApiFactory Api => silo.Api;

    [Fact]
    public async Task CareTask_ArrivesAsAWeComCard_AndTheDoneButtonCompletesItAsTheClicker()
    {
        var seed = await BotSeed.Create(Api);
        var taskId = await BirthdayTask(seed);

        var sent = await Wait(() => silo.WeCom.Calls.FirstOrDefault(c => c.Api == "message/send" && (string?)c.Body["touser"] == seed.AdvisorWeCom
            && (string?)c.Body["msgtype"] == "template_card"
            && c.Body["template_card"]!["button_list"]!.AsArray().Any(b => ((string?)b!["key"])?.Contains(taskId, StringComparison.Ordinal) == true)), "the task card");
        var card = sent.Body["template_card"]!;
        Assert.Equal(["完成", "延后"], card["button_list"]!.AsArray().Select(b => (string)b!["text"]!));
        Assert.Equal($"完成 {taskId} 已跟进", (string?)card["button_list"]![0]!["key"]);
        Assert.Equal($"延后 {taskId} 1天", (string?)card["button_list"]![1]!["key"]);
        var responseCode = silo.WeCom.ResponseCodeOf(sent);

        var now = DateTimeOffset.UtcNow;
        var click = WeComCallbackRequests.Sign(WeComCallbackRequests.CardClickXml(
            seed.AdvisorWeCom, (string)card["button_list"]![0]!["key"]!, (string)card["task_id"]!, responseCode, now), now);
        var response = await Api.As(null).PostAsync($"/api/wecom/callback?{click.Query}", new StringContent(click.Body, Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await Wait(() => silo.WeCom.Calls.FirstOrDefault(c => c.Api == "message/update_template_card" && (string?)c.Body["response_code"] == responseCode), "the card update");
        Assert.Equal("已完成 · 陈顾问", (string?)update.Body["template_card"]!["replace_text"]);
        await AssertDoneBy(taskId, seed.Advisor, "已跟进");
    }

    [Fact]
    public async Task CareTask_ArrivesAsATeamsCard_AndTheDoneButtonCompletesItAsTheClicker()
    {
        var seed = await BotSeed.Create(Api, teams: true);
        var advisor = new TeamsUser(seed.AdvisorTeams, "Chen", silo.Connector.ServiceUrl);
        // The advisor has written once, so the bot knows the tenant and this chat.
        Assert.Equal(HttpStatusCode.OK, (await Post(advisor.Message("帮助"))).StatusCode);
        var taskId = await BirthdayTask(seed);

        var push = await Wait(() => silo.Connector.Calls.FirstOrDefault(c => c.Method == "POST" && c.RawTarget.EndsWith("/activities", StringComparison.Ordinal)
            && JsonNode.Parse(c.Body)!.ToJsonString(Readable).Contains($"完成 {taskId}", StringComparison.Ordinal)), "the task card");
        var card = Assert.Single(TeamsConnectorChecks.Cards(JsonDocument.Parse(push.Body).RootElement));
        var actions = card.GetProperty("actions").EnumerateArray().ToArray();
        Assert.Equal(["完成 Done", "延后 Snooze"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.Equal([$"完成 {taskId} 已跟进", $"延后 {taskId} 1天"], actions.Select(a => a.GetProperty("verb").GetString()));

        var done = actions[0];
        var response = await Post(advisor.Execute(done.GetProperty("verb").GetString()!, JsonNode.Parse(done.GetProperty("data").GetRawText())!));

        var answer = await response.Json(HttpStatusCode.OK);
        Assert.Equal(200, (int)answer["statusCode"]!);
        var updated = JsonDocument.Parse(answer["value"]!.ToJsonString()).RootElement;
        TeamsSpecs.AssertValidCard(updated);
        Assert.Contains("已完成", JsonSerializer.Serialize(updated, Readable));
        await AssertDoneBy(taskId, seed.Advisor, "已跟进");
    }

    /// <summary>A high-net-worth client of the seed whose birthday is three days off, and the birthday rule run: its task's id.</summary>
    private async Task<string> BirthdayTask(BotSeed seed)
    {
        var client = $"{seed.Prefix}-C9";
        var birthday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).AddDays(3));
        await (await Api.As("System").PutJson($"/api/clients/{client}", new
        {
            name = $"生日{seed.Prefix}", birthday = new DateOnly(1970, birthday.Month, Math.Min(birthday.Day, 28)).ToString("yyyy-MM-dd"),
            branchId = seed.Branch, advisorId = seed.Advisor,
        })).Json(HttpStatusCode.OK);
        await (await Api.As("System").PostJson($"/api/clients/{client}/holdings", new
        {
            productCode = "WM-1", productName = "Fund", productRisk = "R2", amount = 8_000_000m,
        })).Json(HttpStatusCode.OK);
        await (await Api.As("Admin").PostAsync("/api/admin/jobs/care-birthday/run", null)).Json(HttpStatusCode.OK);

        var tasks = await (await Api.As("Manager").GetAsync($"/api/employees/{seed.Advisor}/tasks?status=Open")).Json(HttpStatusCode.OK);
        // The holding also made the client's onboarding checklist: the birthday's task is the Care one.
        var task = Assert.Single(tasks.AsArray(), t => t!.Str("clientId") == client && t.Str("kind") == "Care")!;
        Assert.Equal("Care", task.Str("kind"));
        return task.Str("taskId");
    }

    private async Task AssertDoneBy(string taskId, string employeeId, string outcome)
    {
        var task = await (await Api.As("Manager").GetAsync($"/api/tasks/{taskId}")).Json(HttpStatusCode.OK);
        Assert.Equal("Done", task.Str("status"));
        Assert.Equal(outcome, task.Str("outcome"));
        Assert.Equal(employeeId, task["timeline"]!.AsArray().Single(t => t!.Str("kind") == "Done")!.Str("by"));
    }

    private async Task<HttpResponseMessage> Post(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", silo.TeamsToken());
        return await Api.As(null).SendAsync(request);
    }

    private static async Task<T> Wait<T>(Func<T?> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
