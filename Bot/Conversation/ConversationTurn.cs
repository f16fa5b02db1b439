using WealthActors.Branches;
using WealthActors.Employees;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// One message being answered: who speaks, in which language, and a memo of the org-chart lookups the permission
/// checks need, so a list of twenty rows with the same advisor loads that advisor once.
/// </summary>
internal sealed class ConversationTurn(IGrainFactory grains, BotPrincipal principal, EmployeeProfile profile, BotLanguage language, string channel)
{
    private readonly Dictionary<string, EmployeeProfile?> _employees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BranchProfile?> _branches = new(StringComparer.Ordinal);

    public BotPrincipal Principal { get; } = principal;
    public EmployeeProfile Profile { get; } = profile;
    public BotLanguage Language { get; } = language;
    public Actor Actor { get; } = Actor.Employee(principal.EmployeeId, channel);
    public string Channel { get; } = channel;

    /// <summary>This message's audit entry, told what the command turned out to act on.</summary>
    public ChatAudit? Audit { get; init; }

    public string Say(string chinese, string english) => Language.Say(chinese, english);

    public async Task<EmployeeProfile?> Employee(string employeeId)
    {
        if (!_employees.TryGetValue(employeeId, out var found))
        {
            found = await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
            _employees[employeeId] = found;
        }

        return found;
    }

    public async Task<BranchProfile?> Branch(string branchId)
    {
        if (!_branches.TryGetValue(branchId, out var found))
        {
            found = await grains.GetGrain<IBranchGrain>(branchId).GetProfile();
            _branches[branchId] = found;
        }

        return found;
    }

    /// <summary>The subject of a client or case: its branch (and region, for a regional head) and its owners' managers.</summary>
    public async Task<BotSubject> Subject(string branchId, params string?[] ownerIds)
    {
        var owners = new List<SubjectOwner>();
        foreach (var id in ownerIds.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            owners.Add(new SubjectOwner(id, (await Employee(id))?.ManagerId));
        }

        // Only a regional head's rights depend on the region, so only they pay for the branch lookup.
        var parent = Principal.Role == EmployeeRole.RegionalHead ? (await Branch(branchId))?.ParentBranchId : null;
        return new BotSubject(branchId, parent, owners);
    }

    public async Task<bool> May(BotAccess access, string branchId, params string?[] ownerIds) =>
        BotPermissions.Allows(Principal, await Subject(branchId, ownerIds), access);
}
