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
    private UserAccounts Store => new AnalyticsStore(_db.Database, _clock).Users;
    private Accounts Accounts => new(Store, _clock);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind);
        await new Migrator(_db.Database, "Analytics").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_user_keeps_a_verifiable_password_and_saving_again_changes_role_and_password()
    {
        await Accounts.SaveUserAsync("alice", Role.Analyst, "correct horse battery");
        var first = (await Store.GetUserAsync("alice"))!;
        await Accounts.SaveUserAsync("alice", Role.PricingManager, "another long password");
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
        var (token, record) = await Accounts.CreateTokenAsync("ci-bot", Role.Viewer, TimeSpan.FromDays(30));

        Assert.Equal(Role.Viewer, (await Store.GetUserAsync("ci-bot"))!.Role); // made for the token
        Assert.Null((await Store.GetUserAsync("ci-bot"))!.PasswordHash);
        var found = (await Store.FindTokenAsync(ApiTokens.Hash(token)))!;
        Assert.Equal((record.Id, "ci-bot", Role.Viewer, _clock.GetUtcNow().UtcDateTime.AddDays(30)), (found.Id, found.UserName, found.Role, found.ExpiresAt));
        Assert.Null(await Store.FindTokenAsync(token)); // the token itself is not what is stored

        await Accounts.RevokeTokenAsync(record.Id);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, (await Store.FindTokenAsync(ApiTokens.Hash(token)))!.RevokedAt);
        Assert.Equal("token 1 is revoked already", (await Assert.ThrowsAsync<AccountException>(() => Accounts.RevokeTokenAsync(record.Id))).Message);
    }

    [Fact]
    public async Task A_token_never_has_a_role_above_its_user_s()
    {
        await Accounts.SaveUserAsync("alice", Role.Analyst, "correct horse battery");

        var error = await Assert.ThrowsAsync<AccountException>(() => Accounts.CreateTokenAsync("alice", Role.Admin, TimeSpan.FromDays(1)));

        Assert.Equal("a token's role cannot be above its user's: alice is ANALYST, not ADMIN", error.Message);
        Assert.Empty(await Store.ListTokensAsync());
    }
}

public sealed class SqliteUserAccountsTests() : UserAccountsTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlUserAccountsTests() : UserAccountsTests(DatabaseKind.MySql);
