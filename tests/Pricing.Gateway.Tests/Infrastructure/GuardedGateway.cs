using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Pricing.Gateway.Access;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway with operations requiring a caller, and a user with a token per role made before it starts (the
/// shared client acts as ADMIN), plus one token expired and one revoked.
/// </summary>
public abstract class GuardedGateway(DatabaseKind kind) : GatewayHost(kind)
{
    public Dictionary<Role, string> Tokens { get; } = [];
    public string ExpiredToken { get; private set; } = null!;
    public string RevokedToken { get; private set; } = null!;

    protected override void Configure(IWebHostBuilder web) => web.UseSetting(AccessOptions.RequiredKey, "true");

    protected override async Task BeforeStartAsync()
    {
        await new Migrator(Analytics.Database, "Analytics").ApplyAsync();
        var store = new AnalyticsStore(Analytics.Database);
        var accounts = new Accounts(store.Users, store.Audit, TimeProvider.System);
        foreach (var role in Enum.GetValues<Role>())
            Tokens[role] = (await accounts.CreateTokenAsync("test", role.Name().ToLowerInvariant(), role, TimeSpan.FromHours(1))).Token;
        ExpiredToken = (await accounts.CreateTokenAsync("test", "admin", Role.Admin, TimeSpan.FromMilliseconds(1))).Token;
        var (revoked, record) = await accounts.CreateTokenAsync("test", "admin", Role.Admin, TimeSpan.FromHours(1));
        await accounts.RevokeTokenAsync("test", record.Id);
        RevokedToken = revoked;
    }

    public override HttpClient NewClient() => NewClient(Tokens[Role.Admin]);

    /// <summary>A client sending this bearer token, or none.</summary>
    public HttpClient NewClient(string? token)
    {
        var client = base.NewClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class SqliteGuardedGateway() : GuardedGateway(DatabaseKind.Sqlite);

public sealed class MySqlGuardedGateway() : GuardedGateway(DatabaseKind.MySql);
