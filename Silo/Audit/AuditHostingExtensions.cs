using Microsoft.Extensions.Options;
using WealthActors.Audit;
using WealthActors.Silo.Auth;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Audit;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Storage.Sqlite;

namespace WealthActors.Silo.Audit;

public static class AuditHostingExtensions
{
    /// <summary>
    /// The audit trail (section <c>Audit</c>): this process's chain writer as <see cref="IAuditTrail"/>, the store in the
    /// configured storage (the database <c>AddWealthActorsSilo</c> registers), and the Compliance-only policy of its API.
    /// Added with the HTTP API (<c>AddWealthActorsApi</c>); a second call adds nothing.
    /// </summary>
    public static WebApplicationBuilder AddWealthActorsAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(IAuditStore)))
        {
            return builder;
        }

        services.AddOptions<AuditOptions>().Bind(builder.Configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<IAuditStore>(StorageOptions.From(builder.Configuration).Provider switch
        {
            StorageProvider.Memory => _ => new InMemoryAuditStore(),
            StorageProvider.PostgreSql => sp => new PostgresAuditStore(
                sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<PostgresStatementBatcher>()),
            _ => sp => new SqliteAuditStore(sp.GetRequiredService<SqliteDatabase>()),
        });
        if (AuditOptions.From(builder.Configuration).Enabled)
        {
            services.AddSingleton<AuditChainWriter>();
            services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditChainWriter>());
            // An audited request's entry commits with the first state write it makes (the batched grain storages ask).
            services.AddSingleton<StateWriteAudit>();
            services.AddSingleton<IStateWriteAudit>(sp => sp.GetRequiredService<StateWriteAudit>());
        }
        else
        {
            services.AddSingleton<IAuditTrail, DisabledAuditTrail>();
        }

        services.AddSingleton<AuditJobListener>();
        services.AddAuthorizationBuilder().AddPolicy(AuditApi.Policy, p => p.RequireRole(ApiRoles.Compliance));
        return builder;
    }

    /// <summary>First in the API's pipeline: see <see cref="AuditMiddleware"/>. Off with <c>Audit:Enabled=false</c>.</summary>
    public static WebApplication UseWealthActorsAudit(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Enabled)
        {
            app.UseMiddleware<AuditMiddleware>();
        }

        return app;
    }
}
