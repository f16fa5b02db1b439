using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using WealthActors.Bench.Infrastructure;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Testing;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// Chat users send WeCom messages the way WeCom delivers them (AES-encrypted, signed callback); the Silo answers each
/// with an encrypted passive reply, which the driver verifies, decrypts and checks (a text message addressed to the
/// sender). Latency is the whole round trip. Each user is a person at a phone: after a reply they pause (the think
/// time, 0.5–1.5 s by default) before the next message, so 200 users offer about 200 messages a second; with
/// <c>--think 0</c> every user sends back to back and the run measures saturation instead. One message per user
/// first warms the silo up (JIT, activations) and is not counted. The scenario first asks the started Silo whether
/// it serves the callback at all.
/// </summary>
public static class BotRoundtrip
{
    private const string Name = "bot-roundtrip";
    private const string CallbackPath = "/api/wecom/callback";
    private const string Token = "benchToken";
    private const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wwbenchcorp0000001";

    public static async Task<int> Run(BenchArgs args)
    {
        var users = args.Int("users", 200, 200);
        var messagesPerUser = args.Int("messages", 50, 10);
        var thinkMillis = args.Int("think", 1000, 1000);
        var crypto = new WeComCrypto(Token, AesKey, CorpId);

        using var temp = new TempDirectory();
        await using var silo = await ChildSilo.StartSilo(temp.File("wealthactors.db"), new Dictionary<string, string>
        {
            ["WeCom__CorpId"] = CorpId,
            ["WeCom__AgentId"] = "1000002",
            ["WeCom__Secret"] = "bench-secret",
            ["WeCom__Token"] = Token,
            ["WeCom__EncodingAesKey"] = AesKey,
            // Nothing listens there: a passive reply needs no call out, and an attempt fails fast on loopback.
            ["WeCom__ApiBaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        using var http = silo.Http(TimeSpan.FromSeconds(30));

        using (var probe = await Send(http, crypto, "bench-probe", "help", 0))
        {
            if (probe.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                Out.Detail($"POST {CallbackPath} answered {(int)probe.StatusCode}: the Silo does not serve the WeCom callback yet");
                return Out.NotAvailable(Name, "needs-the-WeCom-callback-endpoint", ("users", users));
            }
        }

        await Org.Branches(http, 1);
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (u, _) =>
            await http.PutOk($"/api/employees/WU{u:0000}", new { name = $"User {u}", role = "Advisor", branchId = Org.Branch(0), managerId = Org.Head(0), wecomUserId = $"wu{u:0000}" }));

        var warmup = await Users(http, crypto, users, 1, thinkMillis, firstMessage: 0);
        Out.Detail($"warm-up, one message per user: {Stats.Describe(warmup.Millis)}; {warmup.Failures} failed");
        var cpuBefore = silo.CpuTime();
        var run = await Users(http, crypto, users, messagesPerUser, thinkMillis, firstMessage: 1);
        var cpuPerMessage = (silo.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, run.Millis.Count);
        var millis = run.Millis;
        var sorted = Stats.Sorted(millis);
        Out.Detail($"{users} users, {messagesPerUser} messages each, think time {(thinkMillis == 0 ? "none (saturation)" : $"{thinkMillis / 2}-{thinkMillis * 3 / 2} ms")}: " +
                   $"{millis.Count / run.Elapsed.TotalSeconds:0} messages/s; silo CPU {cpuPerMessage:0.00} ms per message (independent of how busy the machine is)");
        Out.Detail($"round trips: {Stats.Describe(millis)}; {run.Failures} failed{(run.FirstFailure is null ? "" : $" (first: {run.FirstFailure})")}");
        Out.Detail($"silo resident memory: {silo.WorkingSetBytes() / (1024 * 1024)} MiB");
        Out.Summary(Name, ("users", users), ("p50_ms", Stats.F0(Stats.Percentile(sorted, 50))), ("p99_ms", Stats.F0(Stats.Percentile(sorted, 99))),
            ("failed", run.Failures));
        return 0;
    }

    private static async Task<UsersResult> Users(HttpClient http, WeComCrypto crypto, int users, int messages, int thinkMillis, int firstMessage)
    {
        var millis = new List<double>();
        var failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromMinutes(5);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
        {
            var local = new List<double>();
            var random = new Random(u);
            // Users do not start in step: each begins somewhere within one think time.
            await Task.Delay(random.Next(0, thinkMillis + 1));
            for (var m = firstMessage; m < firstMessage + messages && clock.Elapsed < limit; m++)
            {
                var user = $"wu{u:0000}";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await Send(http, crypto, user, m % 2 == 0 ? "我的待办" : "help", u * 1000 + m);
                    var body = await response.Content.ReadAsStringAsync();
                    var reply = Decrypt(crypto, body);
                    local.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    CheckReply(response, reply, user);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, ex.Message, null);
                }

                if (thinkMillis > 0)
                {
                    await Task.Delay(random.Next(thinkMillis / 2, thinkMillis * 3 / 2 + 1));
                }
            }

            lock (millis)
            {
                millis.AddRange(local);
            }
        }));
        return new UsersResult(millis, failures, firstFailure, clock.Elapsed);
    }

    /// <summary>A passive reply is a text message from the app to the user who wrote, with something to read.</summary>
    private static void CheckReply(HttpResponseMessage response, string reply, string user)
    {
        if (!response.IsSuccessStatusCode || reply.Length == 0)
        {
            throw new InvalidDataException($"{(int)response.StatusCode}, reply '{reply}'");
        }

        var xml = System.Xml.Linq.XElement.Parse(reply);
        if ((string?)xml.Element("ToUserName") != user || (string?)xml.Element("MsgType") != "text" || string.IsNullOrWhiteSpace((string?)xml.Element("Content")))
        {
            throw new InvalidDataException($"unexpected reply to {user}: {reply}");
        }
    }

    private sealed record UsersResult(List<double> Millis, int Failures, string? FirstFailure, TimeSpan Elapsed);

    private static Task<HttpResponseMessage> Send(HttpClient http, WeComCrypto crypto, string user, string text, long messageId)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        var message =
            $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>" +
            $"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content>" +
            $"<MsgId>{7_000_000_000_000_000 + messageId + Random.Shared.Next(0, 1_000_000) * 100_000L}</MsgId><AgentID>1000002</AgentID></xml>";
        var encrypt = crypto.Encrypt(message);
        var signature = crypto.Signature(timestamp, nonce, encrypt);
        var body = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return http.PostAsync(
            $"{CallbackPath}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}",
            new StringContent(body, Encoding.UTF8, "text/xml"));
    }

    /// <summary>The passive reply: an envelope whose signature must check out and whose plaintext is the reply message.</summary>
    private static string Decrypt(WeComCrypto crypto, string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body == "success")
        {
            return "";
        }

        var xml = System.Xml.Linq.XElement.Parse(body);
        var encrypt = (string?)xml.Element("Encrypt") ?? "";
        var signature = (string?)xml.Element("MsgSignature");
        var timestamp = (string?)xml.Element("TimeStamp") ?? "";
        var nonce = (string?)xml.Element("Nonce") ?? "";
        return crypto.VerifySignature(signature, timestamp, nonce, encrypt) ? crypto.Decrypt(encrypt) : throw new InvalidDataException("bad reply signature");
    }
}
