using Pricing.Features;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Sku;

/// <summary>Where a SKU grain reads what it no longer holds: the source rows, and what the analytics DB holds.</summary>
public interface ISkuHistorySource
{
    Task<Material?> MaterialAsync(string sku, CancellationToken ct = default);

    Task<SkuHistory> LoadAsync(string sku, DateOnly from, CancellationToken ct = default);
}

public sealed class StoreSkuHistorySource : ISkuHistorySource
{
    private readonly SourceStore _source;
    private readonly AnalyticsStore _analytics;
    private readonly RequestGroups<MaterialLookup> _materials;

    public StoreSkuHistorySource(SourceStore source, AnalyticsStore analytics)
    {
        (_source, _analytics) = (source, analytics);
        _materials = new RequestGroups<MaterialLookup>(ReadMaterialsAsync, maxCount: 500, maxBytes: int.MaxValue);
    }

    /// <summary>Every activating SKU grain asks for its material: those asking at once share one query.</summary>
    public Task<Material?> MaterialAsync(string sku, CancellationToken ct = default)
    {
        var lookup = new MaterialLookup(sku);
        _materials.Enqueue(lookup);
        return lookup.Done.Task.WaitAsync(ct);
    }

    private async Task ReadMaterialsAsync(List<MaterialLookup> group)
    {
        var found = await _source.ReadMaterialsAsync([.. group.Select(l => l.Sku)]).ToDictionaryAsync(m => m.Sku);
        foreach (var lookup in group)
            lookup.Done.TrySetResult(found.GetValueOrDefault(lookup.Sku));
    }

    public async Task<SkuHistory> LoadAsync(string sku, DateOnly from, CancellationToken ct = default) => new(
        from,
        await _source.ReadPricesAsync([sku], from, ct).ToListAsync(ct),
        await _source.ReadCompetitorPricesAsync([sku], from, ct).ToListAsync(ct),
        await _source.ReadQuantitiesAsync([sku], from, ct).ToListAsync(ct),
        await _analytics.Features.ReadAsync(sku, from, ct).ToListAsync(ct));
}

/// <summary>One SKU grain's question for its material, answered with the others asked at the same time.</summary>
internal sealed record MaterialLookup(string Sku) : GroupedRequest<Material?>
{
    public override (string, string) Key => (Sku, "");
}
