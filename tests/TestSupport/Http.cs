using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WealthActors.Testing;

public static class Http
{
    public static async Task<JsonNode> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? JsonValue.Create(0);
    }

    /// <summary>Asserts a problem detail with the given status that names <paramref name="field"/> among its errors.</summary>
    public static async Task<JsonNode> Problem(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json(expected);
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field), $"Expected errors to name '{field}': {problem.ToJsonString()}");
        }

        return problem;
    }

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutRaw(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static string Str(this JsonNode? node, string property) => node![property]!.GetValue<string>();

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
