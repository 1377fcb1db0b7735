using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pricing.Gateway.Access;
using Pricing.Gateway.Tests.Infrastructure;
using Pricing.Storage;

namespace Pricing.Gateway.Tests;

/// <summary>
/// A gateway with single sign-on configured as docs/operators.md shows: JWTs signed by the identity provider's key
/// (one this fixture makes), its group claim mapped to roles; and a sign-in limit of three a minute.
/// </summary>
public sealed class SingleSignOnGateway() : GatewayHost(DatabaseKind.Sqlite)
{
    public const string Issuer = "https://login.example.test/pricing";
    public const string Audience = "pricing-grid";
    public const int SignInsPerMinute = 3;

    public RSA IdentityProviderKey { get; } = RSA.Create(2048);

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting($"{SingleSignOn.Section}:SigningKey", IdentityProviderKey.ExportSubjectPublicKeyInfoPem());
        web.UseSetting($"{SingleSignOn.Section}:Issuer", Issuer);
        web.UseSetting($"{SingleSignOn.Section}:Audience", Audience);
        web.UseSetting($"{SingleSignOn.Section}:NameClaim", "email");
        web.UseSetting($"{SingleSignOn.Section}:RoleClaim", "groups");
        web.UseSetting($"{SingleSignOn.Section}:Roles:pricing-team", "ANALYST");
        web.UseSetting($"{SingleSignOn.Section}:Roles:pricing-leads", "PRICING_MANAGER");
        web.UseSetting(PricingAuthentication.SignInsPerMinuteKey, SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SingleSignOnTests(SingleSignOnGateway gateway) : IClassFixture<SingleSignOnGateway>
{
    private string Jwt(string[] groups, RSA? key = null, string audience = SingleSignOnGateway.Audience, DateTime? expires = null, string user = "ana@example.test")
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SingleSignOnGateway.Issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            Claims = new Dictionary<string, object> { ["email"] = user, ["groups"] = groups },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? gateway.IdentityProviderKey), SecurityAlgorithms.RsaSha256),
        });
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task A_token_from_the_identity_provider_acts_with_the_role_its_group_maps_to()
    {
        var client = gateway.NewClient(Jwt(["staff", "pricing-team"]));

        var me = await JsonAsync(await client.GetAsync("/api/auth/me"));
        Assert.Equal(("ana@example.test", "ANALYST"), (me["name"]!.GetValue<string>(), me["role"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/anomalies/export.xlsx")).StatusCode);
        var run = await client.PostAsJsonAsync("/graphql", new { query = "mutation { runPipeline { id } }" });
        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Equal(AccessRefusal.Forbidden, (await JsonAsync(run))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Several_mapped_groups_give_the_highest_of_their_roles()
    {
        var me = await JsonAsync(await gateway.NewClient(Jwt(["pricing-team", "pricing-leads"])).GetAsync("/api/auth/me"));

        Assert.Equal("PRICING_MANAGER", me["role"]!.GetValue<string>());
    }

    public static TheoryData<string> RefusedTokens() => ["another key", "expired", "another audience", "no mapped group"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_the_grid_cannot_trust_or_map_is_refused(string what)
    {
        var token = what switch
        {
            "another key" => Jwt(["pricing-team"], key: RSA.Create(2048)),
            "expired" => Jwt(["pricing-team"], expires: DateTime.UtcNow.AddMinutes(-10)),
            "another audience" => Jwt(["pricing-team"], audience: "another-app"),
            _ => Jwt(["staff"]),
        };

        var response = await gateway.NewClient(token).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_grids_own_tokens_still_work_beside_single_sign_on()
    {
        var me = await JsonAsync(await gateway.NewClient(gateway.Tokens[Model.Role.PricingManager]).GetAsync("/api/auth/me"));

        Assert.Equal(GatewayHost.UserOf(Model.Role.PricingManager), me["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sign_ins_beyond_the_limit_a_minute_are_refused_with_429()
    {
        var browser = gateway.NewClient(token: null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SingleSignOnGateway.SignInsPerMinute; i++)
            statuses.Add((await browser.PostAsJsonAsync(SignInEndpoints.SignInRoute, new { name = "nobody", password = "guess" })).StatusCode);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, SingleSignOnGateway.SignInsPerMinute), HttpStatusCode.TooManyRequests], statuses);
    }
}
