using Pricing.Model;

namespace Pricing.Features;

/// <summary>The full recompute: every feature row and every rejection of a whole catalog from its source rows.</summary>
public static class FeatureEngine
{
    public sealed record Result(List<FeatureRow> Features, List<RejectedRow> Rejected);

    public static Result Recompute(IEnumerable<Material> materials, IEnumerable<PriceRow> prices, IEnumerable<CompetitorRow> competitors,
        IEnumerable<BilledQuantity> quantities, RuleBook rules)
    {
        var bySku = materials.ToDictionary(m => m.Sku, StringComparer.Ordinal);
        var priceGroups = prices.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var competitorGroups = competitors.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var quantityGroups = quantities.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var changes = new SkuChanges();
        foreach (var sku in priceGroups.Keys.Union(competitorGroups.Keys).Union(quantityGroups.Keys).Order(StringComparer.Ordinal))
        {
            var material = bySku.GetValueOrDefault(sku);
            var state = new SkuState(sku, material, rules.For(material?.MaterialGroup));
            state.Apply(new SkuBatch(priceGroups.GetValueOrDefault(sku) ?? [], competitorGroups.GetValueOrDefault(sku) ?? [],
                quantityGroups.GetValueOrDefault(sku) ?? []), changes);
        }
        return new Result(
            [.. changes.Upserts.OrderBy(r => r.Sku, StringComparer.Ordinal).ThenBy(r => r.SalesOrg, StringComparer.Ordinal)
                .ThenBy(r => r.CustomerId, StringComparer.Ordinal).ThenBy(r => r.Dt)],
            [.. changes.Rejections.OrderBy(r => r.Table, StringComparer.Ordinal).ThenBy(r => r.Sku, StringComparer.Ordinal)
                .ThenBy(r => r.SalesOrg ?? "", StringComparer.Ordinal).ThenBy(r => r.CustomerId ?? "", StringComparer.Ordinal)
                .ThenBy(r => r.Competitor ?? "", StringComparer.Ordinal).ThenBy(r => r.Dt)]);
    }
}
