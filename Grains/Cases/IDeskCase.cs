namespace WealthActors.Grains.Cases;

/// <summary>
/// Where a case a client brings to the service desk stands. Complaints and service requests each publish their own
/// status type (<c>ComplaintStatus</c>, <c>ServiceRequestStatus</c>) with these names and values, so that the one
/// lifecycle of <see cref="DeskCaseGrain{TState, TRow}"/> serves both (a test keeps the three in line).
/// </summary>
public enum DeskStatus { Open = 0, Acknowledged = 1, Paused = 2, Resolved = 3 }

/// <summary>The state of a case a client brings (a complaint, a service request), seen through its lifecycle.</summary>
public interface IDeskCase : ISlaCase
{
    DeskStatus Status { get; set; }

    /// <summary>The status to return to when a pause ends.</summary>
    DeskStatus StatusBeforePause { get; set; }
}
