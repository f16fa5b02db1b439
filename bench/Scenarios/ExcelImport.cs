using System.Diagnostics;
using System.Net.Http.Headers;
using MiniExcelLibs;
using WealthActors.Bench.Infrastructure;

namespace WealthActors.Bench.Scenarios;

/// <summary>
/// A book of clients imported from Excel into the real Silo on the embedded default: a workbook of <c>rows</c> clients
/// (spread over ten branches) uploaded to <c>POST /api/imports/clients</c>, timed from the upload until the import
/// reports Completed, with the silo's peak resident memory over the run (the kernel's high-water mark) as the bound on
/// what the streaming read and the chunked upserts hold.
/// </summary>
public static class ExcelImport
{
    private const string Name = "excel-import";

    private const int Branches = 10;

    public static async Task<int> Run(BenchArgs args)
    {
        var rows = args.Int("rows", 100_000, 100_000);
        using var temp = new TempDirectory();
        var book = temp.File("clients.xlsx");
        Write(book, rows);
        Out.Detail($"workbook: {rows} rows, {new FileInfo(book).Length / 1024} KiB");

        await using var silo = await ChildSilo.StartSilo(temp.File("wealthactors.db"));
        using var http = silo.Http(TimeSpan.FromMinutes(5));
        await Org.Branches(http, Branches);
        var before = PeakResidentBytes(silo.ProcessId);

        var clock = Stopwatch.StartNew();
        var importId = await Upload(http, book);
        var uploaded = clock.Elapsed.TotalSeconds;
        System.Text.Json.Nodes.JsonNode status;
        while (true)
        {
            status = await http.GetOk($"/api/imports/{importId}");
            if (status["status"]!.GetValue<string>() != "Running")
            {
                break;
            }

            await Task.Delay(100);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakResidentBytes(silo.ProcessId);
        var failed = status["failed"]!.GetValue<int>();
        Out.Detail($"upload answered 202 after {uploaded:0.0}s (stored, checked, rows counted); status {status["status"]}, {status["processed"]} processed, {failed} rejected");
        Out.Detail($"silo peak resident memory: {before / (1024 * 1024)} MiB before the upload, {peak / (1024 * 1024)} MiB at the end; {silo.CpuTime().TotalSeconds:0} s CPU in all");
        await http.GetOk($"/api/clients/{Org.Client("X", rows - 1)}");
        Out.Summary(Name, ("rows", rows), ("seconds", seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)),
            ("peak_mb", peak / (1024 * 1024)), ("failed", failed));
        return failed == 0 ? 0 : 1;
    }

    private static void Write(string path, int rows)
    {
        // Rows are generated as MiniExcel writes them, so the driver does not hold the book either.
        IEnumerable<Dictionary<string, object>> Rows()
        {
            for (var i = 0; i < rows; i++)
            {
                var branch = i % Branches;
                yield return new Dictionary<string, object>
                {
                    ["客户编号"] = Org.Client("X", i), ["姓名"] = $"客户 Client {i}", ["手机"] = $"139{i:00000000}", ["证件号码"] = $"310101{i:000000000000}",
                    ["生日"] = new DateTime(1950 + i % 50, 1 + i % 12, 1 + i % 28), ["网点"] = Org.Branch(branch), ["客户经理"] = Org.Advisor(branch),
                    ["VIP"] = i % 10 == 0 ? "是" : "否", ["风险等级"] = $"C{1 + i % 5}",
                };
            }
        }

        MiniExcel.SaveAs(path, Rows());
    }

    private static async Task<string> Upload(HttpClient http, string path)
    {
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", Path.GetFileName(path));
        using var response = await http.PostAsync("/api/imports/clients", content);
        return (await response.Read(202))["importId"]!.GetValue<string>();
    }

    /// <summary>VmHWM of /proc/{pid}/status: the most memory the process has had resident since it started.</summary>
    private static long PeakResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
