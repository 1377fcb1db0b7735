using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Pricing.Grains;

namespace Pricing.Gateway.Access;

/// <summary>
/// The browser's session: an HttpOnly, SameSite=Strict cookie, Secure unless the gateway is reached on localhost
/// (where a laptop's http://localhost:8000 must work), valid for 8 hours of use. It carries the role its user had
/// at sign-in and checks it again against the user every <c>Pricing:Auth:SessionRecheckSeconds</c> (300): a lowered
/// role reaches open sessions within that time.
/// </summary>
public sealed class SessionCookie : CookieBuilder
{
    public const string SchemeName = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "pricing_session";
    public const string RecheckKey = "Pricing:Auth:SessionRecheckSeconds";
    private const string CheckedAt = "checked-at";

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

    public static void Configure(CookieAuthenticationOptions options, TimeSpan recheckAfter)
    {
        options.Cookie = new SessionCookie();
        options.Events.OnValidatePrincipal = c => RecheckAsync(c, recheckAfter);
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        // the API answers for itself (401/403 with its codes); no redirects to a login page
        options.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        options.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    }

    private static async Task RecheckAsync(CookieValidatePrincipalContext context, TimeSpan recheckAfter)
    {
        var now = DateTimeOffset.UtcNow;
        var checkedAt = context.Properties.Items.TryGetValue(CheckedAt, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var at)
            ? at : context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
        if (now - checkedAt < recheckAfter || Callers.Of(context.Principal!) is not { } caller)
            return;
        var role = await context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIdentityGrain>(0).CurrentRole(caller.Name);
        if (role is not { } current)
        {
            context.RejectPrincipal(); // the user is gone
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }
        if (current != caller.Role)
            context.ReplacePrincipal(Callers.Principal(caller with { Role = current }, SchemeName));
        context.Properties.Items[CheckedAt] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
