using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace WealthActors.Silo.Security;

public static class SecurityHostingExtensions
{
    /// <summary>The OpenAPI document with its security schemes.</summary>
    public static OpenApiOptions AddWealthActorsSecuritySchemes(this OpenApiOptions options)
    {
        var schemes = new OpenApiSecuritySchemes();
        options.AddDocumentTransformer(schemes);
        options.AddOperationTransformer(schemes);
        return options;
    }

    /// <summary>
    /// First in the pipeline, so that every answer carries the headers; HSTS outside Development (it is sent only
    /// over HTTPS, and never for localhost, whose browsers would otherwise insist on HTTPS for every local project).
    /// </summary>
    public static WebApplication UseWealthActorsSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>The API reference from the Silo's own files: no fonts, telemetry or assistant from Scalar's servers.</summary>
    public static void ScalarFromThisSilo(ScalarOptions options) =>
        options.DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()
            .AddPreferredSecuritySchemes(OpenApiSecuritySchemes.ApiKey);
}
