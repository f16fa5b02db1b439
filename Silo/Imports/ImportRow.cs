namespace WealthActors.Silo.Imports;

/// <summary>One data row of an import sheet: its sheet row number (the header is row 1), its cells in sheet order, and those cells by field.</summary>
public sealed record ImportRow(int Number, IReadOnlyList<string?> Cells, IReadOnlyDictionary<string, string?> Values)
{
    public string? this[string field] => Values.TryGetValue(field, out var value) ? value : null;

    /// <summary>Whether the sheet has the column at all: an absent optional column leaves the field as the request would without it.</summary>
    public bool Has(string field) => Values.ContainsKey(field);
}
