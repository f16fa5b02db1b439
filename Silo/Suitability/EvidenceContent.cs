namespace WealthActors.Silo.Suitability;

/// <summary>
/// What a file is, by its first bytes rather than by what the uploader says: a signed form is a PDF or a scan (PNG,
/// JPEG); a recording is audio or video (MP4/M4A/MOV, WAV, MP3, WebM). The declared content type must agree.
/// </summary>
public static class EvidenceContent
{
    /// <summary>Bytes read before deciding; every signature below lies within them.</summary>
    public const int SniffBytes = 16;

    private static readonly Dictionary<string, string[]> Declared = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = ["application/pdf"],
        ["png"] = ["image/png"],
        ["jpeg"] = ["image/jpeg", "image/jpg"],
        ["mp4"] = ["video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a", "video/quicktime"],
        ["wav"] = ["audio/wav", "audio/wave", "audio/x-wav"],
        ["mp3"] = ["audio/mpeg", "audio/mp3"],
        ["webm"] = ["video/webm", "audio/webm"],
    };

    /// <summary>Every content type a stored file may carry, and is served with.</summary>
    public static IEnumerable<string> ContentTypes => Declared.Values.SelectMany(types => types);

    /// <summary>The format the bytes begin with, or null when none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "pdf";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "jpeg";
        }

        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return "mp4";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return "wav";
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return "mp3";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "webm";
        }

        return null;
    }

    public static bool IsRecording(string format) => format is "mp4" or "wav" or "mp3" or "webm";

    /// <summary>Whether <paramref name="declared"/> (the part's Content-Type) names the sniffed format.</summary>
    public static bool Agrees(string format, string? declared) =>
        declared is not null && Declared.TryGetValue(format, out var names)
        && names.Contains(declared.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>What a kind of evidence may be: recordings are audio or video, signed forms documents or scans.</summary>
    public static bool Fits(EvidenceKind kind, string format) => kind == EvidenceKind.Recording ? IsRecording(format) : !IsRecording(format);
}
