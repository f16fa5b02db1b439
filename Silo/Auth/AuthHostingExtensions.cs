using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace WealthActors.Silo.Auth;

public static class AuthHostingExtensions
{
    /// <summary>Picks the door a request came through: a bearer token, an API key, or a console session.</summary>
    public const string DoorScheme = "door";

    /// <summary>Authorization policies, one per audience of the API, each a set of roles.</summary>
    public static class Policies
    {
        public const string Read = "read";
        public const string Work = "work";
        public const string Integrate = "integrate";
        public const string Administer = "administer";

        /// <summary>Operating the service itself (care rules, running jobs by hand): Admin keys only.</summary>
        public const string AdminOnly = "admin-only";

        /// <summary>
        /// Handing an advisor's clients over to another: systems (an HR feed) and managers, who must also reach both
        /// advisors' clients; advisors, compliance and administrators may not.
        /// </summary>
        public const string Handover = "handover";

        /// <summary>Routes that act as the signed-in person themselves (web chat, "who am I"): people only, not keys.</summary>
        public const string Person = "person";
    }

    public static IServiceCollection AddWealthActorsAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.ApiKeys.All(k => k.IsWellFormed()),
                "Auth:ApiKeys: every entry needs either a Key of at least 16 characters or a KeyHash of 'sha256:' and 64 hex digits")
            .Validate(o => o.ApiKeys.SelectMany(k => k.Routes).All(r => r.StartsWith('/')), "Auth:ApiKeys: Routes are path prefixes starting with '/'")
            .Validate(o => o.ApiKeys.All(k => k.Name.Length > 0), "Auth:ApiKeys: every entry needs a Name")
            .Validate(o => o.ApiKeys.SelectMany(k => k.Roles).All(r => ApiRoles.All.Contains(r)),
                $"Auth:ApiKeys: roles must be among {string.Join(", ", ApiRoles.All)}")
            .ValidateOnStart();
        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section))
            .Validate(o => !o.Problems().Any(), string.Join(" ", jwt.Problems()))
            .Validate(o => o.DevelopmentSigningKey.Length == 0 || environment.IsDevelopment(),
                "Auth:Jwt:DevelopmentSigningKey: development tokens are refused outside the Development environment.")
            .ValidateOnStart();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = DoorScheme;
                o.DefaultChallengeScheme = DoorScheme;
            })
            .AddPolicyScheme(DoorScheme, null, o => o.ForwardDefaultSelector = context => SchemeFor(context, jwt.Enabled))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(o => ConfigureBearer(o, jwt, environment));
        }

        authentication.AddConsoleSignIn(services, configuration, jwt);

        // Roles come from an API key's configuration or, for a person, from their employee record (PersonIdentity).
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => Roles(p, ApiRoles.All))
            .AddPolicy(Policies.Work, p => Roles(p, ApiRoles.System, ApiRoles.Advisor, ApiRoles.Manager, ApiRoles.Admin))
            .AddPolicy(Policies.Integrate, p => Roles(p, ApiRoles.System, ApiRoles.Advisor, ApiRoles.Admin))
            .AddPolicy(Policies.Administer, p => Roles(p, ApiRoles.Admin, ApiRoles.System))
            .AddPolicy(Policies.AdminOnly, p => Roles(p, ApiRoles.Admin))
            .AddPolicy(Policies.Handover, p => Roles(p, ApiRoles.System, ApiRoles.Manager))
            .AddPolicy(Policies.Person, p => Roles(p, ApiRoles.All).RequireClaim(WealthActorsClaims.EmployeeId));
        return services;
    }

    // Every policy also refuses a key used outside the routes it is limited to.
    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder Roles(
        Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.RequireRole(roles).RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == ApiKeyAuthenticationHandler.OutsideRoutesClaim));

    private static string SchemeFor(HttpContext context, bool bearer)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (bearer && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (!context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            && context.Request.Cookies.ContainsKey(ConsoleSignIn.CookieName))
        {
            return ConsoleSignIn.CookieScheme;
        }

        return ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void ConfigureBearer(JwtBearerOptions o, JwtOptions jwt, IHostEnvironment environment)
    {
        // The token proves who the person is; what they may do comes from their employee record, read per request.
        o.MapInboundClaims = false;
        if (jwt.Authority.Length > 0)
        {
            o.Authority = jwt.Authority;
            o.Audience = jwt.Audience;
            o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        }
        else if (environment.IsDevelopment())
        {
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = JwtOptions.DevelopmentIssuer,
                ValidAudience = JwtOptions.DevelopmentAudience,
                IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(jwt.DevelopmentSigningKey)),
            };
        }

        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var employeeId = context.Principal?.FindFirstValue(jwt.EmployeeClaim);
                var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
                context.Principal = new ClaimsPrincipal(await PersonIdentity.For(employeeId, "bearer", grains));
            },
        };
    }
}
