using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary><c>GET /api/anomalies/export.xlsx</c>: every anomaly of a filter, newest first, fetched page by page.</summary>
public static class AnomalyExport
{
    private const int PageSize = 5_000;

    private static readonly string[] Header =
    [
        "sku", "sales_org", "customer_id", "dt", "severity", "reasons", "net_price", "unit_cost", "margin_pct", "price_change_7d_pct",
        "volatility_14d_pct", "comp_min_price", "comp_delta_pct", "ml_score", "model_version", "top_feature", "quantity", "impact", "impact_reporting",
    ];

    public static Task WriteAsync(HttpContext http, PricingApi pricing) =>
        SheetExport.WriteAsync(http, "Anomalies", Header, RowsAsync(http.Request.AnomalyFilter(), pricing));

    private static async IAsyncEnumerable<object?[]> RowsAsync(AnomalyFilter filter, PricingApi pricing)
    {
        AnomalyPosition? after = null;
        while (true)
        {
            var page = await pricing.AnomaliesAsync(filter, AnomalyOrder.DateDesc, PageSize, after);
            foreach (var r in page.Nodes)
                yield return [r.Sku, r.SalesOrg, r.CustomerId, r.Dt.ToString("yyyy-MM-dd"), SeverityRules.Of(r).Name(),
                    string.Join(" ", ReasonNames.Split(r.Reasons)), r.NetPrice, r.UnitCost, r.MarginPct, r.PriceChange7dPct, r.Volatility14dPct,
                    r.CompMinPrice, r.CompDeltaPct, r.MlScore, r.ModelVersion, r.TopFeature, r.Quantity, r.Impact, r.ImpactReporting];
            if (!page.HasNextPage)
                yield break;
            var last = page.Nodes[^1];
            after = new AnomalyPosition(new FeatureKey(last.Sku, last.SalesOrg, last.CustomerId, last.Dt));
        }
    }
}
