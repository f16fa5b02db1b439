using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Security;

/// <summary>The published OpenAPI document says how a caller authenticates, for every operation that needs one.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiSecurityTests(ApiFactory api)
{
    [Fact]
    public async Task Document_DeclaresTheApiKeyHeaderAndBearerJwtSchemes()
    {
        var document = await (await api.As(null).GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);
        var schemes = document["components"]!["securitySchemes"]!;

        Assert.Equal("apiKey", schemes["ApiKey"]!.Str("type"));
        Assert.Equal("header", schemes["ApiKey"]!.Str("in"));
        Assert.Equal("X-Api-Key", schemes["ApiKey"]!.Str("name"));
        Assert.Equal("http", schemes["Bearer"]!.Str("type"));
        Assert.Equal("bearer", schemes["Bearer"]!.Str("scheme"));
        Assert.Equal("JWT", schemes["Bearer"]!.Str("bearerFormat"));
    }

    [Fact]
    public async Task Document_EveryApiOperation_RequiresTheKeyOrABearerToken()
    {
        var document = await (await api.As(null).GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);
        var operations = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key.ToUpperInvariant()} {p.Key}", Operation: o.Value!)))
            .ToArray();

        Assert.True(operations.Length >= 20, $"only {operations.Length} operations under /api");
        foreach (var (name, operation) in operations)
        {
            var alternatives = operation["security"]?.AsArray().Select(r => string.Join('+', r!.AsObject().Select(s => s.Key))).ToArray() ?? [];
            Assert.True(alternatives.SequenceEqual(["ApiKey", "Bearer"]), $"{name}: security is [{string.Join(", ", alternatives)}]");
        }
    }
}
