using Microsoft.AspNetCore.Authentication.Cookies;

namespace Pricing.Gateway.Access;

/// <summary>
/// The browser's session: an HttpOnly, SameSite=Strict cookie, Secure unless the gateway is reached on localhost
/// (where a laptop's http://localhost:8000 must work), valid for 8 hours of use.
/// </summary>
public sealed class SessionCookie : CookieBuilder
{
    public const string SchemeName = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "pricing_session";

    public SessionCookie()
    {
        Name = CookieName;
        HttpOnly = true;
        SameSite = SameSiteMode.Strict;
        SecurePolicy = CookieSecurePolicy.Always;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = context.Request.IsHttps || !IsLoopback(context.Request.Host.Host);
        return options;
    }

    public static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie = new SessionCookie();
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        // the API answers for itself (401/403 with its codes); no redirects to a login page
        options.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        options.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    }
}
