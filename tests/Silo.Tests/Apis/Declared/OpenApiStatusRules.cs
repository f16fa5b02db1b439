using System.Text.Json.Nodes;

namespace WealthActors.Silo.Tests.Apis.Declared;

/// <summary>
/// What every operation of the OpenAPI document must say about its answers: at least one success; every 4xx and 5xx
/// as a problem detail (<c>application/problem+json</c>, the problem-details schema); a 400 where it takes a body; a 400
/// or 404 where its path names a record (an identifier that is not valid, or names nothing this caller may see).
/// </summary>
public static class OpenApiStatusRules
{
    private static readonly string[] ProblemSchemas = ["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"];

    /// <summary>One sentence per broken rule, naming the operation.</summary>
    public static IReadOnlyList<string> Check(JsonNode document)
    {
        var findings = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(m => m.Key != "parameters"))
            {
                findings.AddRange(CheckOperation($"{method.ToUpperInvariant()} {path}", operation!, item["parameters"]));
            }
        }

        return findings;
    }

    private static IEnumerable<string> CheckOperation(string name, JsonNode operation, JsonNode? pathParameters)
    {
        var responses = operation["responses"]?.AsObject() ?? [];
        var statuses = responses.Select(r => r.Key).ToList();
        if (!statuses.Any(s => s.StartsWith('2')))
        {
            yield return $"{name}: declares no success (2xx)";
        }

        foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
        {
            var schema = response?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
            if (!ProblemSchemas.Contains(schema))
            {
                yield return $"{name}: {status} is not a problem detail (application/problem+json with the problem-details schema)";
            }
        }

        if (operation["requestBody"] is not null && !statuses.Contains("400"))
        {
            yield return $"{name}: takes a body but declares no 400";
        }

        var parameters = (operation["parameters"]?.AsArray() ?? []).Concat(pathParameters?.AsArray() ?? []);
        if (parameters.Any(p => p?["in"]?.GetValue<string>() == "path") && !statuses.Contains("404") && !statuses.Contains("400"))
        {
            yield return $"{name}: names a record in its path but declares neither 400 nor 404";
        }
    }
}
