using System.Security.Claims;
using Pricing.Model;

namespace Pricing.Gateway.Access;

/// <summary>A caller as ASP.NET Core carries them: their name and one role claim, whichever way they signed in.</summary>
public static class Callers
{
    public static ClaimsPrincipal Principal(Caller caller, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, caller.Name), new Claim(ClaimTypes.Role, caller.Role.Name())], scheme));

    /// <summary>The signed-in caller, or null for an anonymous request.</summary>
    public static Caller? Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.Identity.Name is { } name && Roles.Parse(user.FindFirstValue(ClaimTypes.Role)) is { } role
            ? new Caller(name, role)
            : null;
}
