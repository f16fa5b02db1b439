using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WealthActors.Bench.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> Read(this HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expectedStatus)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: " +
                $"expected {expectedStatus}, got {(int)response.StatusCode}: {Truncate(body)}");
        }

        return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? JsonValue.Create(0);
    }

    public static async Task<JsonNode> PutOk(this HttpClient http, string url, object body)
    {
        using var response = await http.PutAsJsonAsync(url, body, Web);
        return await response.Read(200);
    }

    public static async Task<JsonNode> PostExpect(this HttpClient http, string url, object body, int status)
    {
        using var response = await http.PostAsJsonAsync(url, body, Web);
        return await response.Read(status);
    }

    public static async Task<JsonNode> GetOk(this HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return await response.Read(200);
    }

    public static string Str(this JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new InvalidDataException($"'{name}' missing in {Truncate(node.ToJsonString())}");

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
