namespace Pricing.Storage;

/// <summary>The <c>session_keys</c> table: the gateways' data protection keys, as the XML ASP.NET Core writes.</summary>
public sealed class SessionKeys(SqlDatabase database)
{
    public Task<List<string>> ListAsync(CancellationToken ct = default) =>
        database.ListAsync("SELECT xml FROM session_keys ORDER BY name", null, r => r.GetString(0), ct);

    /// <summary>Adds a key; storing one again (a retried call) writes the same XML.</summary>
    public Task AddAsync(string name, string xml, CancellationToken ct = default) =>
        database.ExecuteAsync(database.UpsertSql("session_keys", ["name", "xml"], ["name"], ["xml"]), c => c.Bind("@name", name).Bind("@xml", xml), ct);
}
