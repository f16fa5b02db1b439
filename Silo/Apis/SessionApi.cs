using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Employees;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>Who is calling, as the Silo sees them.</summary>
public sealed record CallerResponse(string? EmployeeId, string? Name, EmployeeRole? Role, string? BranchId, string? KeyName, string Door, IReadOnlyList<string> Roles);

/// <summary>
/// Signing people into the web pages (with the provider when <c>Auth:Oidc</c> is configured, with WeCom when WeCom is)
/// and "who am I" for every caller.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me", Me).DeclaresPipelineProblems().WithTags("Session").RequireAuthorization(AuthHostingExtensions.Policies.Read)
            .Produces<CallerResponse>();
        var oidc = routes.ServiceProvider.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled;
        var wecom = routes.ServiceProvider.GetRequiredService<IOptions<WeComOptions>>().Value.Enabled;
        if (oidc)
        {
            routes.MapGet("/signin", SignIn).DeclaresPipelineProblems().WithTags("Session").AllowAnonymous().ExcludeFromDescription();
        }

        if (wecom)
        {
            routes.MapWeComSignInApi();
        }

        // Either way of signing in opens the same console session.
        if (oidc || wecom)
        {
            routes.MapPost("/signout", (Delegate)SignOut).DeclaresPipelineProblems().WithTags("Session").AllowAnonymous().ExcludeFromDescription();
        }

        return routes;
    }

    private static async Task<IResult> Me(HttpContext http, IGrainFactory grains)
    {
        var user = http.User;
        var employeeId = WealthActorsClaims.EmployeeIdOf(user);
        var profile = employeeId is null ? null : await grains.GetGrain<IEmployeeGrain>(employeeId).GetProfile();
        return TypedResults.Ok(new CallerResponse(
            employeeId, profile?.Name, profile?.Role, profile?.BranchId, WealthActorsClaims.KeyNameOf(user),
            user.FindFirstValue(WealthActorsClaims.Door) ?? "unknown",
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]));
    }

    /// <summary>Sends the browser to the provider; back here, it lands on <paramref name="returnUrl"/> of this Silo only.</summary>
    private static IResult SignIn(string? returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [ConsoleSignIn.ProviderScheme]);

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(ConsoleSignIn.CookieScheme);
        return Results.Redirect("/");
    }

    // "/x" but not "//host" or "/\host", which browsers read as another site.
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
