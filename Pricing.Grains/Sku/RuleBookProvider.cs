using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Sku;

/// <summary>
/// The rules in force: configured thresholds with the analytics DB's per-group overrides, read once per silo
/// (asynchronously: a blocking read inside a grain activation would deadlock the grain's scheduler).
/// </summary>
public sealed class RuleBookProvider(RuleBook configured, AnalyticsStore analytics)
{
    private readonly Lazy<Task<RuleBook>> _rules = new(() => analytics.Rules.ReadRuleBookAsync(configured));

    public Task<RuleBook> GetAsync() => _rules.Value;
}
