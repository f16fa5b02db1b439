using System.IO.Compression;
using System.Xml;
using WealthActors.Silo.Streams;

namespace WealthActors.Silo.Imports;

/// <summary>
/// What an uploaded file must be before a row of it is read: an .xlsx package (a zip holding a workbook), that does not
/// unpack to more than <see cref="ImportOptions.MaxUncompressedBytes"/> or pack suspiciously tightly (a zip bomb), and
/// whose sheets hold no formula. Every part is unpacked once here, counting the bytes as they come rather than trusting
/// the sizes the zip declares.
/// </summary>
internal static class WorkbookChecks
{
    private const string SpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Null when the file may be imported, else why not and the status to answer with.</summary>
    public static WorkbookProblem? Problem(string path, ImportOptions options)
    {
        using (var file = File.OpenRead(path))
        {
            Span<byte> magic = stackalloc byte[4];
            if (file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
            {
                return NotXlsx;
            }
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
            {
                return NotXlsx;
            }

            return Declared(zip, options) ?? Unpacked(zip, options);
        }
        catch (UnpackBudgetExceededException)
        {
            return Bomb(options);
        }
        catch (InvalidDataException)
        {
            return NotXlsx;
        }
        catch (XmlException ex)
        {
            return new WorkbookProblem(StatusCodes.Status400BadRequest, $"The workbook is damaged: {ex.Message}");
        }
    }

    // The sizes the zip declares: a bomb is refused before a byte is unpacked.
    private static WorkbookProblem? Declared(ZipArchive zip, ImportOptions options)
    {
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (total > options.MaxUncompressedBytes || Ratio(entry.Length, entry.CompressedLength) > options.MaxCompressionRatio)
            {
                return Bomb(options);
            }
        }

        return null;
    }

    // The bytes as they unpack, in case the declared sizes lie; each sheet is read for formulas on the way.
    private static WorkbookProblem? Unpacked(ZipArchive zip, ImportOptions options)
    {
        var budget = new UnpackBudget(options.MaxUncompressedBytes);
        foreach (var entry in zip.Entries)
        {
            using var counted = new CountingStream(entry.Open(), budget);
            if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal))
            {
                if (FirstFormula(counted) is { } cell)
                {
                    return new WorkbookProblem(StatusCodes.Status400BadRequest, $"Cell {cell} holds a formula: formulas are not imported; paste the values instead.");
                }
            }
            else
            {
                counted.CopyTo(Stream.Null);
            }

            if (budget.Exceeded || Ratio(counted.Count, entry.CompressedLength) > options.MaxCompressionRatio)
            {
                return Bomb(options);
            }
        }

        return null;
    }

    /// <summary>The reference of the first cell with a formula (an <c>&lt;f&gt;</c> element), if any.</summary>
    private static string? FirstFormula(Stream sheet)
    {
        using var reader = XmlReader.Create(sheet, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        string? cell = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != SpreadsheetNamespace)
            {
                continue;
            }

            if (reader.LocalName == "c")
            {
                cell = reader.GetAttribute("r");
            }
            else if (reader.LocalName == "f")
            {
                return cell ?? "?";
            }
        }

        return null;
    }

    private static double Ratio(long unpacked, long packed) => unpacked < 1024 * 1024 ? 0 : (double)unpacked / Math.Max(packed, 1);

    private static readonly WorkbookProblem NotXlsx = new(StatusCodes.Status415UnsupportedMediaType, "The file is not an .xlsx workbook.");

    private static WorkbookProblem Bomb(ImportOptions options) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"The workbook unpacks to more than {options.MaxUncompressedBytes / (1024 * 1024)} MB or packs more tightly than any real sheet (a zip bomb).");

    private sealed class UnpackBudget(long limit)
    {
        private long _used;

        public bool Exceeded => _used > limit;

        public void Use(int bytes)
        {
            _used += bytes;
            if (_used > limit)
            {
                throw new UnpackBudgetExceededException();
            }
        }
    }

    private sealed class UnpackBudgetExceededException : Exception;

    private sealed class CountingStream(Stream inner, UnpackBudget budget) : ReadOnlyStream
    {
        public long Count { get; private set; }

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Count += read;
            budget.Use(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Why an upload is refused, and the status that says so (415 not a workbook, 413 a zip bomb, 400 otherwise).</summary>
internal sealed record WorkbookProblem(int Status, string Message);
