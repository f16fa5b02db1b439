using System.Text;

namespace WealthActors.Silo.Audit;

/// <summary>
/// CSV as spreadsheets read it (RFC 4180), with one rule more: a cell that a spreadsheet would run as a formula (one
/// beginning with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is written with a leading apostrophe,
/// so an entry's text (a route value, a key name) can never execute when compliance opens the export.
/// </summary>
public static class AuditCsv
{
    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' '
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>A byte-order mark first, or spreadsheets read UTF-8 (Chinese names, for one) as a legacy code page.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
