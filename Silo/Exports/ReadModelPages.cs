namespace WealthActors.Silo.Exports;

/// <summary>
/// Every row of a read-model list, fetched a page at a time as the rows are enumerated, so an export of a whole book
/// never holds more than one page. Enumerated on <see cref="XlsxDownload"/>'s writer thread (the spreadsheet writer
/// pulls rows synchronously), which is why a page is awaited there rather than on a request thread.
/// </summary>
internal static class ReadModelPages
{
    /// <summary>The read model's page: the most rows one query answers.</summary>
    public const int PageSize = 1000;

    /// <param name="page">
    /// Reads up to a count of rows from an offset, in an order that rows arriving meanwhile cannot shift (so no row is
    /// skipped or repeated between pages).
    /// </param>
    public static IEnumerable<T> All<T>(Func<int, int, CancellationToken, Task<IReadOnlyList<T>>> page, int max, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < max; offset += PageSize)
        {
            var rows = page(offset, Math.Min(PageSize, max - offset), cancellationToken).GetAwaiter().GetResult();
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
