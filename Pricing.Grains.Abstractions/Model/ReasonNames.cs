namespace Pricing.Model;

/// <summary>The contract's names of the reasons (docs/architecture.md, Reasons and severity), e.g. <c>NEGATIVE_MARGIN</c>, for APIs, tables and logs.</summary>
public static class ReasonNames
{
    public static readonly (AnomalyReasons Reason, string Name)[] All =
    [
        (AnomalyReasons.NegativeMargin, "NEGATIVE_MARGIN"), (AnomalyReasons.LowMargin, "LOW_MARGIN"),
        (AnomalyReasons.PriceSpike, "PRICE_SPIKE"), (AnomalyReasons.CompetitorUndercut, "COMPETITOR_UNDERCUT"),
        (AnomalyReasons.MlOutlier, "ML_OUTLIER"),
    ];

    public static string Of(AnomalyReasons single) => All.Single(r => r.Reason == single).Name;

    /// <summary>Each reason of a bit set, in contract order.</summary>
    public static IEnumerable<string> Split(AnomalyReasons reasons) => All.Where(r => reasons.HasFlag(r.Reason)).Select(r => r.Name);

    public static AnomalyReasons? Parse(string name) => All.FirstOrDefault(r => r.Name == name) is { Name: not null } found ? found.Reason : null;
}
