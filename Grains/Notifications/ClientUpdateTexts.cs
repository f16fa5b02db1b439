using System.Globalization;
using WealthActors.Notifications;
using WealthActors.Sla;

namespace WealthActors.Grains.Notifications;

/// <summary>
/// What a client is told of a change of their complaint or service request, in Chinese then English, short enough for
/// one SMS page pair. It names the case and what happened, never its description or the client's data: the message may
/// be read on a shared phone. Dates are in China Standard Time, as the client reads them.
/// </summary>
public static class ClientUpdateTexts
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public static string For(ClientUpdateKind kind, CaseKind caseKind, string caseId, DateTimeOffset? regulatoryDue) =>
        caseKind == CaseKind.ServiceRequest ? ForServiceRequest(kind, caseId) : ForComplaint(kind, caseId, regulatoryDue);

    private static string ForComplaint(ClientUpdateKind kind, string complaintId, DateTimeOffset? regulatoryDue) => kind switch
    {
        ClientUpdateKind.Acknowledged =>
            $"您的投诉（编号 {complaintId}）已受理，我们将尽快处理。Your complaint {complaintId} has been received and is being handled.",
        ClientUpdateKind.DeadlineExtended =>
            $"您的投诉（编号 {complaintId}）需要更多时间处理，答复期限延至 {Date(regulatoryDue)}。We need more time for complaint {complaintId}; we will answer by {Date(regulatoryDue)}.",
        ClientUpdateKind.Resolved =>
            $"您的投诉（编号 {complaintId}）已处理完毕，感谢您的耐心。Your complaint {complaintId} has been resolved. Thank you for your patience.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A service request has no regulator's deadline to extend.
    private static string ForServiceRequest(ClientUpdateKind kind, string requestId) => kind switch
    {
        ClientUpdateKind.Acknowledged =>
            $"您的服务申请（编号 {requestId}）已受理，我们将尽快办理。Your request {requestId} has been received and is being handled.",
        ClientUpdateKind.Resolved =>
            $"您的服务申请（编号 {requestId}）已办理完毕。Your request {requestId} has been completed.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Date(DateTimeOffset? at) =>
        at is { } due ? due.ToOffset(ChinaTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-";
}
