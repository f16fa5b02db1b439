using WealthActors.Complaints;
using WealthActors.Grains.Cases;
using WealthActors.ServiceRequests;

namespace WealthActors.Grains.Tests.Cases;

/// <summary>
/// Complaints and service requests share one lifecycle through <see cref="DeskStatus"/>, which their published status
/// types are cast to and from: the three must hold the same names at the same values, or a case would change status
/// when it is acknowledged.
/// </summary>
public sealed class DeskStatusTests
{
    public static TheoryData<Type> PublishedStatuses => [typeof(ComplaintStatus), typeof(ServiceRequestStatus)];

    [Theory]
    [MemberData(nameof(PublishedStatuses))]
    public void APublishedStatusType_HoldsTheDesksNamesAtTheDesksValues(Type published)
    {
        Assert.Equal(Members(typeof(DeskStatus)), Members(published));
    }

    private static (string Name, int Value)[] Members(Type enumType) =>
        [.. Enum.GetValues(enumType).Cast<object>().Select(v => (Enum.GetName(enumType, v)!, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)))];
}
