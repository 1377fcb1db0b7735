using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>rule_overrides</c> table: thresholds a material group sets for itself.</summary>
public sealed class RuleOverrides(SqlDatabase database)
{
    /// <summary>The configured rules with the analytics DB's per-group overrides on top (the DB wins).</summary>
    public async Task<RuleBook> ReadRuleBookAsync(RuleBook configured, CancellationToken ct = default)
    {
        var groups = new Dictionary<string, RuleThresholds>(configured.Groups, StringComparer.Ordinal);
        var rows = await database.ListAsync(
            "SELECT material_group, negative_margin_pct, low_margin_pct, price_spike_pct, competitor_undercut_pct FROM rule_overrides", null,
            r => (Group: r.GetString(0), Negative: r.GetNullableDouble(1), Low: r.GetNullableDouble(2), Spike: r.GetNullableDouble(3), Undercut: r.GetNullableDouble(4)), ct);
        foreach (var row in rows)
        {
            var basis = configured.For(row.Group);
            var rules = new RuleThresholds(row.Negative ?? basis.NegativeMarginPct, row.Low ?? basis.LowMarginPct,
                row.Spike ?? basis.PriceSpikePct, row.Undercut ?? basis.CompetitorUndercutPct);
            groups[row.Group] = rules.Validate() is { } problem
                ? throw new InvalidOperationException($"rule_overrides row for material group '{row.Group}': {problem}")
                : rules;
        }
        return configured with { Groups = groups };
    }
}
