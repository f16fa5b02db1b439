namespace WealthActors.ServiceRequests;

/// <summary>
/// A service request (key: request id): the complaint's commands and timeline on the same SLA engine, under a policy
/// of kind ServiceRequest matched by its type. The regulator's complaint deadline does not apply.
/// </summary>
[Alias("WealthActors.IServiceRequestGrain")]
public interface IServiceRequestGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<ServiceRequestView> Open(OpenServiceRequest command, Actor actor);

    [Alias("GetView"), ReadOnly]
    Task<ServiceRequestView> GetView();

    [Alias("Acknowledge")]
    Task<ServiceRequestView> Acknowledge(Actor actor, string? text);

    [Alias("AddNote")]
    Task<ServiceRequestView> AddNote(Actor actor, string text);

    [Alias("Pause")]
    Task<ServiceRequestView> Pause(Actor actor, string reason);

    [Alias("Resume")]
    Task<ServiceRequestView> Resume(Actor actor, string? text);

    [Alias("Assign")]
    Task<ServiceRequestView> Assign(Actor actor, string employeeId, string? text);

    [Alias("Resolve")]
    Task<ServiceRequestView> Resolve(Actor actor, string text);

    [Alias("Reopen")]
    Task<ServiceRequestView> Reopen(Actor actor, string reason);

    /// <summary>
    /// Records on the timeline what became of a message to the client about this request (sent, refused, not sent and
    /// why); the same update key twice is recorded once. Allowed in every status: a resolution is told after it.
    /// </summary>
    [Alias("RecordClientUpdate")]
    Task RecordClientUpdate(WealthActors.Notifications.ClientUpdateOutcome outcome);
}
