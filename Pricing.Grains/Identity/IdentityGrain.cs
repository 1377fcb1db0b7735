using Orleans.Concurrency;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Identity;

/// <summary>
/// Checks passwords and tokens against the analytics DB. Stateless and reentrant like the query grain: password
/// hashing costs milliseconds of CPU by design, so a silo keeps a few activations to check sign-ins side by side.
/// </summary>
[StatelessWorker(maxLocalWorkers: 4), Reentrant]
public sealed class IdentityGrain(AnalyticsStore analytics, TimeProvider clock) : Grain, IIdentityGrain
{
    private readonly Accounts _accounts = new(analytics.Users, analytics.Audit, clock);

    public async ValueTask<Caller?> SignIn(string name, string password) => await _accounts.SignInAsync(name, password);

    public async ValueTask<Caller?> AuthenticateToken(string token) => await _accounts.AuthenticateTokenAsync(token);

    public async ValueTask<Role?> CurrentRole(string name) => (await analytics.Users.GetUserAsync(name))?.Role;

    public async ValueTask Audit(Caller caller, string action, string subject) => await analytics.Audit.AppendAsync(caller.Name, action, subject);

    public async ValueTask<List<AuditEntry>> AuditLog(int first, long? afterId) => await analytics.Audit.PageAsync(first, afterId);

    public async ValueTask<List<string>> SessionKeys() => await analytics.SessionKeys.ListAsync();

    public async ValueTask AddSessionKey(string name, string xml) => await analytics.SessionKeys.AddAsync(name, xml);
}
