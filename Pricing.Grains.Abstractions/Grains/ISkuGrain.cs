using Pricing.Model;

namespace Pricing.Grains;

/// <summary>
/// One SKU (key = SKU): keeps its recent prices, costs, billed quantities and competitor snapshots, and turns batches of source rows
/// into exactly the feature rows that changed.
/// </summary>
public interface ISkuGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies the current versions of some source rows of this SKU. Returns every change not yet acknowledged,
    /// this batch's and any earlier ones whose writing was not confirmed, so a lost result is returned again.
    /// </summary>
    ValueTask<SkuChangeSet> Apply(PriceRow[] prices, CompetitorRow[] competitors, BilledQuantity[] quantities);

    /// <summary>The changes up to <paramref name="version"/> are in the analytics DB; they need not be returned again.</summary>
    ValueTask Acknowledge(long version);

    /// <summary>
    /// Rebuilds the state from all source rows of the SKU, read by the caller, flagged with rule thresholds at least
    /// of <paramref name="rulesVersion"/>; returns every feature row and rejection.
    /// </summary>
    ValueTask<SkuChangeSet> Rebuild(PriceRow[] prices, CompetitorRow[] competitors, BilledQuantity[] quantities, long rulesVersion);

    /// <summary>The live features and flags of the held days, for the UI.</summary>
    ValueTask<SkuLiveState> GetState();
}

/// <summary>
/// Changes to write: feature rows to upsert or delete, rejections to record or withdraw; <see cref="Currency"/> is the
/// SKU's (null for an unknown SKU), which the writer converts the impact from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SkuChangeSet(
    [property: Id(0)] string Sku,
    [property: Id(1)] long Version,
    [property: Id(2)] FeatureRow[] Upserts,
    [property: Id(3)] FeatureKey[] Deletes,
    [property: Id(4)] RejectedRow[] Rejections,
    [property: Id(5)] RejectedRow[] Withdrawn,
    [property: Id(6)] int RowsRead,
    [property: Id(7)] int RowsRejected,
    [property: Id(8)] bool LoadedHistory,
    [property: Id(9)] string? Currency = null)
{
    public bool IsEmpty => Upserts.Length == 0 && Deletes.Length == 0 && Rejections.Length == 0 && Withdrawn.Length == 0;
}

[GenerateSerializer, Immutable]
public sealed record SkuLiveState(
    [property: Id(0)] string Sku,
    [property: Id(1)] DateOnly? Latest,
    [property: Id(2)] DateOnly? ComputableFrom,
    [property: Id(3)] FeatureRow[] Features,
    [property: Id(4)] int HeldDays,
    [property: Id(5)] int SeriesCount,
    [property: Id(6)] int CompetitorCount);
