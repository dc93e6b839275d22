using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Mem0.Api.Auth;

namespace Mem0.Api.Observability;

/// <summary>
/// Hangfire's dashboard at `/hangfire`, only for the holder of the API key: as a bearer token (scripts), or as
/// the password of HTTP Basic auth with any user name, which a browser asks for by itself.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static void UseMem0JobsDashboard(this WebApplication app)
    {
        var key = app.Services.GetRequiredService<ApiKey>();
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "mem0 jobs",
            Authorization = [new KeyFilter(key)],
        });
    }

    private sealed class KeyFilter(ApiKey key) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (Presented(http) is { } candidate && key.Matches(candidate)) return true;
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
