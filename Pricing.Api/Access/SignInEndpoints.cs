using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.Access;

/// <summary>
/// The browser's sign-in (docs/api.md, Sign-in and roles): <c>POST /api/auth/sign-in</c> with a name and password
/// starts a session cookie and returns the anti-forgery token its changes must carry; <c>GET /api/auth/me</c> says
/// who is signed in (and hands the token again after a reload); <c>POST /api/auth/sign-out</c> ends the session.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInRoute = "/api/auth/sign-in";
    public const string SignInFailed = "SIGN_IN_FAILED";

    public sealed record SignInRequest(string? Name, string? Password);

    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignInRoute, async (HttpContext http, SignInRequest? request, IGrainFactory grains, IAntiforgery antiforgery) =>
        {
            if (string.IsNullOrEmpty(request?.Name) || string.IsNullOrEmpty(request.Password))
                return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiArgumentException.BadArgument, "send {\"name\": \"…\", \"password\": \"…\"}");
            if (await grains.GetGrain<IIdentityGrain>(0).SignIn(request.Name, request.Password) is not { } caller)
                return ApiErrors.Result(StatusCodes.Status401Unauthorized, SignInFailed,
                    "wrong name or password, or the user is locked out for a while after repeated failures");
            var principal = Callers.Principal(caller, SessionCookie.SchemeName);
            await http.SignInAsync(SessionCookie.SchemeName, principal);
            http.User = principal; // the anti-forgery token is bound to the user it is made for
            return Results.Json(Me(caller, antiforgery.GetAndStoreTokens(http).RequestToken));
        }).RequireRateLimiting(PricingAuthentication.SignInLimiter);

        app.MapGet("/api/auth/me", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var caller = Callers.Of(http.User)!; // the access rule lets only callers in
            var session = http.User.Identity!.AuthenticationType == SessionCookie.SchemeName;
            return Results.Json(Me(caller, session ? antiforgery.GetAndStoreTokens(http).RequestToken : null));
        });

        app.MapPost("/api/auth/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(SessionCookie.SchemeName);
            return Results.NoContent();
        });
    }

    private static object Me(Caller caller, string? csrfToken) => new { name = caller.Name, role = caller.Role.Name(), csrfToken };
}
