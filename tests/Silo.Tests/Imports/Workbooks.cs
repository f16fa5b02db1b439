using System.Data;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Imports;

/// <summary>Workbooks as a branch would send them, and the round trip of uploading one and waiting for its import to end.</summary>
internal static class Workbooks
{
    /// <summary>A one-sheet .xlsx: the header row, then the rows (each cell a string, a number, a date or null).</summary>
    public static byte[] Sheet(IReadOnlyList<string> headers, params object?[][] rows)
    {
        var table = new DataTable("Sheet1");
        foreach (var header in headers)
        {
            table.Columns.Add(header, typeof(object));
        }

        foreach (var row in rows)
        {
            table.Rows.Add(row.Select(c => c ?? DBNull.Value).ToArray());
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, table);
        return stream.ToArray();
    }

    /// <summary>The sheet's rows as text, header first (column letters A, B, … as keys).</summary>
    public static List<Dictionary<string, string?>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(c => c.Key, c => c.Value is null ? null : Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>Every worksheet part's XML: what a spreadsheet program would read as values or as formulas.</summary>
    public static string SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }

    /// <summary>The workbook with its first sheet's XML rewritten (to plant what a writer of .xlsx would not).</summary>
    public static byte[] RewriteSheet(byte[] xlsx, Func<string, string> rewrite)
    {
        var copy = new MemoryStream();
        copy.Write(xlsx);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(rewrite(xml));
        }

        return copy.ToArray();
    }

    /// <summary>The workbook with an extra part of <paramref name="bytes"/> zeros: it packs a thousandfold, as a zip bomb does.</summary>
    public static byte[] WithPadding(byte[] xlsx, int bytes)
    {
        var copy = new MemoryStream();
        copy.Write(xlsx);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var part = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < bytes; written += zeros.Length)
            {
                part.Write(zeros, 0, Math.Min(zeros.Length, bytes - written));
            }
        }

        return copy.ToArray();
    }

    public static async Task<HttpResponseMessage> Upload(HttpClient client, string kind, byte[] file, string fileName = "book.xlsx")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/imports/{kind}") { Content = content };
        // The server refuses an oversized body by its declared length; the client waits for that answer before sending it.
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    /// <summary>Uploads and waits for the import to end; returns its id and final status.</summary>
    public static async Task<(string ImportId, JsonNode Status)> Import(HttpClient client, string kind, byte[] file)
    {
        var accepted = await (await Upload(client, kind, file)).Json(HttpStatusCode.Accepted);
        var importId = accepted.Str("importId");
        var status = await Eventually.Until(
            async () => await (await client.GetAsync($"/api/imports/{importId}")).Json(HttpStatusCode.OK),
            s => s.Str("status") != "Running", $"import {importId} to end", timeoutMs: 60_000);
        return (importId, status);
    }
}
