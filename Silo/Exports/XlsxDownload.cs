using System.IO.Pipelines;
using MiniExcelLibs;
using WealthActors.Silo.Apis;

namespace WealthActors.Silo.Exports;

/// <summary>
/// An .xlsx answer written while it is sent: MiniExcel writes the rows, as they are enumerated, into a pipe on a worker
/// thread (it writes synchronously, which the server's response stream refuses) and the pipe drains into the response,
/// so neither the rows nor the workbook sit whole in memory. Text goes out as text cells, never as formulas: a cell
/// that begins with '=' stays the characters it is.
/// </summary>
internal static class XlsxDownload
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Enough for MiniExcel's own buffers; the writer waits while the client is slower than it.
    private const long PauseWriterBytes = 1024 * 1024;

    /// <summary>Declares the spreadsheet download as the operation's success (200) in the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesXlsx(this RouteHandlerBuilder route) =>
        route.ProducesFile(ContentType);

    public static IResult Of(string fileName, object rows) =>
        TypedResults.Stream(body => WriteAsync(body, rows), ContentType, fileName);

    /// <param name="rows">An <c>IEnumerable</c> of records (a header row from their column names even when empty), or a <c>DataTable</c>.</param>
    public static async Task WriteAsync(Stream destination, object rows, CancellationToken cancellationToken = default)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseWriterBytes, resumeWriterThreshold: PauseWriterBytes / 2, useSynchronizationContext: false));
        var writing = Task.Run(() =>
        {
            try
            {
                using (var stream = pipe.Writer.AsStream(leaveOpen: true))
                {
                    MiniExcel.SaveAs(stream, rows, excelType: ExcelType.XLSX);
                }

                pipe.Writer.Complete();
            }
            catch (Exception ex)
            {
                pipe.Writer.Complete(ex);
            }
        }, cancellationToken);
        try
        {
            await pipe.Reader.CopyToAsync(destination, cancellationToken);
        }
        finally
        {
            // A client that went away stops the writer at its next write.
            await pipe.Reader.CompleteAsync();
            await writing;
        }
    }
}
