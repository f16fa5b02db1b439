using WealthActors.Grains.Cases;
using WealthActors.ServiceRequests;

namespace WealthActors.Grains.ServiceRequests;

[GenerateSerializer, Alias("WealthActors.ServiceRequestState")]
public sealed class ServiceRequestState : CaseState, IDeskCase
{
    [Id(0)] public string Description { get; set; } = "";
    [Id(1)] public ServiceRequestStatus Status { get; set; }

    /// <summary>The status to return to when a pause ends.</summary>
    [Id(2)] public ServiceRequestStatus StatusBeforePause { get; set; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }

    // The same names and values (DeskStatus).
    DeskStatus IDeskCase.Status { get => (DeskStatus)Status; set => Status = (ServiceRequestStatus)value; }

    DeskStatus IDeskCase.StatusBeforePause { get => (DeskStatus)StatusBeforePause; set => StatusBeforePause = (ServiceRequestStatus)value; }
}
