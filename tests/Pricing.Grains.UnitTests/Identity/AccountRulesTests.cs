using Pricing.Identity;
using Pricing.Model;

namespace Pricing.Tests.Identity;

public sealed class AccountRulesTests
{
    [Fact]
    public void Each_role_includes_the_ones_below_it_and_no_higher()
    {
        Assert.Equal(["VIEWER", "ANALYST", "PRICING_MANAGER", "ADMIN"], Roles.Names);
        Assert.True(Role.Admin.Includes(Role.PricingManager));
        Assert.True(Role.Analyst.Includes(Role.Analyst));
        Assert.False(Role.Analyst.Includes(Role.PricingManager));
        Assert.False(Role.Viewer.Includes(Role.Analyst));
    }

    [Theory]
    [InlineData("PRICING_MANAGER", Role.PricingManager)]
    [InlineData("VIEWER", Role.Viewer)]
    [InlineData("viewer", null)] // stored names are exact; the CLI upper-cases what a person types
    [InlineData("PricingManager", null)]
    [InlineData("", null)]
    public void Role_names_are_exact(string name, Role? expected) => Assert.Equal(expected, Roles.Parse(name));

    [Fact]
    public void Tokens_are_random_and_only_their_hash_is_kept()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => ApiTokens.New()).ToList();

        Assert.Equal(100, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^pg_[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(ApiTokens.Hash(tokens[0]), ApiTokens.Hash(tokens[0]));
        Assert.Matches("^[0-9a-f]{64}$", ApiTokens.Hash(tokens[0]));
        Assert.NotEqual(ApiTokens.Hash(tokens[0]), ApiTokens.Hash(tokens[1]));
    }

    [Fact]
    public void A_password_hash_verifies_its_password_only()
    {
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<UserAccount>().HashPassword(null!, "correct horse battery");
        var user = new UserAccount("alice", Role.Analyst, hash, 0, null, DateTime.UtcNow);

        Assert.True(Accounts.PasswordMatches(user, "correct horse battery"));
        Assert.False(Accounts.PasswordMatches(user, "correct horse batter"));
        Assert.False(Accounts.PasswordMatches(user with { PasswordHash = null }, "correct horse battery"));
    }
}
