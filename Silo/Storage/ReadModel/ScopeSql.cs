using WealthActors.Permissions;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// A person's <see cref="AccessScope"/> as a condition of the read-model query itself, shared by the SQL read models,
/// so that a list holds only what its reader may see and its limit counts only those rows. Values are text
/// parameters, which every dialect binds; the region's branches come from <c>rm_branches</c>.
/// </summary>
internal static class ScopeSql
{
    public static string Condition(AccessScope? scope, string ownerColumn, string branchColumn, List<(string Name, object Value)> parameters)
    {
        if (scope is null || scope.Everything)
        {
            return "1 = 1";
        }

        var either = new List<string>();
        if (scope.Owners.Count > 0)
        {
            either.Add($"{ownerColumn} IN ({List("scope_owner", scope.Owners, parameters)})");
        }

        if (scope.Branches.Count > 0)
        {
            either.Add($"{branchColumn} IN ({List("scope_branch", scope.Branches, parameters)})");
        }

        if (scope.Region is { } region)
        {
            parameters.Add(("scope_region", region));
            either.Add($"{branchColumn} IN (SELECT branch_id FROM rm_branches WHERE parent_branch_id = @scope_region)");
        }

        return either.Count == 0 ? "1 = 0" : $"({string.Join(" OR ", either)})";
    }

    private static string List(string prefix, IReadOnlyList<string> values, List<(string Name, object Value)> parameters)
    {
        var names = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add(($"{prefix}{i}", values[i]));
            names.Add($"@{prefix}{i}");
        }

        return string.Join(", ", names);
    }
}
