using System.Net;
using System.Text.Json.Nodes;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Audit;

/// <summary>Reads the audit trail as compliance does, through <c>GET /api/audit</c>.</summary>
internal static class AuditReader
{
    public static async Task<(List<JsonNode> Entries, string? Next)> Page(ApiFactory api, string query)
    {
        var page = await (await api.As("Compliance").GetAsync($"/api/audit?{query}")).Json(HttpStatusCode.OK);
        return ([.. page["entries"]!.AsArray().Select(e => e!)], page["next"]?.GetValue<string>());
    }

    /// <summary>The entries of one target, newest first.</summary>
    public static async Task<List<JsonNode>> Of(ApiFactory api, string targetType, string targetId) =>
        (await Page(api, $"targetType={targetType}&targetId={Uri.EscapeDataString(targetId)}&limit=1000")).Entries;
}
