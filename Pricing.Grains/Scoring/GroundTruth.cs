using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// The seed generator's labels as a lookup: which irregularity kinds cover a feature row. A label without sales org
/// and customer (a margin collapse, a competitor undercut) covers every series of its SKU on its dates. Bad-row labels
/// are left out: those rows are rejected, they have no feature row.
/// </summary>
public sealed class GroundTruth
{
    private readonly Dictionary<string, List<SeedIrregularity>> _bySku;

    public GroundTruth(IEnumerable<SeedIrregularity> labels)
    {
        _bySku = labels.Where(l => !IrregularityKinds.IsBadRow(l.Kind))
            .GroupBy(l => l.Sku, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Kinds = [.. _bySku.Values.SelectMany(l => l).Select(l => l.Kind).Distinct().Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Kinds { get; }

    public IEnumerable<string> KindsOf(in FeatureRow row)
    {
        if (!_bySku.TryGetValue(row.Sku, out var labels))
            return [];
        var (salesOrg, customer, dt) = (row.SalesOrg, row.CustomerId, row.Dt);
        return labels.Where(l => (l.SalesOrg is null || l.SalesOrg == salesOrg) && (l.CustomerId is null || l.CustomerId == customer)
            && l.DtFrom <= dt && dt <= l.DtTo).Select(l => l.Kind).Distinct();
    }
}
