using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WealthActors.Silo.Security;

/// <summary>
/// The OpenAPI document says how to authenticate: the <c>X-Api-Key</c> header of a system's key, or a bearer token
/// (JWT) of a person, and every operation that needs a caller requires one of the two. Generated clients and the API
/// reference then send credentials without being told by hand.
/// </summary>
public sealed class OpenApiSecuritySchemes : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";
    public const string ApiKeyHeader = "X-Api-Key";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader,
            Description = "A system's API key (configuration Auth:ApiKeys); its roles decide which operations it reaches.",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A person's access token from the bank's identity provider.",
        };

        return Task.CompletedTask;
    }

    /// <summary>An operation whose endpoint needs an authorized caller accepts either scheme (two alternatives).</summary>
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            ];
        }

        return Task.CompletedTask;
    }
}
