using Pricing.Model;

namespace Pricing.Features;

/// <summary>
/// The computed features of one series on one day, without the key. NaN stands for null inside the engine
/// only (no contract feature can be NaN: prices are positive); <see cref="ToRow"/> turns it back into null.
/// </summary>
public readonly record struct FeatureValues(
    double NetPrice, double UnitCost, double MarginPct, double PriceChange7dPct, double Volatility14dPct,
    double CompMinPrice, double CompDeltaPct, AnomalyReasons Reasons, double Quantity, double Impact)
{
    public FeatureRow ToRow(string sku, string salesOrg, string customerId, DateOnly dt) => new(
        sku, salesOrg, customerId, dt, NetPrice, UnitCost, MarginPct, NullIfNaN(PriceChange7dPct), NullIfNaN(Volatility14dPct),
        NullIfNaN(CompMinPrice), NullIfNaN(CompDeltaPct), Reasons, Quantity: Quantity, Impact: Impact);

    public static FeatureValues FromRow(in FeatureRow row) => new(
        row.NetPrice, row.UnitCost, row.MarginPct, row.PriceChange7dPct ?? double.NaN, row.Volatility14dPct ?? double.NaN,
        row.CompMinPrice ?? double.NaN, row.CompDeltaPct ?? double.NaN, row.Reasons & ~AnomalyReasons.MlOutlier, row.Quantity, row.Impact);

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
