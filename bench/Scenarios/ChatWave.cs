using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using WealthActors.Bench.Infrastructure;
using WealthActors.Testing.WeCom;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// A wave of escalations reaching chat: the real Silo with WeCom switched on and pointed at the fake WeCom server
/// (started here, discarding what exceeds 30 messages a minute per member as WeCom does, answering every call after
/// 50 ms), VIP complaints whose one escalation step goes to their branch head, with deadlines spread over a short
/// window, so each head is sent about a hundred escalations within a minute. Each escalation's time to chat is when
/// the fake server first took a message naming its complaint for that head (its own card or a summary) minus the
/// deadline the open call returned; dropped counts escalations that no message the fake server took names.
/// </summary>
public static partial class ChatWave
{
    private const string Name = "chat-wave";

    public static async Task<int> Run(BenchArgs args)
    {
        var n = args.Int("n", 1000, 200);
        var recipients = args.Int("recipients", 10, 10);
        var plan = new EscalationLateness.LatenessPlan(
            N: n,
            Branches: recipients,
            Spread: TimeSpan.FromSeconds(args.Seconds("spread", 60, 20)),
            Lead: TimeSpan.FromSeconds(args.Seconds("lead", 30, 20)),
            Concurrency: args.Int("concurrency", 16, 16),
            Grace: TimeSpan.FromSeconds(args.Seconds("grace", 180, 120)));
        var clientCount = Math.Max(recipients, Math.Min(n / 5, 200));

        await using var wecom = await FakeWeComServer.StartAsync();
        wecom.AnswerDelay = TimeSpan.FromMilliseconds(args.Int("answer-ms", 50, 50));
        Out.Detail($"plan: escalations={n} recipients={recipients} clients={clientCount} lead={plan.Lead.TotalSeconds}s spread={plan.Spread.TotalSeconds}s; " +
                   $"fake WeCom: {wecom.PerMemberPerMinute} messages a minute per member, answers after {wecom.AnswerDelay.TotalMilliseconds:0} ms");

        using var temp = new TempDirectory();
        await using var silo = await ChildSilo.StartSilo(temp.File("wealthactors.db"), new Dictionary<string, string>
        {
            ["WeCom__CorpId"] = FakeWeComServer.CorpId,
            ["WeCom__AgentId"] = FakeWeComServer.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WeCom__Secret"] = FakeWeComServer.Secret,
            // Callbacks are not part of the run; the channel is switched on only with them configured.
            ["WeCom__Token"] = "benchToken",
            ["WeCom__EncodingAesKey"] = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
            ["WeCom__ApiBaseUrl"] = wecom.BaseAddress.ToString(),
        });
        using var http = silo.Http();

        await Org.Branches(http, recipients);
        await Parallel.ForEachAsync(Enumerable.Range(0, recipients), async (i, _) =>
            await http.PutOk($"/api/employees/{Org.Head(i)}", new { name = $"行长 Head {i}", role = "BranchHead", branchId = Org.Branch(i), wecomUserId = Member(i) }));
        await Org.Clients(http, "V", clientCount, recipients, vip: true);
        await EscalationLateness.PutPolicies(http, plan);

        var opening = await EscalationLateness.Open(http, plan, clientCount);
        Out.Detail($"open: {opening.Opened.Count} opened, {opening.Failed} failed in {opening.Elapsed.TotalSeconds:0.0}s; " +
                   $"deadlines from +{opening.FirstDue.TotalSeconds:0}s to +{opening.LastDue.TotalSeconds:0}s after the first open");
        Out.Detail($"deadlines per second of the window: {EscalationLateness.DeadlineDensity(opening.Opened.Select(o => o.Due))}");

        var expected = opening.Opened.ToDictionary(o => o.ComplaintId, o => o.Due, StringComparer.Ordinal);
        var lastDue = expected.Count == 0 ? DateTimeOffset.UtcNow : expected.Values.Max();
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var read = 0;
        while (true)
        {
            var delivered = wecom.Delivered;
            for (; read < delivered.Count; read++)
            {
                foreach (Match match in ComplaintId().Matches(Body(delivered[read].Call)))
                {
                    seen.TryAdd(match.Value, delivered[read].At);
                }
            }

            if (expected.Keys.All(seen.ContainsKey) || DateTimeOffset.UtcNow > lastDue + plan.Grace)
            {
                break;
            }

            await Task.Delay(250);
        }

        var all = wecom.Delivered;
        var toChat = expected.Where(e => seen.ContainsKey(e.Key)).Select(e => (seen[e.Key] - e.Value).TotalMilliseconds).ToArray();
        var dropped = expected.Count - toChat.Length + opening.Failed;
        var sorted = Stats.Sorted(toChat);
        var summaries = all.Count(d => (string?)d.Call.Body["msgtype"] == "text");
        var busiest = all.GroupBy(d => d.Member).Max(g => g.Max(d => g.Count(o => o.At >= d.At && o.At < d.At + TimeSpan.FromMinutes(1))));
        Out.Detail($"time to chat (message taken by the fake server - deadline): {Stats.Describe(toChat)}");
        Out.Detail($"messages taken: {all.Count} ({all.Count - summaries} cards of one escalation, {summaries} summaries) for {toChat.Length} escalations; " +
                   $"busiest minute of one member: {busiest} messages; discarded over the limit: {wecom.Discarded.Count}");
        Out.Detail($"escalations in no message taken: {expected.Count - toChat.Length}; failed opens: {opening.Failed}");
        Out.Summary(Name, ("escalations", n), ("recipients", recipients),
            ("p99_to_chat_ms", Stats.F0(Stats.Percentile(sorted, 99))), ("dropped", dropped));
        return 0;
    }

    private static string Member(int i) => $"bh{i:0000}";

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Body(FakeWeComCall call) => call.Body.ToJsonString(Unescaped);

    [GeneratedRegex(@"CMP-\d{8}-[0-9A-F]{10}")]
    private static partial Regex ComplaintId();
}
