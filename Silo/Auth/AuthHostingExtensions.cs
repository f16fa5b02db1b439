using Microsoft.AspNetCore.Authentication;

namespace WealthActors.Silo.Auth;

public static class AuthHostingExtensions
{
    /// <summary>Authorization policies, one per audience of the API, each a set of key roles.</summary>
    public static class Policies
    {
        public const string Read = "read";
        public const string Work = "work";
        public const string Integrate = "integrate";
        public const string Administer = "administer";

        /// <summary>Operating the service itself (care rules, running jobs by hand): Admin keys only.</summary>
        public const string AdminOnly = "admin-only";
    }

    public static IServiceCollection AddWealthActorsAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.ApiKeys.All(k => k.Key.Length >= 16), "Auth:ApiKeys: every Key must be at least 16 characters")
            .Validate(o => o.ApiKeys.All(k => k.Name.Length > 0), "Auth:ApiKeys: every entry needs a Name")
            .Validate(o => o.ApiKeys.SelectMany(k => k.Roles).All(r => ApiRoles.All.Contains(r)),
                $"Auth:ApiKeys: roles must be among {string.Join(", ", ApiRoles.All)}")
            .ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(ApiRoles.All))
            .AddPolicy(Policies.Work, p => p.RequireRole(ApiRoles.System, ApiRoles.Advisor, ApiRoles.Manager, ApiRoles.Admin))
            .AddPolicy(Policies.Integrate, p => p.RequireRole(ApiRoles.System, ApiRoles.Advisor, ApiRoles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(ApiRoles.Admin, ApiRoles.System))
            .AddPolicy(Policies.AdminOnly, p => p.RequireRole(ApiRoles.Admin));
        return services;
    }
}
