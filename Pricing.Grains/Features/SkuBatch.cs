using Pricing.Model;

namespace Pricing.Features;

/// <summary>Source rows of one SKU as they are now: new days, late rows, corrections, rows that turned good or bad.</summary>
public sealed record SkuBatch(IReadOnlyList<PriceRow> Prices, IReadOnlyList<CompetitorRow> Competitors, IReadOnlyList<BilledQuantity> Quantities)
{
    public static readonly SkuBatch Empty = new([], [], []);

    /// <summary>A batch without billed quantities (a source without the optional table has none).</summary>
    public SkuBatch(IReadOnlyList<PriceRow> prices, IReadOnlyList<CompetitorRow> competitors) : this(prices, competitors, []) { }

    public int Count => Prices.Count + Competitors.Count + Quantities.Count;
}

/// <summary>
/// What a batch changed: feature rows to write or delete, rejections to record or withdraw.
/// Exactly the difference between the features before and after the batch, nothing more.
/// </summary>
public sealed class SkuChanges
{
    public List<FeatureRow> Upserts { get; } = [];
    public List<FeatureKey> Deletes { get; } = [];

    /// <summary>Every bad row of the batch (recording it again is harmless: rejections are keyed by source row).</summary>
    public List<RejectedRow> Rejections { get; } = [];

    /// <summary>Rows rejected before that a correction made good.</summary>
    public List<RejectedRow> Withdrawn { get; } = [];

    public int RowsRead { get; set; }

    public void Clear()
    {
        Upserts.Clear();
        Deletes.Clear();
        Rejections.Clear();
        Withdrawn.Clear();
        RowsRead = 0;
    }
}

/// <summary>
/// What the SKU no longer holds but a late batch needs: source rows from <see cref="From"/> up to the held window,
/// and the feature rows that were written for the days whose windows reach back there (read from the analytics DB,
/// because they, not a recomputation from today's source, are what the change must be measured against).
/// </summary>
public sealed record SkuHistory(
    DateOnly From, IReadOnlyList<PriceRow> Prices, IReadOnlyList<CompetitorRow> Competitors, IReadOnlyList<BilledQuantity> Quantities,
    IReadOnlyList<FeatureRow> StoredFeatures);
