using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Identity;

/// <summary>
/// Users and their bearer tokens (docs/operators.md, Users and tokens): the rules the CLI, sign-in and token
/// checks share. Passwords are hashed with ASP.NET Core Identity's hasher (PBKDF2, a salt per user, versioned
/// format). Every change is written to the audit log under the <c>actor</c> that asked for it.
/// </summary>
public sealed partial class Accounts(UserAccounts store, AuditLog audit, TimeProvider clock)
{
    public const int MinPasswordLength = 12;

    /// <summary>Failed sign-ins in a row that lock a user out, and for how long (docs/api.md, Sign-in and roles).</summary>
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Adds a user with a password, or sets an existing user's role and password.</summary>
    public async Task<UserAccount> SaveUserAsync(string actor, string name, Role role, string password, CancellationToken ct = default)
    {
        CheckName(name);
        if (password.Length < MinPasswordLength)
            throw new AccountException($"a password needs at least {MinPasswordLength} characters (got {password.Length})");
        await store.SaveUserAsync(name, role, Hasher.HashPassword(null!, password), ct);
        await audit.AppendAsync(actor, AuditActions.UserSaved, $"{name} as {role.Name()}", ct);
        return (await store.GetUserAsync(name, ct))!;
    }

    /// <summary>
    /// The user, when the password is theirs and they are not locked out; otherwise null, counting the failure.
    /// The refusal never says which of name and password was wrong.
    /// </summary>
    public async Task<Caller?> SignInAsync(string name, string password, CancellationToken ct = default)
    {
        var user = await store.GetUserAsync(name, ct);
        if (user is null)
            return null;
        var locked = user.LockedUntil > Now;
        if (!locked && PasswordMatches(user, password))
        {
            if (user.FailedSignIns > 0 || user.LockedUntil is not null)
                await store.SetSignInFailuresAsync(name, 0, null, ct);
            return new Caller(user.Name, user.Role);
        }
        if (locked)
            return null;
        var failures = user.FailedSignIns + 1;
        if (failures < MaxFailedSignIns)
            await store.SetSignInFailuresAsync(name, failures, null, ct);
        else
        {
            await store.SetSignInFailuresAsync(name, 0, Now + Lockout, ct);
            await audit.AppendAsync(name, AuditActions.SignInLocked, $"{name} after {failures} failed sign-ins", ct);
        }
        return null;
    }

    /// <summary>
    /// Who a bearer token acts for, or null when it is unknown (forged), expired or revoked, or its user is gone. The
    /// role is the token's, capped by the user's today: lowering a user's role lowers their tokens.
    /// </summary>
    public async Task<Caller?> AuthenticateTokenAsync(string token, CancellationToken ct = default)
    {
        if (await store.FindTokenAsync(ApiTokens.Hash(token), ct) is not { } record || record.RevokedAt is not null || record.ExpiresAt <= Now)
            return null;
        return await store.GetUserAsync(record.UserName, ct) is { } user
            ? new Caller(user.Name, (Role)Math.Min((int)record.Role, (int)user.Role))
            : null;
    }

    /// <summary>Whether this is the user's password (a locked or unknown user never matches).</summary>
    public static bool PasswordMatches(UserAccount user, string password) =>
        user.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>
    /// A new token for the user, with a role no higher than theirs, valid for <paramref name="validFor"/>. A user that
    /// does not exist yet is made with that role and no password: a user for scripts only.
    /// </summary>
    public async Task<(string Token, ApiToken Record)> CreateTokenAsync(string actor, string userName, Role role, TimeSpan validFor, CancellationToken ct = default)
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
        var id = await store.AddTokenAsync(userName, role, ApiTokens.Hash(token), Now + validFor, ct);
        await audit.AppendAsync(actor, AuditActions.TokenCreated, $"token {id} for {userName} as {role.Name()}", ct);
        return (token, (await store.GetTokenAsync(id, ct))!);
    }

    public async Task RevokeTokenAsync(string actor, long id, CancellationToken ct = default)
    {
        if (!await store.RevokeTokenAsync(id, ct))
            throw new AccountException(await store.GetTokenAsync(id, ct) is null ? $"there is no token {id}" : $"token {id} is revoked already");
        await audit.AppendAsync(actor, AuditActions.TokenRevoked, $"token {id}", ct);
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
