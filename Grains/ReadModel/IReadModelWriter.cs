using WealthActors.Complaints;
using WealthActors.Employees;
using WealthActors.ReadModel;

namespace WealthActors.Grains.ReadModel;

/// <summary>
/// Where grains publish their projections. Writes are idempotent upserts keyed by the entity id, so a grain may
/// publish the same projection again after a crash without harm.
/// </summary>
public interface IReadModelWriter
{
    Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default);

    Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default);

    Task UpsertBranch(BranchRow row, CancellationToken cancellationToken = default);

    /// <summary>Appends a delivered inbox message to the employee's history; the same message id twice keeps one row.</summary>
    Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Adds numbered events to a complaint's timeline history; the same number twice keeps one row.</summary>
    Task AppendTimeline(string complaintId, IReadOnlyList<(long Seq, TimelineEntry Entry)> events, CancellationToken cancellationToken = default);
}
