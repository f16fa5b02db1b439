using WealthActors.Care;
using WealthActors.Employees;
using WealthActors.Tasks;

namespace WealthActors.Silo.Care;

/// <summary>What the care runners need beyond the read model: the current settings, the org chart and the inboxes.</summary>
public interface ICareContext
{
    Task<CareRules> Rules();

    /// <summary>
    /// Creates the task <paramref name="taskId"/> unless it exists already (a run repeated after a crash). Returns its
    /// id, or null when it cannot be created (the owner is not a registered employee): the message still goes out.
    /// </summary>
    Task<string?> CreateTask(string taskId, CreateTask command);

    /// <summary>Delivers to the employee's inbox (and chat); false when that key was delivered before.</summary>
    Task<bool> Deliver(string employeeId, InboxMessage message);

    /// <summary>The advisor's team lead: the advisor's manager, falling back to the branch head; null when neither exists.</summary>
    Task<string?> TeamLeadOf(string branchId, string advisorId);

    /// <summary>Products on sale that suit the client, best first (reinvestment candidates for a maturity); none when unknown.</summary>
    Task<IReadOnlyList<WealthActors.Suitability.Recommendation>> SuitableProducts(string clientId, int limit) =>
        Task.FromResult<IReadOnlyList<WealthActors.Suitability.Recommendation>>([]);
}
