using System.Data;
using WealthActors.Imports;

namespace WealthActors.Silo.Imports;

/// <summary>The workbooks the import routes hand out: a kind's empty template, and an import's rejected rows.</summary>
internal static class ImportWorkbooks
{
    /// <summary>The two columns the error workbook adds; an upload of a corrected error workbook ignores them.</summary>
    public static readonly ImportColumn RowColumn = new("row", "行号");

    public static readonly ImportColumn ReasonColumn = new("reason", "原因");

    /// <summary>The header row alone, in Chinese (<paramref name="english"/> false) or in the API's field names.</summary>
    public static DataTable Template(ImportKind kind, bool english)
    {
        var table = new DataTable(kind.Name);
        foreach (var column in kind.Columns)
        {
            table.Columns.Add(english ? column.English : column.Chinese, typeof(string));
        }

        return table;
    }

    /// <summary>
    /// Each rejected row with its sheet row number, its cells as uploaded, and why: the headers are those an upload
    /// accepts, so the corrected rows can go back as they are.
    /// </summary>
    public static DataTable Errors(ImportKind kind, ImportTicket ticket, IReadOnlyList<ImportRowError> errors)
    {
        var table = new DataTable("errors");
        table.Columns.Add($"{RowColumn.Chinese} {RowColumn.English}", typeof(int));
        foreach (var field in ticket.Columns)
        {
            var column = kind.Columns.First(c => c.Field == field);
            table.Columns.Add($"{column.Chinese} {column.English}", typeof(string));
        }

        table.Columns.Add($"{ReasonColumn.Chinese} {ReasonColumn.English}", typeof(string));
        foreach (var error in errors)
        {
            table.Rows.Add([error.Row, .. error.Cells.Cast<object?>().Select(c => c ?? DBNull.Value), error.Reason]);
        }

        return table;
    }
}
