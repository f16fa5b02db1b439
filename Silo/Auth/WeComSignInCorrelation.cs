using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace WealthActors.Silo.Auth;

/// <summary>
/// Binds a WeCom sign-in to the browser that started it, as ASP.NET Core's remote handlers do with their correlation
/// cookie: the state sent to WeCom names a short-lived cookie that holds, protected, the same state, its expiry and
/// where to land. A callback whose state has no such cookie in this browser (forged, replayed, or started in another
/// browser) signs no one in. WeCom allows only letters and digits in a state, so the state carries nothing itself.
/// </summary>
public sealed class WeComSignInCorrelation(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>Long enough to scan a QR code and confirm it on the phone; WeCom's code itself lives five minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const string CookiePrefix = "wa.wecom.";

    // 128 random bits as hex: within WeCom's "a-zA-Z0-9, at most 128 bytes".
    private const int StateLength = 32;

    private readonly IDataProtector _protector = protection.CreateProtector("WealthActors.Silo.Auth.WeComSignIn.v1");

    /// <summary>Issues a fresh state for this browser that remembers <paramref name="returnUrl"/>.</summary>
    public string Issue(HttpContext http, string returnUrl)
    {
        var state = RandomNumberGenerator.GetHexString(StateLength, lowercase: true);
        var expires = time.GetUtcNow() + Lifetime;
        var payload = string.Join('\n', state, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), returnUrl);
        http.Response.Cookies.Append(CookiePrefix + state, _protector.Protect(payload), CookieOptions(http, expires));
        return state;
    }

    /// <summary>
    /// The return URL of the sign-in that issued <paramref name="state"/> to this browser, or null when it issued none
    /// (or it expired). A state is spent by its first callback, whatever comes of it.
    /// </summary>
    public string? Redeem(HttpContext http, string? state)
    {
        // Checked before it names a cookie: the state comes from the query, so from anyone.
        if (state is not { Length: StateLength } || !state.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var name = CookiePrefix + state;
        if (!http.Request.Cookies.TryGetValue(name, out var cookie))
        {
            return null;
        }

        http.Response.Cookies.Delete(name, CookieOptions(http, null));
        string[] parts;
        try
        {
            parts = _protector.Unprotect(cookie).Split('\n', 3);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var issuedFor = parts.Length == 3
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[0]), Encoding.ASCII.GetBytes(state));
        var fresh = long.TryParse(parts.ElementAtOrDefault(1), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(expires);
        return issuedFor && fresh ? parts[2] : null;
    }

    private static CookieOptions CookieOptions(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        // WeCom sends the browser back with a top-level GET from its own site, which carries Lax cookies.
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        // Only the callback needs it, so no other request carries it.
        Path = http.Request.PathBase.Add(WeComSignIn.CallbackPath),
        Expires = expires,
        IsEssential = true,
    };
}
