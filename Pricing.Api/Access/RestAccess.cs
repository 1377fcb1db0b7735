using Microsoft.AspNetCore.Routing;

namespace Pricing.Gateway.Access;

/// <summary>
/// Authorizes every REST endpoint under <c>/api/</c> by its rule in <see cref="AccessRules"/> before it runs;
/// health is open. Errors are the REST error JSON with the codes GraphQL uses.
/// </summary>
public sealed class RestAccess(RequestDelegate next, AccessOptions options)
{
    public const string HealthRoute = "/api/health/";

    public async Task InvokeAsync(HttpContext http)
    {
        if (options.Required && http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
            && route.StartsWith("/api/", StringComparison.Ordinal) && route != HealthRoute
            && AccessRefusal.For(Callers.Of(http.User), AccessRules.ForRestEndpoint(http.Request.Method, route), $"{http.Request.Method} {route}") is { } refusal)
        {
            await ApiErrors.WriteAsync(http, refusal.Status, refusal.Code, refusal.Message);
            return;
        }
        await next(http);
    }
}
