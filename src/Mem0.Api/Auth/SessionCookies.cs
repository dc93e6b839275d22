using Microsoft.AspNetCore.Authentication.Cookies;

namespace Mem0.Api.Auth;

/// <summary>
/// The owner's browser sessions (the jobs dashboard's, the console's): a cookie no script can read (HttpOnly), that
/// no other site's page can make the browser send (SameSite=Strict), scoped to its own path, Secure whenever the
/// request came over https (behind the proxy too), for 8 hours from the last use.
/// </summary>
public static class SessionCookies
{
    public static void LockDown(CookieAuthenticationOptions o, string name, string path)
    {
        o.Cookie.Name = name;
        o.Cookie.Path = path;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
    }
}
