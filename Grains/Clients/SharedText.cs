namespace WealthActors.Grains.Clients;

/// <summary>
/// One shared instance per distinct short identifier or catalogue text (the runtime's intern pool), for values of
/// which there are few distinct ones but many copies: branch, employee and product ids, product names, relations,
/// tags. Never for personal data: an interned string stays in memory for the life of the process.
/// </summary>
public static class SharedText
{
    /// <summary>Longer texts are left alone: they are unlikely to be shared and would stay in the pool for good.</summary>
    public const int MaxLength = 64;

    public static string Of(string value) =>
        value is null || value.Length > MaxLength ? value! : string.Intern(value);

    /// <summary>The same strings, shared; an empty list becomes the one empty array.</summary>
    public static IReadOnlyList<string> All(IReadOnlyList<string> values)
    {
        if (values is null || values.Count == 0)
        {
            return values is null ? values! : [];
        }

        var shared = new string[values.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Of(values[i]);
        }

        return shared;
    }
}
