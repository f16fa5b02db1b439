using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using WealthActors.Silo.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Exports;
using WealthActors.Silo.Imports;
using WealthActors.Silo.Notifications;
using WealthActors.Silo.Privacy;
using WealthActors.Silo.Security;
using WealthActors.Silo.Suitability;

namespace WealthActors.Silo.Apis;

public static class ApiHostingExtensions
{
    /// <summary>No request of this API is larger; bigger bodies are refused before they are read.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddWealthActorsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<JsonOptions>(o =>
        {
            // Enums travel as names; a number or an unknown name is a 400 naming the field.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        // Binding failures surface as exceptions so that ApiProblems can name the field in a problem detail.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblems>();
        services.AddWealthActorsAuth(builder.Configuration, builder.Environment);
        // One set of masking rules for every door: this API, the chat engine, the console and exports.
        services.AddSingleton(MaskingConfiguration.Read(builder.Configuration));
        services.AddWealthActorsRateLimiting(builder.Configuration);
        services.AddWealthActorsTrustedProxies(builder.Configuration);
        // Every door records into it: this API, the chat engine, the job scheduler.
        builder.AddWealthActorsAudit();
        builder.AddWealthActorsImports();
        builder.AddWealthActorsHandovers();
        builder.AddWealthActorsClientNotifications();
        // The suitability routes' register, evidence index and evidence folder.
        builder.AddWealthActorsSuitability();
        services.AddOpenApi(o => o.AddWealthActorsSecuritySchemes());
        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapWealthActorsApi(this WebApplication app)
    {
        // Before anything reads the caller's address or scheme.
        app.UseWealthActorsTrustedProxies();
        // Then the audit entry, which records the status everything after it settled on, and holds the answer until committed.
        app.UseWealthActorsAudit();
        app.UseWealthActorsSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RejectOversizedBodies);
        app.UseAuthentication();
        // After authentication, which names the caller each limit is counted against; before any endpoint runs.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        app.MapScalarApiReference(SecurityHeaders.DocsPath, SecurityHostingExtensions.ScalarFromThisSilo);
        // Each API declares the problems the pipeline above answers on its own routes and groups (ApiResponses): one
        // group around them all measured 0.06–0.09 ms more silo CPU per grain op (docs/BENCHMARKS.md).
        app.MapSessionApi();
        app.MapOrganizationApi();
        app.MapClientsApi();
        app.MapInteractionsApi();
        app.MapHandoverApi();
        app.MapSlaPoliciesApi();
        app.MapCalendarsApi();
        app.MapComplaintsApi();
        app.MapTasksApi();
        app.MapServiceRequestsApi();
        app.MapTransactionsApi();
        app.MapCareRulesApi();
        app.MapJobsApi();
        app.MapAuditApi();
        app.MapImportsApi();
        app.MapExportsApi();
        app.MapSuitabilityApi();
        app.MapEvidenceApi();
        return app;
    }

    /// <summary>
    /// A declared length over the limit is refused at once; undeclared (chunked) bodies are capped by the server. The
    /// limit is <see cref="MaxRequestBodyBytes"/> unless the endpoint names its own (<see cref="BodySizeLimit"/>: an upload).
    /// </summary>
    private static async Task RejectOversizedBodies(HttpContext context, RequestDelegate next)
    {
        var own = context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>();
        var maxBytes = own?.Bytes ?? MaxRequestBodyBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: 413, title: $"The request body exceeds {maxBytes} bytes.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [own?.Field ?? "body"] = ["is too large."] } })
                .ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        await next(context);
    }
}
