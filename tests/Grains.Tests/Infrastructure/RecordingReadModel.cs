using System.Collections.Concurrent;
using WealthActors.Employees;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;

namespace WealthActors.Grains.Tests.Infrastructure;

/// <summary>Keeps the last projection of each entity, so tests can see what grains publish.</summary>
public sealed class RecordingReadModel : IReadModelWriter
{
    public ConcurrentDictionary<string, ClientRow> Clients { get; } = new();

    public ConcurrentDictionary<string, ComplaintRow> Complaints { get; } = new();

    public ConcurrentDictionary<string, ConcurrentDictionary<string, InboxMessage>> Inboxes { get; } = new();

    public Task UpsertClient(ClientRow row, CancellationToken cancellationToken = default)
    {
        Clients[row.ClientId] = row;
        return Task.CompletedTask;
    }

    public Task UpsertComplaint(ComplaintRow row, CancellationToken cancellationToken = default)
    {
        Complaints[row.ComplaintId] = row;
        return Task.CompletedTask;
    }

    public Task AppendInbox(string employeeId, InboxMessage message, CancellationToken cancellationToken = default)
    {
        Inboxes.GetOrAdd(employeeId, _ => new())[message.Id] = message;
        return Task.CompletedTask;
    }
}
