using Microsoft.Net.Http.Headers;

namespace WealthActors.Silo.Security;

/// <summary>
/// Headers every response carries, whatever answered it (an endpoint, a static file, a refusal): the browser must not
/// guess content types, must not send the address on as a referrer (addresses carry employee and client ids), and
/// must apply the page's Content-Security-Policy.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DocsPath = "/docs";
    public const string DashboardPath = "/dashboard";
    public const string ConsolePath = "/console";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers[HeaderNames.XFrameOptions] = "DENY";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers[HeaderNames.ContentSecurityPolicy] =
                    path.StartsWithSegments(DashboardPath) ? ContentSecurityPolicies.Dashboard
                    : path.StartsWithSegments(ConsolePath) ? ContentSecurityPolicies.Console
                    : ContentSecurityPolicies.Strict;
            }

            return Task.CompletedTask;
        });

        if (!IsDocsPage(path))
        {
            await next(context);
            return;
        }

        // The reference page is a few hundred bytes whose inline script depends on the configuration: it is read
        // whole so that the policy can name exactly that script's hash.
        var body = context.Response.Body;
        using var page = new MemoryStream();
        context.Response.Body = page;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = System.Text.Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length);
            context.Response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicies.Docs(ContentSecurityPolicies.InlineScriptHashes(html));
        }

        if (page.Length > 0)
        {
            context.Response.ContentLength = page.Length;
            page.Position = 0;
            await page.CopyToAsync(body, context.RequestAborted);
        }
    }

    /// <summary>The reference's pages, not its script and style files (which are large and have no inline script).</summary>
    private static bool IsDocsPage(PathString path) =>
        path.StartsWithSegments(DocsPath, out var rest) && !Path.HasExtension(rest.Value ?? string.Empty);
}
