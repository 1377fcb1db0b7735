using Microsoft.AspNetCore.Antiforgery;

namespace Pricing.Gateway.Access;

/// <summary>
/// Cross-site request forgery: a browser sends the session cookie with any request a page makes, so every request
/// that may change something (any method but GET and HEAD) and rides on the cookie must also carry the
/// anti-forgery token the session got at sign-in, in <see cref="HeaderName"/>. Bearer tokens are not sent by
/// browsers on their own and need none.
/// </summary>
public sealed class CsrfGuard(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && http.User.Identity is { IsAuthenticated: true, AuthenticationType: SessionCookie.SchemeName }
            && !await antiforgery.IsRequestValidAsync(http))
        {
            await ApiErrors.WriteAsync(http, StatusCodes.Status403Forbidden, AccessRefusal.Forbidden,
                $"a signed-in browser's {http.Request.Method} needs the {HeaderName} header it got at sign-in (docs/api.md, Sign-in and roles)");
            return;
        }
        await next(http);
    }
}
