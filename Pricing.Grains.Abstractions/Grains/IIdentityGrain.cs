using Pricing.Model;

namespace Pricing.Grains;

/// <summary>
/// Who is asking, for the gateway, which holds no database credentials (docs/api.md, Sign-in and roles): password
/// sign-in with lockout, bearer tokens, and the audit log. A stateless worker on every silo; key 0.
/// </summary>
public interface IIdentityGrain : IGrainWithIntegerKey
{
    /// <summary>The user, or null for a wrong name or password or a locked-out user (the failure is counted).</summary>
    ValueTask<Caller?> SignIn(string name, string password);

    /// <summary>Who the bearer token acts for, or null when it is unknown, expired or revoked.</summary>
    ValueTask<Caller?> AuthenticateToken(string token);

    /// <summary>The user's role now, or null when there is no such user: how an open session learns of a change.</summary>
    ValueTask<Role?> CurrentRole(string name);

    ValueTask Audit(Caller caller, string action, string subject);

    /// <summary>The <paramref name="first"/> entries before entry <paramref name="afterId"/> (or the newest), newest first.</summary>
    ValueTask<List<AuditEntry>> AuditLog(int first, long? afterId);

    /// <summary>
    /// The gateways' data protection keys (XML), which sign session cookies and anti-forgery tokens: shared through
    /// the analytics DB so that every gateway accepts the sessions of the others (docs/operators.md, Sessions).
    /// </summary>
    ValueTask<List<string>> SessionKeys();

    ValueTask AddSessionKey(string name, string xml);
}
