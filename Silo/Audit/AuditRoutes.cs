using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Routing.Patterns;

namespace WealthActors.Silo.Audit;

/// <summary>What an audited request acted on, as its entry names it.</summary>
/// <param name="Action">e.g. <c>complaint.acknowledge</c>.</param>
public sealed record AuditTarget(string Action, string? TargetType, string? TargetId);

/// <summary>
/// Names an HTTP request's action and target from its route, so a new endpoint is audited under a sensible name
/// without registering anything: the literal segment before the first route parameter names the resource (singular,
/// <c>complaints</c> → <c>complaint</c>) and that parameter's value the target; what follows names the verb (a literal
/// such as <c>run</c> or <c>holdings</c>, or the value of a trailing parameter such as a complaint's <c>{command}</c>),
/// else the method does (<c>POST</c> → <c>create</c>, <c>PUT</c> → <c>upsert</c>). An <see cref="AuditedRead"/> or an
/// entry of <see cref="Named"/> overrides the rule; a request that matched no route is <c>unmatched</c>, its path the target.
/// </summary>
public static class AuditRoutes
{
    private const int MaxValueLength = 128;

    /// <summary>Routes whose rule-made name would say less than it should.</summary>
    private static readonly Dictionary<(string Method, string Pattern), string> Named = new()
    {
        [("POST", "api/complaints")] = "complaint.open",
        [("POST", "api/webchat/messages")] = "webchat.message",
        [("POST", "api/wecom/callback")] = "wecom.callback",
        [("POST", "api/messages")] = "teams.activity",
    };

    /// <param name="location">The answer's <c>Location</c>, which names what a create created.</param>
    /// <param name="createdId">What a create created, where no <paramref name="location"/> names it (yet).</param>
    public static AuditTarget Describe(
        string method, Endpoint? endpoint, RouteValueDictionary values, PathString path, string? location, string? createdId = null)
    {
        if (endpoint?.Metadata.GetMetadata<AuditedRead>() is { } read)
        {
            return new AuditTarget(read.Action, read.TargetType, null);
        }

        if (endpoint is not RouteEndpoint route)
        {
            return new AuditTarget("unmatched", "path", Cap(path.Value ?? "/"));
        }

        var (segments, firstParameter, literal, pattern) = Shapes.GetValue(route, Shape);
        var itemLevel = firstParameter >= 0 || HttpMethods.IsPost(method);
        var resource = itemLevel ? Singular(literal) : literal;

        string? targetId = null;
        string verb;
        if (firstParameter >= 0)
        {
            targetId = Value(values, segments[firstParameter].Text);
            var rest = segments[(firstParameter + 1)..];
            verb = rest.Count == 0 ? MethodVerb(method)
                : rest[^1].IsParameter ? Value(values, rest[^1].Text) ?? MethodVerb(method)
                : rest[^1].Text;
        }
        else
        {
            verb = MethodVerb(method);
        }

        var action = Named.GetValueOrDefault((method.ToUpperInvariant(), pattern)) ?? $"{resource}.{verb}";
        // A create answers with the new resource's address: its last segment names what was created.
        targetId ??= CreatedId(location) ?? (createdId is null ? null : Cap(createdId));
        return new AuditTarget(action, targetId is null ? null : resource, targetId);
    }

    // A route's shape is the same for every request it serves: worked out once per endpoint, not on every audited request.
    private static readonly ConditionalWeakTable<RouteEndpoint, RouteShape> Shapes = new();

    private sealed record RouteShape(List<(bool IsParameter, string Text)> Segments, int FirstParameter, string Literal, string Pattern);

    private static RouteShape Shape(RouteEndpoint route)
    {
        var segments = route.RoutePattern.PathSegments.Select(Segment).ToList();
        var firstParameter = segments.FindIndex(s => s.IsParameter);
        var resourceSegments = firstParameter < 0 ? segments : segments[..firstParameter];
        var literal = resourceSegments.LastOrDefault(s => !s.IsParameter).Text ?? "api";
        var pattern = string.Join('/', segments.Select(s => s.IsParameter ? "{" + s.Text + "}" : s.Text));
        return new RouteShape(segments, firstParameter, literal, pattern);
    }

    private static string MethodVerb(string method) => method.ToUpperInvariant() switch
    {
        "POST" => "create",
        "PUT" => "upsert",
        "DELETE" => "delete",
        "PATCH" => "update",
        "GET" => "read",
        var other => other.ToLowerInvariant(),
    };

    /// <summary>The English plurals this API's resources use: policies, branches, complaints.</summary>
    internal static string Singular(string plural) =>
        plural.EndsWith("ies", StringComparison.Ordinal) ? plural[..^3] + "y"
        : plural.EndsWith("ches", StringComparison.Ordinal) || plural.EndsWith("shes", StringComparison.Ordinal)
          || plural.EndsWith("sses", StringComparison.Ordinal) || plural.EndsWith("xes", StringComparison.Ordinal) ? plural[..^2]
        : plural.EndsWith('s') && !plural.EndsWith("ss", StringComparison.Ordinal) && !plural.EndsWith("us", StringComparison.Ordinal) ? plural[..^1]
        : plural;

    private static string? CreatedId(string? location)
    {
        if (string.IsNullOrEmpty(location))
        {
            return null;
        }

        var path = location.Split('?', 2)[0].TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.Length == 0 ? null : Cap(Uri.UnescapeDataString(last));
    }

    private static string? Value(RouteValueDictionary values, string name) =>
        values.TryGetValue(name, out var value) && value is not null
            ? Cap(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")
            : null;

    // A route value is what the caller sent, however long; the entry keeps enough to identify it.
    private static string Cap(string value) => value.Length <= MaxValueLength ? value : value[..MaxValueLength];

    private static (bool IsParameter, string Text) Segment(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart parameter
            ? (true, parameter.Name)
            : (false, string.Concat(segment.Parts.Select(part => part is RoutePatternLiteralPart literal ? literal.Content : "*")));
}
