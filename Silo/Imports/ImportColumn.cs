namespace WealthActors.Silo.Imports;

/// <summary>
/// One column of an import sheet: the field of the matching API request it fills, and the two headers it is known by
/// (Chinese, as the branches' own sheets have it, and the API's field name).
/// </summary>
public sealed record ImportColumn(string Field, string Chinese, bool Required = false)
{
    public string English => Field;

    public bool IsNamed(string header)
    {
        var h = header.Trim();
        return h == Chinese || string.Equals(h, English, StringComparison.OrdinalIgnoreCase)
            || string.Equals(h, $"{Chinese} {English}", StringComparison.OrdinalIgnoreCase);
    }
}
