using Mem0.Api.Hosting.KeyRing;
using Microsoft.AspNetCore.Authentication;

namespace Mem0.Api.Ui;

/// <summary>
/// The review console at `/ui`: Razor Pages rendered on the server, signed in with the API key (<see cref="ConsoleSession"/>),
/// every form protected by an antiforgery token, every page unframeable and uncached, no script or style from
/// anywhere but the server itself.
/// </summary>
public static class ConsoleSetup
{
    /// <summary>No inline script or style anywhere in the console, so the policy can forbid both.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddMem0Console(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        services.AddMem0KeyRing();
        authentication.AddMem0ConsoleSession();
        services.AddScoped<ConsoleQueries>();
        services.AddSingleton<BackupListing>();
        services.AddSingleton<AddsPerDay>();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Ui/Pages";
            o.Conventions.AuthorizeFolder("/", ConsoleSession.Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
        });
        return services;
    }

    public static void UseMem0Console(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(ConsoleSession.Path), branch => branch.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pages show the owner's memories: never kept by the browser or a proxy (assets set their own). The value
            // antiforgery sets on pages with a form, so it has nothing to override (it logged a warning per page).
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            return next(http);
        }));
    }

    public static void MapMem0Console(this WebApplication app)
    {
        app.MapConsoleAssets();
        app.MapRazorPages();
    }
}
