using System.Data.Common;
using System.Globalization;

namespace WealthActors.Silo.Storage;

/// <summary>The rows a batched statement returns, as both databases' batchers hand them to their callers.</summary>
internal static class StatementRows
{
    /// <summary>The reader's current row, SQL NULL as null.</summary>
    public static object?[] Values(DbDataReader reader)
    {
        var row = new object?[reader.FieldCount];
        reader.GetValues(row!);
        return Array.ConvertAll(row, value => value is DBNull ? null : value);
    }

    /// <summary>
    /// A column of the first row as a number (the version a write or read returned), or null when there is no row or the
    /// value is NULL: the form every stored version takes, whatever integer type the driver read it as.
    /// </summary>
    public static int? FirstInt32(IReadOnlyList<object?[]> rows, int column = 0) =>
        rows.Count > 0 && rows[0][column] is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
}
