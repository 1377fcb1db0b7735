namespace Pricing.Model;

/// <summary>
/// The thresholds one material group sets for itself (the <c>rule_overrides</c> table, docs/architecture.md, Rule
/// thresholds); a null keeps the configured value.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RuleOverride(
    [property: Id(0)] double? NegativeMarginPct = null,
    [property: Id(1)] double? LowMarginPct = null,
    [property: Id(2)] double? PriceSpikePct = null,
    [property: Id(3)] double? CompetitorUndercutPct = null)
{
    public static readonly RuleOverride None = new();

    public bool IsEmpty => this == None;

    /// <summary>These overrides on top of <paramref name="basis"/>.</summary>
    public RuleThresholds Over(RuleThresholds basis) => new(NegativeMarginPct ?? basis.NegativeMarginPct, LowMarginPct ?? basis.LowMarginPct,
        PriceSpikePct ?? basis.PriceSpikePct, CompetitorUndercutPct ?? basis.CompetitorUndercutPct);
}
