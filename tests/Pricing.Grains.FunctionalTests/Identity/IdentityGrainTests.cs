using Pricing.Grains;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Identity;

/// <summary>The gateway's view of users, tokens and the audit log, through a real cluster on each database.</summary>
public abstract class IdentityGrainTests(DatabaseKind kind) : IAsyncLifetime
{
    private GrainCluster _grid = null!;
    private IIdentityGrain Identity => _grid.Client.GetGrain<IIdentityGrain>(0);

    public async Task InitializeAsync() => _grid = await GrainCluster.StartAsync(kind);

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    [Fact]
    public async Task Signing_in_and_tokens_name_the_caller_and_what_they_do_is_audited_under_their_name()
    {
        var store = _grid.AnalyticsStore;
        var accounts = new Accounts(store.Users, store.Audit, TimeProvider.System);
        await accounts.SaveUserAsync("cli:ops", "mira", Role.PricingManager, "a long enough password");
        var (token, _) = await accounts.CreateTokenAsync("cli:ops", "mira", Role.Viewer, TimeSpan.FromDays(1));

        var signedIn = await Identity.SignIn("mira", "a long enough password");
        Assert.Equal(new Caller("mira", Role.PricingManager), signedIn);
        Assert.Null(await Identity.SignIn("mira", "not the password"));
        Assert.Equal(new Caller("mira", Role.Viewer), await Identity.AuthenticateToken(token));
        Assert.Null(await Identity.AuthenticateToken("pg_forged"));

        await Identity.Audit(signedIn!, AuditActions.RunStarted, "run 7 (FULL)");
        var log = await Identity.AuditLog(2, null);
        Assert.Equal([("mira", AuditActions.RunStarted, "run 7 (FULL)"), ("cli:ops", AuditActions.TokenCreated, "token 1 for mira as VIEWER")],
            log.Select(e => (e.UserName, e.Action, e.Subject)));
        Assert.Equal(("cli:ops", AuditActions.UserSaved), (await Identity.AuditLog(5, log[^1].Id)).Select(e => (e.UserName, e.Action)).Single());
    }
}

public sealed class SqliteIdentityGrainTests() : IdentityGrainTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlIdentityGrainTests() : IdentityGrainTests(DatabaseKind.MySql);
