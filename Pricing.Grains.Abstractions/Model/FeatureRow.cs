namespace Pricing.Model;

/// <summary>Rule reasons (docs/architecture.md, Reasons and severity) as a bit set, so a row carries all of its reasons in one int.</summary>
[Flags]
public enum AnomalyReasons
{
    None = 0,
    NegativeMargin = 1,
    LowMargin = 2,
    PriceSpike = 4,
    CompetitorUndercut = 8,
    MlOutlier = 16,
}

/// <summary>The features and rule reasons of one series on one observation date (docs/architecture.md, Features).</summary>
/// <remarks>
/// Null features are null here and in the database, never NaN. <see cref="Quantity"/> and <see cref="Impact"/> come
/// with the features (docs/architecture.md, Volume and impact); <see cref="ImpactReporting"/> is the impact in the
/// reporting currency, set when the row is written (null without a rate).
/// </remarks>
[GenerateSerializer, Immutable]
public readonly record struct FeatureRow(
    [property: Id(0)] string Sku,
    [property: Id(1)] string SalesOrg,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] DateOnly Dt,
    [property: Id(4)] double NetPrice,
    [property: Id(5)] double UnitCost,
    [property: Id(6)] double MarginPct,
    [property: Id(7)] double? PriceChange7dPct,
    [property: Id(8)] double? Volatility14dPct,
    [property: Id(9)] double? CompMinPrice,
    [property: Id(10)] double? CompDeltaPct,
    [property: Id(11)] AnomalyReasons Reasons,
    [property: Id(12)] double? MlScore = null,
    [property: Id(13)] int? ModelVersion = null,
    [property: Id(14)] string? TopFeature = null,
    [property: Id(15)] double Quantity = 0,
    [property: Id(16)] double Impact = 0,
    [property: Id(17)] double? ImpactReporting = null);

/// <summary>The key of a feature row: one series on one date.</summary>
[GenerateSerializer, Immutable]
public readonly record struct FeatureKey(
    [property: Id(0)] string Sku,
    [property: Id(1)] string SalesOrg,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] DateOnly Dt);
