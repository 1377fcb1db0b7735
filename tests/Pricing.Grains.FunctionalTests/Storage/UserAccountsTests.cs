using Microsoft.Extensions.Time.Testing;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

/// <summary>Users and tokens through the account rules, on each database.</summary>
public abstract class UserAccountsTests(DatabaseKind kind) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private AnalyticsStore Analytics => new(_db.Database, _clock);
    private UserAccounts Store => Analytics.Users;
    private Accounts Accounts => new(Store, Analytics.Audit, _clock);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind);
        await new Migrator(_db.Database, "Analytics").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_user_keeps_a_verifiable_password_and_saving_again_changes_role_and_password()
    {
        await Accounts.SaveUserAsync("root", "alice", Role.Analyst, "correct horse battery");
        var first = (await Store.GetUserAsync("alice"))!;
        await Accounts.SaveUserAsync("root", "alice", Role.PricingManager, "another long password");
        var second = (await Store.GetUserAsync("alice"))!;

        Assert.True(Accounts.PasswordMatches(first, "correct horse battery"));
        Assert.Equal(Role.PricingManager, second.Role);
        Assert.False(Accounts.PasswordMatches(second, "correct horse battery"));
        Assert.True(Accounts.PasswordMatches(second, "another long password"));
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Single(await Store.ListUsersAsync());
    }

    [Fact]
    public async Task A_token_is_found_by_its_hash_until_it_is_revoked()
    {
        var (token, record) = await Accounts.CreateTokenAsync("root", "ci-bot", Role.Viewer, TimeSpan.FromDays(30));

        Assert.Equal(Role.Viewer, (await Store.GetUserAsync("ci-bot"))!.Role); // made for the token
        Assert.Null((await Store.GetUserAsync("ci-bot"))!.PasswordHash);
        var found = (await Store.FindTokenAsync(ApiTokens.Hash(token)))!;
        Assert.Equal((record.Id, "ci-bot", Role.Viewer, _clock.GetUtcNow().UtcDateTime.AddDays(30)), (found.Id, found.UserName, found.Role, found.ExpiresAt));
        Assert.Null(await Store.FindTokenAsync(token)); // the token itself is not what is stored

        await Accounts.RevokeTokenAsync("root", record.Id);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, (await Store.FindTokenAsync(ApiTokens.Hash(token)))!.RevokedAt);
        Assert.Equal("token 1 is revoked already", (await Assert.ThrowsAsync<AccountException>(() => Accounts.RevokeTokenAsync("root", record.Id))).Message);
    }

    [Fact]
    public async Task A_token_never_has_a_role_above_its_user_s()
    {
        await Accounts.SaveUserAsync("root", "alice", Role.Analyst, "correct horse battery");

        var error = await Assert.ThrowsAsync<AccountException>(() => Accounts.CreateTokenAsync("root", "alice", Role.Admin, TimeSpan.FromDays(1)));

        Assert.Equal("a token's role cannot be above its user's: alice is ANALYST, not ADMIN", error.Message);
        Assert.Empty(await Store.ListTokensAsync());
    }

    [Fact]
    public async Task Signing_in_takes_the_right_password_and_five_wrong_ones_in_a_row_lock_the_user_out_for_a_while()
    {
        await Accounts.SaveUserAsync("root", "alice", Role.Analyst, "correct horse battery");

        Assert.Equal(new Caller("alice", Role.Analyst), await Accounts.SignInAsync("alice", "correct horse battery"));
        Assert.Null(await Accounts.SignInAsync("alice", "wrong"));
        Assert.Null(await Accounts.SignInAsync("nobody", "correct horse battery"));
        Assert.Equal(1, (await Store.GetUserAsync("alice"))!.FailedSignIns);
        Assert.NotNull(await Accounts.SignInAsync("alice", "correct horse battery")); // a good sign-in starts the count again

        for (var i = 0; i < Accounts.MaxFailedSignIns; i++)
            Assert.Null(await Accounts.SignInAsync("alice", $"guess {i}"));
        Assert.Null(await Accounts.SignInAsync("alice", "correct horse battery")); // locked: even the right password fails
        Assert.Equal(_clock.GetUtcNow().UtcDateTime + Accounts.Lockout, (await Store.GetUserAsync("alice"))!.LockedUntil);

        _clock.Advance(Accounts.Lockout);
        Assert.Equal(new Caller("alice", Role.Analyst), await Accounts.SignInAsync("alice", "correct horse battery"));
        Assert.Null((await Store.GetUserAsync("alice"))!.LockedUntil);
    }

    [Fact]
    public async Task A_token_acts_for_its_user_until_it_expires_or_is_revoked_and_a_forged_one_acts_for_nobody()
    {
        await Accounts.SaveUserAsync("root", "alice", Role.PricingManager, "correct horse battery");
        var (expiring, _) = await Accounts.CreateTokenAsync("root", "alice", Role.Analyst, TimeSpan.FromHours(1));
        var (revoked, record) = await Accounts.CreateTokenAsync("root", "alice", Role.PricingManager, TimeSpan.FromDays(1));

        Assert.Equal(new Caller("alice", Role.Analyst), await Accounts.AuthenticateTokenAsync(expiring));
        Assert.Null(await Accounts.AuthenticateTokenAsync(ApiTokens.New()));
        Assert.Null(await Accounts.AuthenticateTokenAsync(expiring[..^1] + (expiring[^1] == 'A' ? 'B' : 'A')));

        await Accounts.SaveUserAsync("root", "alice", Role.Viewer, "correct horse battery");
        Assert.Equal(new Caller("alice", Role.Viewer), await Accounts.AuthenticateTokenAsync(revoked)); // capped by the user's role today

        await Accounts.RevokeTokenAsync("root", record.Id);
        Assert.Null(await Accounts.AuthenticateTokenAsync(revoked));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Accounts.AuthenticateTokenAsync(expiring));
    }

    [Fact]
    public async Task Each_account_change_writes_one_audit_entry_naming_who_did_it_and_the_log_pages_newest_first()
    {
        await Accounts.SaveUserAsync("root", "alice", Role.Analyst, "correct horse battery");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (_, record) = await Accounts.CreateTokenAsync("alice", "alice", Role.Viewer, TimeSpan.FromDays(1));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Accounts.RevokeTokenAsync("root", record.Id);
        for (var i = 0; i < Accounts.MaxFailedSignIns; i++)
            await Accounts.SignInAsync("alice", "wrong");

        var all = await Analytics.Audit.PageAsync(10, null);
        Assert.Equal(
            [
                ("alice", AuditActions.SignInLocked, "alice after 5 failed sign-ins"),
                ("root", AuditActions.TokenRevoked, $"token {record.Id}"),
                ("alice", AuditActions.TokenCreated, $"token {record.Id} for alice as VIEWER"),
                ("root", AuditActions.UserSaved, "alice as ANALYST"),
            ],
            all.Select(e => (e.UserName, e.Action, e.Subject)));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(-2), all[^1].At);

        var firstPage = await Analytics.Audit.PageAsync(3, null);
        var secondPage = await Analytics.Audit.PageAsync(3, firstPage[^1].Id);
        Assert.Equal(all.Select(e => e.Id), firstPage.Concat(secondPage).Select(e => e.Id));
    }
}

public sealed class SqliteUserAccountsTests() : UserAccountsTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlUserAccountsTests() : UserAccountsTests(DatabaseKind.MySql);
