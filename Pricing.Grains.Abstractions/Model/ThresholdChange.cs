using System.Globalization;

namespace Pricing.Model;

/// <summary>
/// A material group's thresholds changed from <see cref="Before"/> to <see cref="After"/>; <see cref="Recompute"/>
/// is the run that flags the group's SKUs again with them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ThresholdChange(
    [property: Id(0)] string MaterialGroup,
    [property: Id(1)] RuleThresholds Before,
    [property: Id(2)] RuleThresholds After,
    [property: Id(3)] JobRun Recompute)
{
    /// <summary>What changed, in words, for the audit log: "LowMarginPct 5 → 12".</summary>
    public string Describe()
    {
        static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        static string? Change(string name, double before, double after) => before == after ? null : $"{name} {Number(before)} → {Number(after)}";
        var changes = new[]
        {
            Change(nameof(RuleThresholds.NegativeMarginPct), Before.NegativeMarginPct, After.NegativeMarginPct),
            Change(nameof(RuleThresholds.LowMarginPct), Before.LowMarginPct, After.LowMarginPct),
            Change(nameof(RuleThresholds.PriceSpikePct), Before.PriceSpikePct, After.PriceSpikePct),
            Change(nameof(RuleThresholds.CompetitorUndercutPct), Before.CompetitorUndercutPct, After.CompetitorUndercutPct),
        }.OfType<string>().ToList();
        return changes.Count == 0 ? "no threshold changed" : string.Join(", ", changes);
    }
}
