using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>users</c> and <c>api_tokens</c> tables.</summary>
public sealed class UserAccounts(SqlDatabase database, TimeProvider clock)
{
    private const string UserSelect = "SELECT name, role, password_hash, failed_sign_ins, locked_until, created_at FROM users";
    private const string TokenSelect = "SELECT id, user_name, role, created_at, expires_at, revoked_at FROM api_tokens";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Adds the user, or gives an existing one this role and password hash (and clears a lockout).</summary>
    public Task SaveUserAsync(string name, Role role, string? passwordHash, CancellationToken ct = default) =>
        database.ExecuteAsync(
            database.UpsertSql("users", ["name", "role", "password_hash", "failed_sign_ins", "locked_until", "created_at"], ["name"],
                ["role", "password_hash", "failed_sign_ins", "locked_until"]),
            c => c.Bind("@name", name).Bind("@role", role.Name()).Bind("@password_hash", passwordHash).Bind("@failed_sign_ins", 0)
                .Bind("@locked_until", null).Bind("@created_at", database.Timestamp(Now)), ct);

    /// <summary>Sets the user's count of failed sign-ins since the last good one, and the lockout they earned.</summary>
    public Task SetSignInFailuresAsync(string name, int failedSignIns, DateTime? lockedUntil, CancellationToken ct = default) =>
        database.ExecuteAsync("UPDATE users SET failed_sign_ins = @failed, locked_until = @until WHERE name = @name",
            c => c.Bind("@failed", failedSignIns).Bind("@until", lockedUntil is { } until ? database.Timestamp(until) : null).Bind("@name", name), ct);

    public async Task<UserAccount?> GetUserAsync(string name, CancellationToken ct = default) =>
        (await database.ListAsync($"{UserSelect} WHERE name = @name", c => c.Bind("@name", name), ReadUser, ct)).SingleOrDefault();

    public Task<List<UserAccount>> ListUsersAsync(CancellationToken ct = default) =>
        database.ListAsync($"{UserSelect} ORDER BY name", null, ReadUser, ct);

    /// <summary>Stores a token by its hash; returns its id.</summary>
    public async Task<long> AddTokenAsync(string userName, Role role, string tokenHash, DateTime expiresAt, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "INSERT INTO api_tokens (user_name, role, token_hash, created_at, expires_at) VALUES (@user, @role, @hash, @now, @expires); " +
                              database.LastInsertIdSql;
        command.Bind("@user", userName).Bind("@role", role.Name()).Bind("@hash", tokenHash).Bind("@now", database.Timestamp(Now))
            .Bind("@expires", database.Timestamp(expiresAt));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public async Task<ApiToken?> GetTokenAsync(long id, CancellationToken ct = default) =>
        (await database.ListAsync($"{TokenSelect} WHERE id = @id", c => c.Bind("@id", id), ReadToken, ct)).SingleOrDefault();

    /// <summary>The token with this hash, revoked and expired ones included (the caller decides).</summary>
    public async Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken ct = default) =>
        (await database.ListAsync($"{TokenSelect} WHERE token_hash = @hash", c => c.Bind("@hash", tokenHash), ReadToken, ct)).SingleOrDefault();

    public Task<List<ApiToken>> ListTokensAsync(CancellationToken ct = default) =>
        database.ListAsync($"{TokenSelect} ORDER BY id", null, ReadToken, ct);

    /// <summary>Revokes a token that is not revoked yet; false when there is no such token or it already was.</summary>
    public async Task<bool> RevokeTokenAsync(long id, CancellationToken ct = default) =>
        await database.ExecuteAsync("UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            c => c.Bind("@now", database.Timestamp(Now)).Bind("@id", id), ct) == 1;

    private static UserAccount ReadUser(DbDataReader r) => new(
        r.GetString(0), Roles.Parse(r.GetString(1)) ?? throw new PricingException($"users: '{r.GetString(1)}' is not a role"),
        r.GetNullableString(2), r.GetInt32(3), r.GetNullableDateTime(4), r.GetDateTime(5));

    private static ApiToken ReadToken(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), Roles.Parse(r.GetString(2)) ?? throw new PricingException($"api_tokens: '{r.GetString(2)}' is not a role"),
        r.GetDateTime(3), r.GetDateTime(4), r.GetNullableDateTime(5));
}
