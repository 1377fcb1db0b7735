namespace Pricing.Model;

public enum Severity : byte { None = 0, Low = 1, Medium = 2, High = 3, Critical = 4 }

/// <summary>The one place that turns reasons into a severity (docs/architecture.md, Reasons and severity).</summary>
public static class SeverityRules
{
    /// <summary>A price move at least this large (in %, either way) makes a PRICE_SPIKE high severity.</summary>
    public const double HighPriceChangePct = 50;

    /// <summary>A competitor at least this much cheaper (in %) makes a COMPETITOR_UNDERCUT high severity.</summary>
    public const double HighCompetitorDeltaPct = 25;

    public static Severity Of(AnomalyReasons reasons, double? priceChange7dPct, double? compDeltaPct)
    {
        if (reasons.HasFlag(AnomalyReasons.NegativeMargin))
            return Severity.Critical;
        if ((reasons.HasFlag(AnomalyReasons.PriceSpike) && Math.Abs(priceChange7dPct ?? 0) >= HighPriceChangePct) ||
            (reasons.HasFlag(AnomalyReasons.CompetitorUndercut) && compDeltaPct >= HighCompetitorDeltaPct))
            return Severity.High;
        if ((reasons & ~AnomalyReasons.MlOutlier) != 0)
            return Severity.Medium;
        return reasons == AnomalyReasons.MlOutlier ? Severity.Low : Severity.None;
    }

    public static Severity Of(in FeatureRow row) => Of(row.Reasons, row.PriceChange7dPct, row.CompDeltaPct);

    public static string Name(this Severity severity) => severity.ToString().ToUpperInvariant();
}
