using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WealthActors.Silo.Tests.Apis.Declared;

/// <summary>
/// Every answer a Silo under test gave with a status its operation does not declare in the OpenAPI document. The
/// fixture checks it when the Silo stops, and a test checks it too, so an undeclared status fails the run.
/// </summary>
public sealed class UndeclaredStatuses
{
    private readonly ConcurrentDictionary<string, byte> _found = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Found => _found.Keys.Order(StringComparer.Ordinal).ToList();

    public void Record(string finding) => _found.TryAdd(finding, 0);

    public void AssertNone() =>
        Assert.True(_found.IsEmpty, "Statuses answered but not declared in the OpenAPI document:\n" + string.Join('\n', Found));
}

public static class UndeclaredStatusesHosting
{
    /// <summary>Watches every answer of the Silo and records into <paramref name="found"/> those its operation does not declare.</summary>
    public static IServiceCollection AddUndeclaredStatusCheck(this IServiceCollection services, UndeclaredStatuses found)
    {
        services.AddSingleton(found);
        services.AddSingleton<IStartupFilter>(new Watch(found));
        return services;
    }

    /// <summary>Outermost, so it sees the final status, whatever answered it (the handler, authorization, the exception handler).</summary>
    private sealed class Watch(UndeclaredStatuses found) : IStartupFilter
    {
        private DeclaredStatuses? _declared;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                var status = StatusCodes.Status500InternalServerError;
                try
                {
                    await inner(context);
                    status = context.Response.StatusCode;
                }
                finally
                {
                    Check(context, status);
                }
            });
            next(app);
        };

        private void Check(HttpContext context, int status)
        {
            // The exception handler clears the endpoint before it answers; its feature keeps the one that failed.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            if (endpoint is not RouteEndpoint route)
            {
                return;
            }

            _declared ??= DeclaredStatuses.From(context.RequestServices.GetRequiredService<IApiDescriptionGroupCollectionProvider>());
            if (_declared.Undeclared(context.Request.Method, route.RoutePattern.RawText ?? "", status) is { } finding)
            {
                found.Record(finding);
            }
        }
    }
}
