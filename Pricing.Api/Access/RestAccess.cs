using Microsoft.AspNetCore.Routing;

namespace Pricing.Gateway.Access;

/// <summary>
/// Authorizes every REST endpoint under <c>/api/</c> (and the dashboard) by its rule in <see cref="AccessRules"/> before it runs;
/// health and sign-in are open. Errors are the REST error JSON with the codes GraphQL uses.
/// </summary>
public sealed class RestAccess(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
            && AccessRules.GuardedRoutePrefixes.Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal)) && AccessRules.ForRestEndpoint(http.Request.Method, route) is { } needed
            && AccessRefusal.For(Callers.Of(http.User), needed, $"{http.Request.Method} {route}") is { } refusal)
        {
            await ApiErrors.WriteAsync(http, refusal.Status, refusal.Code, refusal.Message);
            return;
        }
        await next(http);
    }
}
