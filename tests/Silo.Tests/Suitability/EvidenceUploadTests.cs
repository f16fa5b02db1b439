using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WealthActors.Silo.Suitability;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;
using static WealthActors.Silo.Tests.Suitability.SuitabilityApiTests;

namespace WealthActors.Silo.Tests.Suitability;

/// <summary>A Silo with a 4 KB evidence limit: uploads that are too large, cut short, of the wrong type, or altered afterwards.</summary>
public sealed class EvidenceUploadTests : IAsyncLifetime
{
    private readonly ApiFactory _api = ApiFactory.With(new Dictionary<string, string?> { ["Evidence:MaxFileBytes"] = "4096" });
    private PeopleOrg _org = null!;
    private HttpClient _system = null!;

    public async Task InitializeAsync()
    {
        _org = await PeopleOrg.Create(_api);
        _system = _api.As("System");
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private string Folder => _api.Services.GetRequiredService<EvidenceStore>().Folder;

    private int StoredFiles() => Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Count() : 0;

    [Fact]
    public async Task Upload_Oversized_Is413AndKeepsNothing()
    {
        var big = new byte[5000];
        Pdf.CopyTo(big, 0);
        await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "SignedForm", big, "application/pdf", "big.pdf"))).Problem(HttpStatusCode.RequestEntityTooLarge, "file");

        // Streamed without a length: still stopped at the limit while it is read.
        var content = Evidence(_org.Client, "SignedForm", big, "application/pdf", "big.pdf");
        var streamed = new StreamContent(await content.ReadAsStreamAsync());
        streamed.Headers.ContentType = content.Headers.ContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var response = await _system.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, StoredFiles());
    }

    [Fact]
    public async Task Upload_TruncatedBody_Is400AndKeepsNothing()
    {
        var complete = Encoding.ASCII.GetBytes(
            "--xyz\r\nContent-Disposition: form-data; name=\"clientId\"\r\n\r\n" + _org.Client + "\r\n" +
            "--xyz\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nSignedForm\r\n" +
            "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
        var cut = new ByteArrayContent([.. complete, .. Pdf[..20]]);   // the connection dropped: no closing boundary
        cut.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        await (await _system.PostAsync("/api/evidence", cut)).Problem(HttpStatusCode.BadRequest, "file");
        Assert.Equal(0, StoredFiles());

        // A body that is well-formed but whose file was cut short before it was sent is caught by the sha256 it should have.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf));
        await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "SignedForm", Pdf[..20], "application/pdf", "f.pdf", sha256: sha)))
            .Problem(HttpStatusCode.BadRequest, "file");
        Assert.Equal(0, StoredFiles());
    }

    [Fact]
    public async Task Upload_WrongType_Is415()
    {
        // An executable renamed to .pdf, a PDF that calls itself a video, and a document offered as the recording.
        await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "SignedForm", "MZ\x90\0binary"u8.ToArray(), "application/pdf", "x.pdf")))
            .Problem(HttpStatusCode.UnsupportedMediaType, "file");
        await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "SignedForm", Pdf, "video/mp4", "x.mp4")))
            .Problem(HttpStatusCode.UnsupportedMediaType, "file");
        await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "Recording", Pdf, "application/pdf", "x.pdf")))
            .Problem(HttpStatusCode.UnsupportedMediaType, "file");
        await (await _system.PostAsync("/api/evidence", new StringContent("{}", Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.UnsupportedMediaType, "file");
        Assert.Equal(0, StoredFiles());
    }

    [Fact]
    public async Task Verify_FileAlteredAfterwards_IsReportedByTheCommand()
    {
        var stored = await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "Recording", Mp4, "audio/mp4", "session.m4a"))).Json(HttpStatusCode.Created);
        var other = await (await _system.PostAsync("/api/evidence", Evidence(_org.Client, "SignedForm", Pdf, "application/pdf", "form.pdf"))).Json(HttpStatusCode.Created);
        var environment = new Dictionary<string, string> { ["Storage__Sqlite__Path"] = _api.DatabasePath, ["Evidence__Folder"] = Folder };

        var clean = await SiloCommand.Run(environment, "evidence", "verify");
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Errors);
        Assert.Contains("2 files verified", clean.Output);

        var path = Directory.EnumerateFiles(Folder, stored.Str("evidenceId"), SearchOption.AllDirectories).Single();
        if (!OperatingSystem.IsWindows())
        {
            // Stored read-only; whoever alters it has to lift that first.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var altered = await SiloCommand.Run(environment, "evidence", "verify");
        Assert.Equal(1, altered.ExitCode);
        Assert.Contains($"{stored.Str("evidenceId")} ({_org.Client}, Recording): ALTERED", altered.Output);
        Assert.DoesNotContain(other.Str("evidenceId"), altered.Output);
        Assert.Contains("1 of 2 files", altered.Output);
    }
}
