using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// A console page opened in a browser (one that asks for HTML) without a session sends it to sign in and back to the
/// same page; everything else (the API, the console's circuit hub, a client asking for JSON) answers 401 as before. Replaces the default result handler, which it calls.
/// </summary>
internal sealed class ConsoleSignInRedirect(IOptions<OidcOptions> oidc, IOptions<WeComOptions> wecom) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The endpoint metadata of a console page.</summary>
    public static readonly object Marker = new ConsolePageMarker();

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var page = context.GetEndpoint()?.Metadata.GetMetadata<ConsolePageMarker>() is not null
            && HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && context.Request.Path.StartsWithSegments(ConsoleHostingExtensions.Path);
        if (page && authorizeResult.Challenged)
        {
            var back = Uri.EscapeDataString(context.Request.Path + context.Request.QueryString);
            // The provider where there is one; WeCom's web login where it is the only way in.
            var signIn = oidc.Value.Enabled || !wecom.Value.Enabled ? "/signin" : "/signin/wecom";
            context.Response.Redirect($"{signIn}?returnUrl={back}");
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private sealed class ConsolePageMarker;
}
