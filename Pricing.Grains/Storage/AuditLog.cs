using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>audit_log</c> table: appended to, never changed; read newest first.</summary>
public sealed class AuditLog(SqlDatabase database, TimeProvider clock)
{
    private const int MaxSubjectLength = 400;

    public Task AppendAsync(string userName, string action, string subject, CancellationToken ct = default) =>
        database.ExecuteAsync("INSERT INTO audit_log (at, user_name, action, subject) VALUES (@at, @user, @action, @subject)",
            c => c.Bind("@at", database.Timestamp(clock.GetUtcNow().UtcDateTime)).Bind("@user", userName).Bind("@action", action)
                .Bind("@subject", subject.Length <= MaxSubjectLength ? subject : subject[..MaxSubjectLength]), ct);

    /// <summary>The <paramref name="first"/> entries older than entry <paramref name="afterId"/> (or the newest), newest first.</summary>
    public Task<List<AuditEntry>> PageAsync(int first, long? afterId, CancellationToken ct = default) =>
        database.ListAsync(
            "SELECT id, at, user_name, action, subject FROM audit_log" + (afterId is null ? "" : " WHERE id < @after") + " ORDER BY id DESC LIMIT @first",
            c => { c.Bind("@first", first); if (afterId is { } after) c.Bind("@after", after); },
            r => new AuditEntry(r.GetInt64(0), r.GetDateTime(1), r.GetString(2), r.GetString(3), r.GetString(4)), ct);
}
