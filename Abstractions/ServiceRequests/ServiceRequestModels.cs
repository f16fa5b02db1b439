using System.Security.Cryptography;
using WealthActors.Complaints;
using WealthActors.Permissions;

namespace WealthActors.ServiceRequests;

[GenerateSerializer, Alias("WealthActors.ServiceRequestStatus")]
public enum ServiceRequestStatus { Open = 0, Acknowledged = 1, Paused = 2, Resolved = 3 }

/// <summary>
/// The requests a trust company's service desk works. The type selects the SLA policy (a ServiceRequest policy whose
/// categories name it), so a new type is data: any name is taken, and matched like these.
/// </summary>
public static class ServiceRequestTypes
{
    /// <summary>信息变更: a change of contact details.</summary>
    public const string ContactChange = "ContactChange";

    /// <summary>文件申请: statements, certificates.</summary>
    public const string DocumentRequest = "DocumentRequest";

    /// <summary>赎回/转让咨询.</summary>
    public const string RedemptionEnquiry = "RedemptionEnquiry";

    /// <summary>KYC renewal.</summary>
    public const string KycRenewal = "KycRenewal";

    public static readonly IReadOnlyList<string> Shipped = [ContactChange, DocumentRequest, RedemptionEnquiry, KycRenewal];
}

[GenerateSerializer, Immutable, Alias("WealthActors.OpenServiceRequest")]
public sealed record OpenServiceRequest(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Description,
    [property: Id(3)] string? PolicyId = null);

[GenerateSerializer, Immutable, Alias("WealthActors.ServiceRequestView")]
public sealed record ServiceRequestView(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string Type,
    [property: Id(4)] string Description,
    [property: Id(5)] ServiceRequestStatus Status,
    [property: Id(6)] string? Assignee,
    [property: Id(7)] SlaState SlaState,
    [property: Id(8)] int EscalationLevel,
    [property: Id(9)] string PolicyId,
    [property: Id(10)] int PolicyVersion,
    [property: Id(11)] DateTimeOffset OpenedAt,
    [property: Id(12)] DateTimeOffset? FirstResponseDue,
    [property: Id(13)] DateTimeOffset? ResolutionDue,
    [property: Id(14)] IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Service request ids, in the complaint ids' format: readable, sortable by day, and unguessable.</summary>
public static class ServiceRequestIds
{
    public static string New(DateTimeOffset now) => $"SR-{now:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
}

/// <summary>A service request as the read model lists it.</summary>
public sealed record ServiceRequestRow(
    string RequestId,
    string ClientId,
    string BranchId,
    string? Assignee,
    string Type,
    ServiceRequestStatus Status,
    SlaState SlaState,
    int EscalationLevel,
    DateTimeOffset OpenedAt,
    DateTimeOffset? NextDeadline,
    DateTimeOffset UpdatedAt);

/// <summary>Which service requests to list; null criteria match anything; <see cref="Scope"/> narrows to a person's reach.</summary>
public sealed record ServiceRequestFilter(
    string? BranchId = null, ServiceRequestStatus? Status = null, string? Assignee = null, string? Type = null, int Limit = 100,
    AccessScope? Scope = null, string? ClientId = null);

public interface IServiceRequestQueries
{
    /// <summary>Matching service requests, the nearest deadline first (those without one last), then by id.</summary>
    Task<IReadOnlyList<ServiceRequestRow>> ListServiceRequests(ServiceRequestFilter filter, CancellationToken cancellationToken = default);
}
