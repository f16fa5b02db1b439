using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Apis;

/// <summary>
/// Signing people into the web pages with WeCom (mapped only when WeCom is configured). Anonymous, like <c>/signin</c>:
/// they are how a person gets a session in the first place.
/// </summary>
public static class WeComSignInApi
{
    public static IEndpointRouteBuilder MapWeComSignInApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(WeComSignIn.StartPath, Start).WithTags("Session").AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(WeComSignIn.CallbackPath, Callback).WithTags("Session").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>Inside the WeCom client, its web authorization; with <c>qr=true</c> (a PC browser), WeCom's login page.</summary>
    private static IResult Start(HttpContext http, string? returnUrl, bool? qr, WeComSignIn signIn) =>
        signIn.Start(http, SessionApi.IsLocal(returnUrl) ? returnUrl! : "/", qr == true);

    private static Task<IResult> Callback(HttpContext http, string? code, string? state, WeComSignIn signIn) =>
        signIn.CompleteAsync(http, code, state);
}
