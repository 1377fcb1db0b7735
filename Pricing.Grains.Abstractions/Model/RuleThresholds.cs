namespace Pricing.Model;

/// <summary>Rule thresholds (docs/architecture.md, Reasons and severity), in percent.</summary>
[GenerateSerializer, Immutable]
public sealed record RuleThresholds(
    [property: Id(0)] double NegativeMarginPct = 0,
    [property: Id(1)] double LowMarginPct = 5,
    [property: Id(2)] double PriceSpikePct = 30,
    [property: Id(3)] double CompetitorUndercutPct = 10)
{
    public static readonly RuleThresholds Default = new();

    /// <summary>Returns the first inconsistency, or null.</summary>
    public string? Validate() =>
        LowMarginPct < NegativeMarginPct ? $"LowMarginPct ({LowMarginPct}) must not be below NegativeMarginPct ({NegativeMarginPct})" :
        PriceSpikePct <= 0 ? $"PriceSpikePct ({PriceSpikePct}) must be positive" :
        null;
}
