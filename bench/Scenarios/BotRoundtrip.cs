using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using WealthActors.Bench.Infrastructure;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// Chat users send WeCom messages the way WeCom delivers them (AES-encrypted, signed callback); the Silo answers each
/// with an encrypted passive reply, which the driver verifies and decrypts. Latency is the whole round trip. The
/// scenario first asks the started Silo whether it serves the callback at all.
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

        var millis = new List<double>();
        var failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromMinutes(5);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
        {
            var local = new List<double>();
            for (var m = 0; m < messagesPerUser && clock.Elapsed < limit; m++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await Send(http, crypto, $"wu{u:0000}", m % 2 == 0 ? "我的待办" : "help", u * 1000 + m);
                    var body = await response.Content.ReadAsStringAsync();
                    var reply = Decrypt(crypto, body);
                    local.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode || reply.Length == 0)
                    {
                        throw new InvalidDataException($"{(int)response.StatusCode}, reply '{reply}'");
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, ex.Message, null);
                }
            }

            lock (millis)
            {
                millis.AddRange(local);
            }
        }));

        var sorted = Stats.Sorted(millis);
        Out.Detail($"round trips: {Stats.Describe(millis)}; {failures} failed{(firstFailure is null ? "" : $" (first: {firstFailure})")}");
        Out.Summary(Name, ("users", users), ("p50_ms", Stats.F0(Stats.Percentile(sorted, 50))), ("p99_ms", Stats.F0(Stats.Percentile(sorted, 99))));
        return 0;
    }

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
