using WealthActors.ServiceRequests;

namespace WealthActors.Grains.ServiceRequests;

/// <summary>Where service request grains publish their rows: an idempotent upsert by id, the newer row winning.</summary>
public interface IServiceRequestReadModelWriter
{
    Task UpsertServiceRequest(ServiceRequestRow row, CancellationToken cancellationToken = default);
}
