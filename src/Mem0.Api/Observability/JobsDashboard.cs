using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Mem0.Api.Auth;
using Mem0.Api.Auth.Limits;
using Microsoft.AspNetCore.Authentication;

namespace Mem0.Api.Observability;

/// <summary>
/// Hangfire's dashboard at `/hangfire`, only for the holder of the API key, and safe to keep signed in to while
/// browsing elsewhere:
/// - sign-in is the key on a safe request (GET): as a bearer token (scripts) or as the password of HTTP Basic auth
///   (any user name), which a browser asks for by itself; it sets a session cookie that is same-site only
///   (SameSite=Strict, HttpOnly, path /hangfire), so a page on another site cannot send it;
/// - the actions (POST: trigger, delete, requeue) take only that cookie, never Basic or Bearer, which a browser
///   resends on a cross-site form post, and need Hangfire's antiforgery token, which only the dashboard's own pages
///   carry;
/// - no dashboard page can be framed (X-Frame-Options and CSP frame-ancestors).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";
    public const string CookieScheme = "Mem0Dashboard";
    public const string CookieName = "mem0_dashboard";

    public static IServiceCollection AddMem0JobsDashboard(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mem0_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        authentication.AddCookie(CookieScheme, o =>
        {
            SessionCookies.LockDown(o, CookieName, Path);
            // Never redirect to a login page: the dashboard's own filter answers with the Basic challenge.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        return services;
    }

    public static void UseMem0JobsDashboard(this WebApplication app)
    {
        var key = app.Services.GetRequiredService<ApiKey>();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.Use((http, next) =>
        {
            http.Response.Headers["X-Frame-Options"] = "DENY";
            http.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return next(http);
        }));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "mem0 jobs",
            Authorization = [],
            AsyncAuthorization = [new KeyFilter(key, app.Services.GetRequiredService<AuthFailureLimiter>(), app.Services.GetRequiredService<AuthSurfaces>())],
            IgnoreAntiforgeryToken = false,
        });
    }

    private sealed class KeyFilter(ApiKey key, AuthFailureLimiter limiter, AuthSurfaces surfaces) : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if ((await http.AuthenticateAsync(CookieScheme)).Succeeded) return true;
            var presented = Presented(http);
            if (presented is not null && key.Matches(presented) && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                await http.SignInAsync(CookieScheme, Access.StaticKeyPrincipal(CookieScheme));
                return true;
            }
            if (presented is not null && !key.Matches(presented)) limiter.Fail(surfaces.Rest, http);
            // A Basic challenge, so a browser shows its password prompt instead of a bare refusal.
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"mem0 jobs\", charset=\"UTF-8\"";
            return false;
        }

        private static string? Presented(HttpContext http)
        {
            if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header) || header.Parameter is null) return null;
            if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return header.Parameter;
            if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return null;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = decoded.IndexOf(':');
                return colon < 0 ? null : decoded[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
