using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace WealthActors.Silo.Tests.Apis.Declared;

/// <summary>
/// The statuses each operation of the OpenAPI document declares (read from the API description the document is
/// generated from), and whether an answer was one of them.
/// </summary>
public sealed partial class DeclaredStatuses(IEnumerable<(string Method, string Route, IEnumerable<int> Statuses)> operations)
{
    private readonly Dictionary<string, HashSet<int>> _byOperation = operations
        .GroupBy(o => Key(o.Method, o.Route), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(o => o.Statuses).ToHashSet(), StringComparer.Ordinal);

    public static DeclaredStatuses From(IApiDescriptionGroupCollectionProvider descriptions) => new(
        descriptions.ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => d.HttpMethod is not null)
            .Select(d => (d.HttpMethod!, d.RelativePath ?? "", d.SupportedResponseTypes.Select(r => r.StatusCode))));

    /// <summary>
    /// A sentence naming the operation and the undeclared <paramref name="status"/>; null when it is declared, or when
    /// the route is not an operation of the document (health, the document itself, the console, the channels).
    /// </summary>
    public string? Undeclared(string method, string routePattern, int status)
    {
        var key = Key(method, routePattern);
        if (!_byOperation.TryGetValue(key, out var declared) || declared.Contains(status))
        {
            return null;
        }

        return $"{key} answered {status}; the document declares {string.Join(", ", declared.Order())}";
    }

    /// <summary>"GET /api/x/{id}" for "get", "api/x/{id:int}/" and the like: constraints and slashes as the document writes them.</summary>
    public static string Key(string method, string route)
    {
        var path = Constraint().Replace(route, "{$1}").Trim('/');
        return $"{method.ToUpperInvariant()} /{path}";
    }

    [GeneratedRegex(@"\{\**([^}:?=]+)[^}]*\}")]
    private static partial Regex Constraint();
}
