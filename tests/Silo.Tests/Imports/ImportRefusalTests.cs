using System.Net;
using System.Text;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Imports;

/// <summary>Uploads refused whole, before a row is read: a 4xx naming the file, and nothing imported.</summary>
[Collection(ApiCollection.Name)]
public sealed class ImportRefusalTests(ApiFactory api)
{
    private static readonly string[] Headers = ["clientId", "name", "branchId", "advisorId"];

    [Fact]
    public async Task NotAnXlsx_Is415()
    {
        var seed = await Seed.Create(api);
        var csv = Encoding.UTF8.GetBytes($"clientId,name,branchId,advisorId\n{seed.Prefix}-N1,Csv,{seed.Branch},{seed.Advisor}\n");
        await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", csv, "book.xlsx"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", Good(seed), "book.csv"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AZipBomb_Is413()
    {
        var seed = await Seed.Create(api);
        var bomb = Workbooks.WithPadding(Good(seed), 64 * 1024 * 1024);
        Assert.True(bomb.Length < 1024 * 1024, "the padding packs to a fraction of its size");
        await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", bomb), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AFormulaCell_Is400()
    {
        var seed = await Seed.Create(api);
        var file = Workbooks.Sheet(Headers,
            [$"{seed.Prefix}-N1", "Plain", seed.Branch, seed.Advisor],
            [$"{seed.Prefix}-N2", "PLACEHOLDER", seed.Branch, seed.Advisor]);
        // A real formula element, as a spreadsheet program saves =HYPERLINK(…) typed into a cell.
        var formula = Workbooks.RewriteSheet(file, xml => xml.Replace(
            "<x:v>PLACEHOLDER</x:v>", "<x:f>HYPERLINK(\"http://evil.example\",\"click\")</x:f><x:v>click</x:v>", StringComparison.Ordinal));
        Assert.Contains("<x:f>", Workbooks.SheetXml(formula));
        var response = await Workbooks.Upload(api.As("System"), "clients", formula);
        Assert.Contains("B3", (await AssertRefused(seed, response, HttpStatusCode.BadRequest)));

        foreach (var text in new[] { "=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0" })
        {
            var injected = Workbooks.Sheet(Headers, [$"{seed.Prefix}-N1", "Plain", seed.Branch, seed.Advisor], [$"{seed.Prefix}-N2", text, seed.Branch, seed.Advisor]);
            Assert.Contains("B3", await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", injected), HttpStatusCode.BadRequest));
        }
    }

    [Fact]
    public async Task AFileOverTheLimit_Is413()
    {
        var seed = await Seed.Create(api);
        var big = new byte[50 * 1024 * 1024];
        Good(seed).CopyTo(big, 0);
        await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", big), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownOrMissingColumns_Are400()
    {
        var seed = await Seed.Create(api);
        var unknown = Workbooks.Sheet([.. Headers, "phon"], [$"{seed.Prefix}-N1", "Typo", seed.Branch, seed.Advisor, "13800000000"]);
        Assert.Contains("phon", await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", unknown), HttpStatusCode.BadRequest));
        var missing = Workbooks.Sheet(["clientId", "name"], [$"{seed.Prefix}-N1", "Short"]);
        Assert.Contains("advisorId", await AssertRefused(seed, await Workbooks.Upload(api.As("System"), "clients", missing), HttpStatusCode.BadRequest));
    }

    private static byte[] Good(Seed seed) => Workbooks.Sheet(Headers, [$"{seed.Prefix}-N1", "Fine", seed.Branch, seed.Advisor]);

    /// <summary>The refusal is a problem detail naming the file; no client of the file exists, and nothing is left in the import folder.</summary>
    private async Task<string> AssertRefused(Seed seed, HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.Problem(expected, "file");
        var admin = api.As("Admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clients/{seed.Prefix}-N1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/clients/{seed.Prefix}-N2")).StatusCode);
        var folder = Path.Combine(Path.GetDirectoryName(api.DatabasePath)!, "imports");
        Assert.True(!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.upload").Any(), "a refused upload is not kept");
        return problem.ToJsonString();
    }
}
