using MiniExcelLibs;

namespace WealthActors.Silo.Imports;

/// <summary>
/// The first sheet of an import workbook, read a row at a time (MiniExcel streams the sheet's XML): a header row naming
/// the kind's columns in Chinese or English, in any order, then one record a row.
/// </summary>
internal sealed class ImportSheet
{
    private readonly string _path;
    private readonly ImportKind _kind;
    private readonly IReadOnlyList<(string Letter, ImportColumn Column)> _columns;

    private ImportSheet(string path, ImportKind kind, IReadOnlyList<(string Letter, ImportColumn Column)> columns)
    {
        _path = path;
        _kind = kind;
        _columns = columns;
    }

    /// <summary>The columns as the sheet has them, in its order.</summary>
    public IReadOnlyList<ImportColumn> Columns => [.. _columns.Select(c => c.Column)];

    /// <summary>Opens the sheet and reads its header; the error names what is wrong with the header, if anything.</summary>
    public static (ImportSheet? Sheet, string? Error) Open(string path, ImportKind kind)
    {
        var header = Query(path).FirstOrDefault();
        if (header is null)
        {
            return (null, "The first sheet is empty: the first row must name the columns.");
        }

        var columns = new List<(string, ImportColumn)>();
        foreach (var (letter, value) in header)
        {
            if (ImportCells.Text(value) is not { } name)
            {
                continue;
            }

            if (ImportWorkbooks.RowColumn.IsNamed(name) || ImportWorkbooks.ReasonColumn.IsNamed(name))
            {
                continue;
            }

            if (kind.Columns.FirstOrDefault(c => c.IsNamed(name)) is not { } column)
            {
                return (null, $"Column {letter} '{name}' is not a column of {kind.Name}: {Known(kind)}.");
            }

            if (columns.Any(c => c.Item2 == column))
            {
                return (null, $"Column {letter} '{name}' names {column.Field} a second time.");
            }

            columns.Add((letter, column));
        }

        var missing = kind.Columns.Where(c => c.Required && columns.All(s => s.Item2 != c)).Select(c => $"{c.Chinese} {c.English}").ToList();
        return missing.Count > 0
            ? (null, $"Required columns are missing: {string.Join(", ", missing)}.")
            : (new ImportSheet(path, kind, columns), null);
    }

    /// <summary>The data rows, numbered as the sheet numbers them; blank rows are skipped.</summary>
    public IEnumerable<ImportRow> Rows()
    {
        var number = 1;
        foreach (var cells in Query(_path).Skip(1))
        {
            number++;
            var texts = _columns.Select(c => ImportCells.Text(cells.TryGetValue(c.Letter, out var v) ? v : null)).ToArray();
            if (texts.All(t => t is null))
            {
                continue;
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < _columns.Count; i++)
            {
                values[_columns[i].Column.Field] = texts[i];
            }

            yield return new ImportRow(number, texts, values);
        }
    }

    /// <summary>
    /// One pass over the sheet before it is accepted: how many data rows it has, and the first text cell that would
    /// run as a formula in a spreadsheet (cells beside the table count too: the error workbook carries rows on).
    /// </summary>
    public (int Rows, string? FormulaCell) Survey()
    {
        var (number, rows) = (1, 0);
        foreach (var cells in Query(_path).Skip(1))
        {
            number++;
            var blank = true;
            foreach (var (letter, value) in cells)
            {
                if (value is string text && ImportCells.LooksLikeFormula(text.Trim()))
                {
                    return (rows, $"{letter}{number}");
                }

                blank &= ImportCells.Text(value) is null;
            }

            rows += blank ? 0 : 1;
        }

        return (rows, null);
    }

    private static string Known(ImportKind kind) => string.Join(", ", kind.Columns.Select(c => $"{c.Chinese} {c.English}"));

    private static IEnumerable<IDictionary<string, object?>> Query(string path) =>
        MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
}
