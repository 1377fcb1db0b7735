using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pricing.Gateway.Access;

/// <summary>
/// How a request says who it is (docs/api.md, Sign-in and roles): a bearer token of the grid (<c>pg_…</c>), a
/// single sign-on JWT when configured, or the browser's session cookie. One scheme picks among them per request.
/// </summary>
public static class PricingAuthentication
{
    public const string SchemeName = "Pricing";
    public const string SignInLimiter = "sign-in";
    public const string SignInsPerMinuteKey = "Pricing:Auth:SignInsPerMinute";

    public static IServiceCollection AddPricingAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var sso = SingleSignOn.Read(configuration);
        var authentication = services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "token, single sign-on or session", o => o.ForwardDefaultSelector = http => Choose(http, sso is not null))
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, null)
            .AddCookie(SessionCookie.SchemeName, o => SessionCookie.Configure(o, TimeSpan.FromSeconds(configuration.GetValue(SessionCookie.RecheckKey, 300))));
        if (sso is not null)
            authentication.AddJwtBearer(SingleSignOn.SchemeName, sso.Configure);
        SessionKeyRing.AddTo(services);
        services.AddAntiforgery(o => o.HeaderName = CsrfGuard.HeaderName);

        // sign-ins per client address and minute: lockout stops guessing one user's password, this stops trying many
        var perMinute = configuration.GetValue(SignInsPerMinuteKey, 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimiter, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    private static string Choose(HttpContext http, bool singleSignOn)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return SessionCookie.SchemeName;
        return singleSignOn && !header.AsSpan("Bearer ".Length).Trim().StartsWith(BearerTokenAuthentication.TokenPrefix)
            ? SingleSignOn.SchemeName
            : BearerTokenAuthentication.SchemeName;
    }
}
