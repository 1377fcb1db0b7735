using Pricing.Features;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Sku;

/// <summary>Where a SKU grain reads what it no longer holds: the source rows, and what the analytics DB holds.</summary>
public interface ISkuHistorySource
{
    Task<Material?> MaterialAsync(string sku, CancellationToken ct = default);

    Task<SkuHistory> LoadAsync(string sku, DateOnly from, CancellationToken ct = default);

    /// <summary>Every source row of the SKU, for a recompute.</summary>
    Task<SkuBatch> LoadAllAsync(string sku, CancellationToken ct = default);
}

public sealed class StoreSkuHistorySource(SourceStore source, AnalyticsStore analytics) : ISkuHistorySource
{
    public async Task<Material?> MaterialAsync(string sku, CancellationToken ct = default) => await source.ReadMaterialAsync(sku, ct);

    public async Task<SkuHistory> LoadAsync(string sku, DateOnly from, CancellationToken ct = default) => new(
        from,
        await source.ReadPricesAsync([sku], from, ct).ToListAsync(ct),
        await source.ReadCompetitorPricesAsync([sku], from, ct).ToListAsync(ct),
        await analytics.ReadFeaturesAsync(sku, from, ct).ToListAsync(ct));

    public async Task<SkuBatch> LoadAllAsync(string sku, CancellationToken ct = default) => new(
        await source.ReadPricesAsync([sku], ct: ct).ToListAsync(ct),
        await source.ReadCompetitorPricesAsync([sku], ct: ct).ToListAsync(ct));
}
