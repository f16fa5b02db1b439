using WealthActors.Grains.Sla;
using WealthActors.Sla;
using WealthActors.Suitability;

namespace WealthActors.Grains.Suitability;

[GenerateSerializer, Alias("WealthActors.SubscriptionState")]
public sealed class SubscriptionState
{
    /// <summary>Null until created.</summary>
    [Id(0)] public SubscriptionView? View { get; set; }

    /// <summary>The override approval's SLA policy snapshot and clock; null until an override is requested.</summary>
    [Id(1)] public SlaPolicy? ApprovalPolicy { get; set; }
    [Id(2)] public SlaClock? ApprovalClock { get; set; }
    [Id(3)] public HashSet<string> Fired { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public int FiredLevel { get; set; }

    /// <summary>Who holds each role the approval may escalate to, resolved when it was requested.</summary>
    [Id(5)] public Dictionary<EmployeeRole, string> Targets { get; set; } = [];

    [Id(6)] public SuitabilityEffects Effects { get; set; } = new();

    /// <summary>The product's cooling-off period as it stood when the subscription was made.</summary>
    [Id(7)] public int CoolingOffHours { get; set; }

    /// <summary>The instant the due reminder was last registered for (null: none).</summary>
    [Id(8)] public DateTimeOffset? ArmedAt { get; set; }
}
