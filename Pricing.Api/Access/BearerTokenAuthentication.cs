using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Pricing.Grains;

namespace Pricing.Gateway.Access;

/// <summary>
/// <c>Authorization: Bearer pg_…</c>: a token made by <c>Pricing.Silo token create</c>, checked by the identity
/// grain against its hash. A request without the header is anonymous; one with a token that is unknown, expired or
/// revoked fails, and is refused as unauthenticated.
/// </summary>
public sealed class BearerTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PricingToken";
    public const string TokenPrefix = "pg_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return AuthenticateResult.NoResult(); // not ours: perhaps a single sign-on JWT
        return await grains.GetGrain<IIdentityGrain>(0).AuthenticateToken(token) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(Callers.Principal(caller, SchemeName), SchemeName))
            : AuthenticateResult.Fail("the token is unknown, expired or revoked");
    }
}
