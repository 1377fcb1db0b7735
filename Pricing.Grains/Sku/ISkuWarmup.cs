using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Sku;

/// <summary>
/// What the silo's own warm-up (Warmup/) asks of a SKU grain, kept off the public <see cref="ISkuGrain"/>: nothing
/// outside the silo wakes or rehearses a SKU. Both calls write nothing.
/// </summary>
internal interface ISkuWarmup : IGrainWithStringKey
{
    /// <summary>
    /// Activates the grain, which reads its window from storage, and, when it holds too little for a batch of
    /// <paramref name="nextDay"/> (its state was kept in memory and lost), reads that batch's history from the source.
    /// </summary>
    ValueTask Wake(DateOnly nextDay);

    /// <summary>
    /// Returns the changes <see cref="ISkuGrain.Apply"/> would return for these rows, applying them to a copy of the
    /// window: the grain, its storage and the pending changes stay as they are. Rows reaching back past the held
    /// window are not rehearsed, since that would read history: they give an empty change set.
    /// </summary>
    ValueTask<SkuChangeSet> Rehearse(PriceRow[] prices, CompetitorRow[] competitors);
}
