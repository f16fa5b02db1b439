using WealthActors.Employees;

namespace WealthActors.Grains.Employees;

[GenerateSerializer, Alias("WealthActors.EmployeeState")]
public sealed class EmployeeState
{
    [Id(0)] public EmployeeProfile? Profile { get; set; }

    /// <summary>Recent messages, oldest first, bounded; the full history lives in the read model.</summary>
    [Id(1)] public List<InboxMessage> Recent { get; set; } = [];

    /// <summary>Hashes of the keys delivered most recently, oldest first, bounded (see <see cref="DeliveryKeyWindow"/>).</summary>
    [Id(2)] public List<ulong> DeliveredKeys { get; set; } = [];
}
