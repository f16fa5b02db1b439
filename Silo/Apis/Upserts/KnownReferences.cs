using System.Collections.Concurrent;

namespace WealthActors.Silo.Apis.Upserts;

/// <summary>
/// Branches and employees already seen to exist during one run of many upserts (an import). Neither is ever removed
/// (an employee is deactivated, not deleted), so once seen the answer holds for the run's later rows, and a book of
/// clients under a few advisors does not ask the same grains again for every row.
/// </summary>
internal sealed class KnownReferences
{
    private readonly ConcurrentDictionary<string, bool> _branches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _employees = new(StringComparer.Ordinal);

    public bool HasBranch(string branchId) => _branches.ContainsKey(branchId);

    public bool HasEmployee(string employeeId) => _employees.ContainsKey(employeeId);

    public void Remember(string branchId, string employeeId)
    {
        _branches.TryAdd(branchId, true);
        _employees.TryAdd(employeeId, true);
    }
}
