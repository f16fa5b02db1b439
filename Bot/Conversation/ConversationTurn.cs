using WealthActors.Permissions;
using WealthActors.Branches;
using WealthActors.Employees;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// One message being answered: who speaks, in which language, and a memo of the org-chart lookups the permission
/// checks need, so a list of twenty rows with the same advisor loads that advisor once.
/// </summary>
internal sealed class ConversationTurn(IGrainFactory grains, AccessPrincipal principal, EmployeeProfile profile, BotLanguage language, string channel)
{
    private readonly OrgLookup _org = new(grains);

    public AccessPrincipal Principal { get; } = principal;
    public EmployeeProfile Profile { get; } = profile;
    public BotLanguage Language { get; } = language;
    public Actor Actor { get; } = Actor.Employee(principal.EmployeeId, channel);
    public string Channel { get; } = channel;

    /// <summary>This message's audit entry, told what the command turned out to act on.</summary>
    public ChatAudit? Audit { get; init; }

    public string Say(string chinese, string english) => Language.Say(chinese, english);

    public Task<EmployeeProfile?> Employee(string employeeId) => _org.Employee(employeeId);

    public Task<BranchProfile?> Branch(string branchId) => _org.Branch(branchId);

    /// <summary>The subject of a client or case: its branch (and region, for a regional head) and its owners' managers.</summary>
    public Task<AccessSubject> Subject(string branchId, params string?[] ownerIds) => _org.Subject(Principal, branchId, ownerIds);

    public Task<bool> May(Access access, string branchId, params string?[] ownerIds) => _org.May(Principal, access, branchId, ownerIds);
}
