using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WealthActors.Silo.Security;

/// <summary>
/// The Content-Security-Policy of each kind of response. Every page loads only what the Silo itself serves (no CDN),
/// and no page may be framed (clickjacking). The pages differ only in what their bundled scripts need.
/// </summary>
public static partial class ContentSecurityPolicies
{
    private const string Common = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

    /// <summary>The landing page, the web chat and every API answer: scripts and styles from files of the Silo only.</summary>
    public const string Strict = $"{Common}; script-src 'self'; style-src 'self'";

    /// <summary>
    /// The Orleans Dashboard: its bundle is served by the Silo, but its page and charts set inline styles. Styles cannot
    /// run code, so allowing them inline costs far less than allowing scripts would.
    /// </summary>
    public const string Dashboard = $"{Common}; script-src 'self'; style-src 'self' 'unsafe-inline'";

    /// <summary>
    /// The console (Blazor, interactive server rendering, with MudBlazor): its scripts are the Silo's files; its circuit
    /// runs over a WebSocket to this Silo, which connect-src 'self' already admits; MudBlazor's components position and
    /// colour themselves with inline styles, which cannot run code. So only styles are loosened, and on /console only.
    /// </summary>
    public const string Console = $"{Common}; script-src 'self'; style-src 'self' 'unsafe-inline'";

    /// <summary>
    /// The API reference (Scalar): its bundle is served by the Silo; its page starts it with an inline module script,
    /// which is allowed by its hash alone, and it themes itself with inline styles.
    /// </summary>
    public static string Docs(IEnumerable<string> inlineScriptHashes) =>
        $"{Common}; script-src 'self' {string.Join(' ', inlineScriptHashes.Select(h => $"'sha256-{h}'"))}; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:";

    /// <summary>The SHA-256 (base64) of each inline script of <paramref name="html"/>, as a CSP hash source names it.</summary>
    public static IReadOnlyList<string> InlineScriptHashes(string html) =>
        InlineScript().Matches(html)
            .Where(m => !m.Groups["attributes"].Value.Contains("src=", StringComparison.OrdinalIgnoreCase))
            .Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value))))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();
}
