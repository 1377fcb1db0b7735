using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Pricing.Model;

namespace Pricing.Gateway.Access;

/// <summary>
/// Optional single sign-on (docs/operators.md, Single sign-on): JWT bearer tokens from an OpenID Connect issuer
/// (<c>Pricing:Auth:Jwt:Authority</c>, keys by discovery) or signed by a configured RSA public key
/// (<c>SigningKey</c>, PEM). The caller's role is the highest role a value of <c>RoleClaim</c> maps to under
/// <c>Roles:VALUE</c>; a token that maps to none is refused.
/// </summary>
public sealed class SingleSignOn
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;
    public const string Section = "Pricing:Auth:Jwt";

    public string? Authority { get; init; }
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
    public string? SigningKey { get; init; }
    public const string DefaultNameClaim = "preferred_username";
    public const string DefaultRoleClaim = "roles";

    public string NameClaim { get; init; } = DefaultNameClaim;
    public string RoleClaim { get; init; } = DefaultRoleClaim;
    public Dictionary<string, Role> Roles { get; init; } = [];

    public bool Enabled => Authority is not null || SigningKey is not null;

    /// <summary>The settings, or null when single sign-on is not configured; a half-configured one is an error.</summary>
    public static SingleSignOn? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!section.Exists())
            return null;
        var roles = new Dictionary<string, Role>();
        foreach (var entry in section.GetSection("Roles").GetChildren())
            roles[entry.Key] = Model.Roles.Parse(entry.Value?.ToUpperInvariant())
                ?? throw new InvalidOperationException($"{Section}:Roles:{entry.Key}: '{entry.Value}' is not one of {string.Join(", ", Model.Roles.Names)}");
        var settings = new SingleSignOn
        {
            Authority = section["Authority"], Issuer = section["Issuer"], Audience = section["Audience"], SigningKey = section["SigningKey"],
            NameClaim = section["NameClaim"] ?? DefaultNameClaim, RoleClaim = section["RoleClaim"] ?? DefaultRoleClaim, Roles = roles,
        };
        if (!settings.Enabled || settings.Audience is null || roles.Count == 0)
            throw new InvalidOperationException($"{Section}: single sign-on needs Authority or SigningKey, an Audience and at least one Roles:VALUE = ROLE");
        return settings;
    }

    public void Configure(JwtBearerOptions options)
    {
        options.Authority = Authority;
        options.Audience = Audience;
        options.MapInboundClaims = false; // claim names as the issuer wrote them
        options.RequireHttpsMetadata = Authority is not null && !Authority.StartsWith("http://localhost", StringComparison.Ordinal);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateIssuer = Issuer is not null || Authority is not null,
            ValidAudience = Audience,
            IssuerSigningKey = SigningKey is null ? null : RsaKey(SigningKey),
            NameClaimType = NameClaim,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var name = principal.FindFirst(NameClaim)?.Value ?? principal.FindFirst("sub")?.Value;
                var role = principal.FindAll(RoleClaim).Select(c => Roles.TryGetValue(c.Value, out var r) ? r : (Role?)null).Max();
                if (name is null || role is null)
                    context.Fail($"the token has no {NameClaim} or no {RoleClaim} value mapped to a role");
                else
                    context.Principal = Callers.Principal(new Caller(name, role.Value), SchemeName);
                return Task.CompletedTask;
            },
        };
    }

    private static RsaSecurityKey RsaKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }
}
