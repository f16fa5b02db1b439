namespace WealthActors;

/// <summary>
/// Who issues a command: an employee (from a chat channel or the web console) or a system (an API key name).
/// Every command carries one so that permissions and the audit trail attach in one place.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.Actor")]
public sealed record Actor(
    [property: Id(0)] string Id,
    [property: Id(1)] ActorKind Kind,
    [property: Id(2)] string Channel)
{
    public static Actor System(string name) => new(name, ActorKind.System, "system");

    public static Actor Employee(string employeeId, string channel) => new(employeeId, ActorKind.Employee, channel);

    public override string ToString() => $"{Kind}:{Id}@{Channel}";
}

[GenerateSerializer, Alias("WealthActors.ActorKind")]
public enum ActorKind
{
    Employee = 0,
    System = 1,
}
