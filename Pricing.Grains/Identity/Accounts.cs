using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Identity;

/// <summary>
/// Users and their bearer tokens (docs/operators.md, Users and tokens): the rules the CLI and, later, sign-in
/// share. Passwords are hashed with ASP.NET Core Identity's hasher (PBKDF2, a salt per user, versioned format).
/// </summary>
public sealed partial class Accounts(UserAccounts store, TimeProvider clock)
{
    public const int MinPasswordLength = 12;
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>Adds a user with a password, or sets an existing user's role and password.</summary>
    public async Task<UserAccount> SaveUserAsync(string name, Role role, string password, CancellationToken ct = default)
    {
        CheckName(name);
        if (password.Length < MinPasswordLength)
            throw new AccountException($"a password needs at least {MinPasswordLength} characters (got {password.Length})");
        await store.SaveUserAsync(name, role, Hasher.HashPassword(null!, password), ct);
        return (await store.GetUserAsync(name, ct))!;
    }

    /// <summary>Whether this is the user's password (a locked or unknown user never matches).</summary>
    public static bool PasswordMatches(UserAccount user, string password) =>
        user.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>
    /// A new token for the user, with a role no higher than theirs, valid for <paramref name="validFor"/>. A user that
    /// does not exist yet is made with that role and no password: a user for scripts only.
    /// </summary>
    public async Task<(string Token, ApiToken Record)> CreateTokenAsync(string userName, Role role, TimeSpan validFor, CancellationToken ct = default)
    {
        CheckName(userName);
        if (validFor <= TimeSpan.Zero)
            throw new AccountException($"a token must be valid for some time (got {validFor})");
        var user = await store.GetUserAsync(userName, ct);
        if (user is null)
            await store.SaveUserAsync(userName, role, passwordHash: null, ct);
        else if (!user.Role.Includes(role))
            throw new AccountException($"a token's role cannot be above its user's: {userName} is {user.Role.Name()}, not {role.Name()}");
        var token = ApiTokens.New();
        var id = await store.AddTokenAsync(userName, role, ApiTokens.Hash(token), clock.GetUtcNow().UtcDateTime + validFor, ct);
        return (token, (await store.GetTokenAsync(id, ct))!);
    }

    public async Task RevokeTokenAsync(long id, CancellationToken ct = default)
    {
        if (!await store.RevokeTokenAsync(id, ct))
            throw new AccountException(await store.GetTokenAsync(id, ct) is null ? $"there is no token {id}" : $"token {id} is revoked already");
    }

    private static void CheckName(string name)
    {
        if (!UserName().IsMatch(name))
            throw new AccountException($"'{name}' is not a user name: 1-100 letters, digits and . _ @ -");
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,100}$")]
    private static partial Regex UserName();
}

/// <summary>A request the account rules refuse, with the reason in words an operator can act on.</summary>
public sealed class AccountException(string message) : Exception(message);
