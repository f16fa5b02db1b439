using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace WealthActors.Testing.Teams;

/// <summary>
/// The official Bot Framework and Adaptive Cards documents, read from <c>tests/Specs</c>, as JSON Schema validators
/// (JsonSchema.Net 8.0.5).
/// <list type="bullet">
/// <item>The activity schema is draft-07 with only <c>definitions</c>; it is loaded unchanged and an activity is checked
/// against <c>#/definitions/Activity</c> through a one-line <c>$ref</c> schema in the same registry.</item>
/// <item>The Adaptive Card schema is draft-06 (its <c>id</c> is the draft-04 spelling, which draft-06 treats as an
/// unknown keyword, so the base URI is the file's); the library's draft-06 dialect evaluates it as published, and
/// <c>format</c> (uri, uri-reference) is asserted.</item>
/// <item>The Connector swagger is Swagger 2.0, whose schema objects are a subset of draft-04. Every keyword its
/// <c>definitions</c> use (type, properties, items, $ref, enum, format, additionalProperties, x-* extensions) means the
/// same in draft-07, so the definitions are copied verbatim into a draft-07 document and bodies are checked against
/// the operation's body parameter schema; its <c>format</c> values (int32, double, byte) are OpenAPI's, not JSON
/// Schema's, so they stay annotations there.</item>
/// </list>
/// </summary>
public static class TeamsSpecs
{
    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static readonly EvaluationOptions Lenient = new() { OutputFormat = OutputFormat.List };
    private static readonly Lazy<Specs> Loaded = new(Load);

    public static string FilePath(string fileName) => RepositoryFiles.Spec(fileName);

    /// <summary>Errors of <paramref name="activity"/> against the activity schema's Activity; empty when valid.</summary>
    public static IReadOnlyList<string> ActivityErrors(JsonElement activity) => Errors(Loaded.Value.Activity, activity, Strict);

    /// <summary>Errors of an Adaptive Card against the 1.5 schema; empty when valid.</summary>
    public static IReadOnlyList<string> CardErrors(JsonElement card) => Errors(Loaded.Value.Card, card, Strict);

    /// <summary>
    /// Errors against one definition of the Adaptive Card schema. Needed for <c>fallback</c>: the schema allows an
    /// action or a <c>FallbackOption</c>, and FallbackOption is only a <c>pattern</c> without <c>type: string</c>, so any
    /// object passes the whole-card check; the fallback action is therefore also checked as an action on its own.
    /// </summary>
    public static IReadOnlyList<string> CardDefinitionErrors(string definition, JsonElement element) =>
        Errors(Loaded.Value.CardDefinition(definition), element, Strict);

    /// <summary>Errors of a request body against a definition of the activity schema (such as ConversationParameters).</summary>
    public static IReadOnlyList<string> ActivitySchemaDefinitionErrors(string definition, JsonElement body) =>
        Errors(Loaded.Value.ActivityDefinition(definition), body, Strict);

    public static void AssertValidActivity(JsonElement activity)
    {
        var errors = ActivityErrors(activity);
        Assert.True(errors.Count == 0, $"Activity violates botframework-activity-schema.json:\n{string.Join('\n', errors)}\n{activity}");
    }

    /// <summary>The whole card, and each action's fallback as an action (see <see cref="CardDefinitionErrors"/>).</summary>
    public static void AssertValidCard(JsonElement card)
    {
        var errors = CardErrors(card).ToList();
        if (card.TryGetProperty("actions", out var actions))
        {
            errors.AddRange(actions.EnumerateArray()
                .Where(action => action.TryGetProperty("fallback", out var fallback) && fallback.ValueKind == JsonValueKind.Object)
                .SelectMany(action => CardDefinitionErrors("ImplementationsOf.Action", action.GetProperty("fallback"))));
        }

        Assert.True(errors.Count == 0, $"Card violates adaptive-card-1.5.schema.json:\n{string.Join('\n', errors)}\n{card}");
    }

    /// <summary>
    /// Finds the swagger operation for <paramref name="method"/> and the raw (still percent-encoded) path, asserts it
    /// exists, and checks <paramref name="body"/> against its body parameter schema. Returns the operationId and the
    /// decoded path parameters.
    /// </summary>
    public static (string OperationId, IReadOnlyDictionary<string, string> PathParameters) AssertSwaggerOperation(
        string method, string rawPath, JsonElement? body)
    {
        var specs = Loaded.Value;
        var match = specs.Operations.Select(op => (op, m: op.Pattern.Match(rawPath)))
            .FirstOrDefault(x => x.m.Success && string.Equals(x.op.Method, method, StringComparison.OrdinalIgnoreCase));
        Assert.True(match.op is not null, $"The Connector swagger has no operation {method} {rawPath}.");
        var parameters = match.op.ParameterNames.ToDictionary(
            name => name, name => Uri.UnescapeDataString(match.m.Groups[name].Value));
        if (match.op.BodySchema is { } schema)
        {
            Assert.True(body is not null, $"{match.op.OperationId} requires a body.");
            var errors = Errors(schema, body.Value, Lenient);
            Assert.True(errors.Count == 0, $"Body violates the swagger for {match.op.OperationId}:\n{string.Join('\n', errors)}\n{body}");
        }

        return (match.op.OperationId, parameters);
    }

    private static IReadOnlyList<string> Errors(JsonSchema schema, JsonElement instance, EvaluationOptions options)
    {
        var results = schema.Evaluate(instance, options);
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? []).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    private static Specs Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var activityPath = FilePath("botframework-activity-schema.json");
        var activityUri = new Uri(activityPath);
        JsonSchema.FromFile(activityPath, options, activityUri);
        var cardUri = new Uri(FilePath("adaptive-card-1.5.schema.json"));
        var card = JsonSchema.FromFile(FilePath("adaptive-card-1.5.schema.json"), options, cardUri);

        var swaggerPath = FilePath("botframework-channel-swagger.json");
        var swagger = JsonNode.Parse(File.ReadAllText(swaggerPath))!.AsObject();
        var swaggerUri = new Uri(swaggerPath + ".definitions.json");
        var definitions = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["definitions"] = swagger["definitions"]!.DeepClone(),
        };
        JsonSchema.FromText(definitions.ToJsonString(), options, swaggerUri);

        JsonSchema Ref(Uri document, string pointer, string draft = "http://json-schema.org/draft-07/schema#") => JsonSchema.FromText(
            new JsonObject { ["$schema"] = draft, ["$ref"] = $"{document}#{pointer}" }.ToJsonString(),
            options,
            new Uri($"{document}.ref.{Guid.NewGuid():N}.json"));

        var operations = new List<SwaggerOperation>();
        foreach (var (path, item) in swagger["paths"]!.AsObject())
        {
            var names = new List<string>();
            var pattern = "^" + Regex.Replace(Regex.Escape(path), @"\\\{(\w+)}", m =>
            {
                names.Add(m.Groups[1].Value);
                return $"(?<{m.Groups[1].Value}>[^/]+)";
            }) + "$";
            foreach (var (method, operation) in item!.AsObject())
            {
                var bodyRef = operation!["parameters"]?.AsArray()
                    .FirstOrDefault(p => (string?)p!["in"] == "body")?["schema"]?["$ref"]?.GetValue<string>();
                operations.Add(new SwaggerOperation(
                    method, (string)operation["operationId"]!, new Regex(pattern), names,
                    bodyRef is null ? null : Ref(swaggerUri, bodyRef.TrimStart('#'))));
            }
        }

        return new Specs(
            Ref(activityUri, "/definitions/Activity"), card, operations,
            definition => Ref(activityUri, $"/definitions/{definition}"),
            definition => Ref(cardUri, $"/definitions/{definition}", "http://json-schema.org/draft-06/schema#"));
    }

    private sealed record SwaggerOperation(
        string Method, string OperationId, Regex Pattern, IReadOnlyList<string> ParameterNames, JsonSchema? BodySchema);

    private sealed record Specs(
        JsonSchema Activity,
        JsonSchema Card,
        IReadOnlyList<SwaggerOperation> Operations,
        Func<string, JsonSchema> ActivityDefinition,
        Func<string, JsonSchema> CardDefinition);
}
