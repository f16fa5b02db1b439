namespace WealthActors.Silo.Auth;

/// <summary>Configuration section <c>Auth</c>: the API keys systems and people present in <c>X-Api-Key</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}

/// <summary>The roles an API key can carry.</summary>
public static class ApiRoles
{
    public const string System = "System";
    public const string Advisor = "Advisor";
    public const string Manager = "Manager";
    public const string Compliance = "Compliance";
    public const string Admin = "Admin";

    public static readonly string[] All = [System, Advisor, Manager, Compliance, Admin];
}
