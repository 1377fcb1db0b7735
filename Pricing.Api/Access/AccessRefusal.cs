using Pricing.Model;

namespace Pricing.Gateway.Access;

/// <summary>Why a request is refused, the same for GraphQL and REST: 401 <c>UNAUTHENTICATED</c> or 403 <c>FORBIDDEN</c>.</summary>
public sealed record AccessRefusal(int Status, string Code, string Message)
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";

    /// <summary>Null when <paramref name="caller"/> may do <paramref name="what"/>, which needs <paramref name="needed"/>.</summary>
    public static AccessRefusal? For(Caller? caller, Role needed, string what) =>
        caller is null ? new(StatusCodes.Status401Unauthorized, Unauthenticated, "sign in, or send Authorization: Bearer <token> (docs/api.md, Sign-in and roles)")
        : caller.Role.Includes(needed) ? null
        : new(StatusCodes.Status403Forbidden, Forbidden, $"{what} needs {needed.Name()}; {caller.Name} acts as {caller.Role.Name()}");
}
