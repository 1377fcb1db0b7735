using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The <c>rule_overrides</c> table: thresholds a material group sets for itself, and <c>rule_book_version</c>,
/// which counts their changes (docs/architecture.md, Rule thresholds).
/// </summary>
public sealed class RuleOverrides(SqlDatabase database)
{
    private const string Columns = "negative_margin_pct, low_margin_pct, price_spike_pct, competitor_undercut_pct";

    /// <summary>The configured rules with the analytics DB's per-group overrides on top (the DB wins).</summary>
    public async Task<RuleBook> ReadRuleBookAsync(RuleBook configured, CancellationToken ct = default)
    {
        var version = await VersionAsync(ct);
        var groups = new Dictionary<string, RuleThresholds>(configured.Groups, StringComparer.Ordinal);
        var rows = await database.ListAsync($"SELECT material_group, {Columns} FROM rule_overrides", null,
            r => (Group: r.GetString(0), Override: new RuleOverride(r.GetNullableDouble(1), r.GetNullableDouble(2), r.GetNullableDouble(3), r.GetNullableDouble(4))), ct);
        foreach (var row in rows)
        {
            var rules = row.Override.Over(configured.For(row.Group));
            groups[row.Group] = rules.Validate() is { } problem
                ? throw new InvalidOperationException($"rule_overrides row for material group '{row.Group}': {problem}")
                : rules;
        }
        return configured with { Groups = groups, Version = version };
    }

    public async Task<long> VersionAsync(CancellationToken ct = default) =>
        await database.ScalarAsync<long>("SELECT version FROM rule_book_version WHERE id = 1", null, ct);

    public async Task<RuleOverride> ReadOverrideAsync(string materialGroup, CancellationToken ct = default) =>
        (await database.ListAsync($"SELECT {Columns} FROM rule_overrides WHERE material_group = @g", c => c.Bind("@g", materialGroup),
            r => new RuleOverride(r.GetNullableDouble(0), r.GetNullableDouble(1), r.GetNullableDouble(2), r.GetNullableDouble(3)), ct))
        .SingleOrDefault() ?? RuleOverride.None;

    /// <summary>
    /// Sets a group's overrides (none: the group follows the configuration again) and raises the version, in one
    /// transaction; returns the new version.
    /// </summary>
    public async Task<long> SaveAsync(string materialGroup, RuleOverride values, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        await using (var change = writer.Connection.CreateCommand())
        {
            change.Transaction = transaction;
            change.CommandText = values.IsEmpty
                ? "DELETE FROM rule_overrides WHERE material_group = @material_group"
                : database.UpsertSql("rule_overrides", ["material_group", .. Columns.Split(", ")], ["material_group"], Columns.Split(", "));
            change.Bind("@material_group", materialGroup).Bind("@negative_margin_pct", values.NegativeMarginPct).Bind("@low_margin_pct", values.LowMarginPct)
                .Bind("@price_spike_pct", values.PriceSpikePct).Bind("@competitor_undercut_pct", values.CompetitorUndercutPct);
            await change.ExecuteNonQueryAsync(ct);
        }
        long version;
        await using (var raise = writer.Connection.CreateCommand())
        {
            raise.Transaction = transaction;
            raise.CommandText = "UPDATE rule_book_version SET version = version + 1 WHERE id = 1; SELECT version FROM rule_book_version WHERE id = 1";
            version = Convert.ToInt64(await raise.ExecuteScalarAsync(ct));
        }
        await transaction.CommitAsync(ct);
        return version;
    }
}
