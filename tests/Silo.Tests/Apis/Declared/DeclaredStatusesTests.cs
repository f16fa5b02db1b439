using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis.Declared;

/// <summary>
/// The OpenAPI document tells the truth about statuses: every answer the tests saw is declared by its operation, and
/// every operation declares a success, its problems as problem details, and its 400 or 404 where it takes a body or a record.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DeclaredStatusesTests(ApiFactory api)
{
    [Fact]
    public async Task OpenApiDocument_EveryOperation_DeclaresSuccessAndProblems()
    {
        var document = await (await api.As(null).GetAsync("/openapi/v1.json")).Json(HttpStatusCode.OK);

        var findings = OpenApiStatusRules.Check(document);

        Assert.True(document["paths"]!.AsObject().Count > 50, "The document lists the API's operations.");
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public async Task AnswersSoFar_AllDeclared()
    {
        // Answers of every kind on this Silo: a success, a 401, a 403, a 404 and an unreadable body.
        await api.As("Admin").GetAsync("/api/sla-policies");
        await api.As(null).GetAsync("/api/sla-policies");
        await api.As("Compliance").PostAsync("/api/complaints", null);
        await api.As("Admin").GetAsync("/api/complaints/CMP-NONE");
        await api.As("Admin").PostRaw("/api/complaints", "{");

        api.Services.GetRequiredService<UndeclaredStatuses>().AssertNone();
    }

    [Fact]
    public void Checker_UndeclaredStatus_IsReported()
    {
        var declared = new DeclaredStatuses([("GET", "api/things/{thingId}", [200, 404])]);

        Assert.Null(declared.Undeclared("GET", "/api/things/{thingId}", 404));
        Assert.Equal("GET /api/things/{thingId} answered 409; the document declares 200, 404",
            declared.Undeclared("get", "/api/things/{thingId:int}/", 409));
        Assert.Null(declared.Undeclared("GET", "/health", 500));
    }

    [Fact]
    public void Recorder_WithFinding_FailsItsCheck()
    {
        var found = new UndeclaredStatuses();
        found.AssertNone();

        found.Record("GET /api/things/{thingId} answered 409; the document declares 200, 404");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(found.AssertNone);
    }

    [Fact]
    public void Rules_OperationsThatSayTooLittle_AreReported()
    {
        var problem = JsonNode.Parse("""{ "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } }""");
        var document = new JsonObject
        {
            ["paths"] = new JsonObject
            {
                ["/api/things/{thingId}"] = new JsonObject
                {
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "thingId", ["in"] = "path" }),
                    ["get"] = new JsonObject { ["responses"] = new JsonObject { ["200"] = new JsonObject(), ["404"] = problem!.DeepClone() } },
                    ["put"] = new JsonObject
                    {
                        ["requestBody"] = new JsonObject(),
                        ["responses"] = new JsonObject { ["409"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject() } } },
                    },
                },
            },
        };

        var findings = OpenApiStatusRules.Check(document);

        Assert.Equal(
            [
                "PUT /api/things/{thingId}: declares no success (2xx)",
                "PUT /api/things/{thingId}: 409 is not a problem detail (application/problem+json with the problem-details schema)",
                "PUT /api/things/{thingId}: takes a body but declares no 400",
                "PUT /api/things/{thingId}: names a record in its path but declares neither 400 nor 404",
            ],
            findings);
    }
}
