using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using WealthActors.Bot.Channels.WeCom;
using WealthActors.Silo.Auth;

// The folder is Console; the namespace is not, so that it cannot shadow System.Console in the Silo's other namespaces.
namespace WealthActors.Silo.WebConsole;

/// <summary>
/// The managers' and compliance officers' console under <see cref="Path"/>: a Blazor Web App with interactive server
/// rendering (the page is a live view of the server, no API calls from the browser) and MudBlazor, whose files the
/// Silo serves itself. Signed-in people only (the session of <see cref="ConsoleSignIn"/>); each sees their scope.
/// </summary>
public static class ConsoleHostingExtensions
{
    public const string Path = Security.SecurityHeaders.ConsolePath;

    public static WebApplicationBuilder AddWealthActorsConsole(this WebApplicationBuilder builder)
    {
        // MudBlazor's files come from the package's static web assets: from the build output's manifest when run from
        // there (tests, dotnet run), from wwwroot/_content once published. Without a manifest this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ConsolePeople>();
        builder.Services.AddScoped<ConsoleCommand>();
        builder.Services.AddScoped<ComplaintActions>();
        builder.Services.AddScoped<TaskActions>();
        builder.Services.AddScoped<ClientActions>();
        builder.Services.AddScoped<SettingsActions>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ConsoleSignInRedirect>();
        return builder;
    }

    /// <summary>The console's pages and its circuit hub, where a way of signing in is configured (else there is no console).</summary>
    public static WebApplication MapWealthActorsConsole(this WebApplication app)
    {
        var oidc = app.Services.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled;
        var wecom = app.Services.GetRequiredService<IOptions<WeComOptions>>().Value.Enabled;
        if (!oidc && !wecom)
        {
            return app;
        }

        app.UseAntiforgery();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(AuthHostingExtensions.Policies.Person)
            .Add(endpoint => endpoint.Metadata.Add(ConsoleSignInRedirect.Marker));
        return app;
    }
}
