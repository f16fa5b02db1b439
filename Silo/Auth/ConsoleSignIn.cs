using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using WealthActors.Bot.Channels.WeCom;

namespace WealthActors.Silo.Auth;

/// <summary>
/// People sign into the Silo's web pages with the bank's identity provider (OpenID Connect, authorization code flow
/// with PKCE; needs <c>Auth:Oidc:ClientId</c> and the provider of <c>Auth:Jwt:Authority</c>) or, where WeCom is
/// configured, with WeCom's web login (<see cref="WeComSignIn"/>), and keep a session cookie; the pages then call the
/// API as that person.
/// </summary>
public static class ConsoleSignIn
{
    public const string CookieScheme = "console";
    public const string CookieName = "wa.session";
    public const string ProviderScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// A session cookie travels with any request the browser makes, including one a hostile page starts; a custom
    /// header cannot be added by another site without a CORS grant this Silo never gives. So a cookie-borne request
    /// that changes something must carry it (the pages' scripts always do).
    /// </summary>
    public const string CsrfHeader = "X-WA-Console";

    /// <summary>The door of a session, however it was opened (the provider or WeCom): the credential is the cookie.</summary>
    public const string Door = "console";

    internal static void AddConsoleSignIn(this AuthenticationBuilder authentication, IServiceCollection services, IConfiguration configuration, JwtOptions jwt)
    {
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section))
            .Validate(o => !o.Enabled || jwt.Authority.Length > 0, "Auth:Oidc:ClientId needs the provider of Auth:Jwt:Authority.")
            .Validate(o => o.SessionIdleTimeout >= TimeSpan.FromMinutes(1), "Auth:Oidc:SessionIdleTimeout must be at least a minute.")
            .ValidateOnStart();
        var withOidc = oidc.Enabled && jwt.Authority.Length > 0;
        var withWeCom = configuration.GetSection(WeComOptions.Section).Get<WeComOptions>()?.Enabled == true;
        if (!withOidc && !withWeCom)
        {
            return;
        }

        authentication.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = oidc.SessionIdleTimeout;
            // An API call without a session answers 401/403; only /signin sends a browser to the provider.
            o.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = RefuseCrossSiteChanges;
        });
        if (withWeCom)
        {
            services.AddSingleton<WeComSignInCorrelation>();
            services.AddTransient<WeComSignIn>();
        }

        if (!withOidc)
        {
            return;
        }

        authentication.AddOpenIdConnect(ProviderScheme, o =>
        {
            o.SignInScheme = CookieScheme;
            o.Authority = jwt.Authority;
            o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back on a top-level GET, so the correlation cookies may be SameSite=Lax on plain HTTP too.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            // A sign-in that failed (refused at the provider, an unknown or deactivated employee, a replayed or
            // forged callback) is the person's 403, not the server's 500.
            o.Events.OnRemoteFailure = async context =>
            {
                context.HandleResponse();
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign-in failed.", detail: context.Failure?.Message)
                    .ExecuteAsync(context.HttpContext);
            };
            o.Events.OnTokenValidated = async context =>
            {
                var employeeId = context.Principal?.FindFirstValue(jwt.EmployeeClaim);
                var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
                var session = await SessionFor(employeeId, grains);
                context.Principal = session.Principal;
                if (session.Refusal is { } refusal)
                {
                    context.Fail(refusal);
                }
            };
        });
    }

    /// <summary>
    /// The session of a person the provider or WeCom proved to be <paramref name="employeeId"/>, whichever way they
    /// signed in; <see cref="ConsoleSession.Refusal"/> says why none may be opened (an unknown or deactivated employee).
    /// </summary>
    internal static async Task<ConsoleSession> SessionFor(string? employeeId, IGrainFactory grains)
    {
        var identity = await PersonIdentity.For(employeeId, Door, grains);
        // Only the employee id is kept in the cookie: roles are read again from the record on every request.
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            identity.Claims.Where(c => c.Type is WealthActorsClaims.EmployeeId), CookieScheme));
        return new ConsoleSession(principal, identity.FindFirst(PersonIdentity.RefusedClaim)?.Value);
    }

    /// <summary>
    /// Roles come from the employee record on every request, so a role change or a deactivation takes effect at once
    /// for an open session too; a cookie-borne change without <see cref="CsrfHeader"/> is refused.
    /// </summary>
    private static async Task RefuseCrossSiteChanges(CookieValidatePrincipalContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !request.Headers.ContainsKey(CsrfHeader))
        {
            context.RejectPrincipal();
            return;
        }

        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var identity = await PersonIdentity.For(context.Principal?.FindFirstValue(WealthActorsClaims.EmployeeId), Door, grains);
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
