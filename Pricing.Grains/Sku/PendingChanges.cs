using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Sku;

/// <summary>
/// Changes a SKU grain has computed but whose writing nobody has confirmed yet. Later changes to the same key
/// replace earlier ones, so however many batches pass before a write succeeds, one write makes the DB right.
/// </summary>
[GenerateSerializer]
public sealed class PendingChanges
{
    [Id(0)] public Dictionary<FeatureKey, FeatureRow> Upserts { get; init; } = [];
    [Id(1)] public HashSet<FeatureKey> Deletes { get; init; } = [];
    [Id(2)] public Dictionary<RejectionKey, RejectedRow> Rejections { get; init; } = [];
    [Id(3)] public Dictionary<RejectionKey, RejectedRow> Withdrawn { get; init; } = [];

    public bool IsEmpty => Upserts.Count == 0 && Deletes.Count == 0 && Rejections.Count == 0 && Withdrawn.Count == 0;

    public void Add(SkuChanges changes)
    {
        foreach (var key in changes.Deletes)
        {
            Upserts.Remove(key);
            Deletes.Add(key);
        }
        foreach (var row in changes.Upserts)
        {
            var key = new FeatureKey(row.Sku, row.SalesOrg, row.CustomerId, row.Dt);
            Deletes.Remove(key);
            Upserts[key] = row;
        }
        foreach (var row in changes.Withdrawn)
        {
            Rejections.Remove(RejectionKey.Of(row));
            Withdrawn[RejectionKey.Of(row)] = row;
        }
        foreach (var row in changes.Rejections)
        {
            Withdrawn.Remove(RejectionKey.Of(row));
            Rejections[RejectionKey.Of(row)] = row;
        }
    }

    public void Clear()
    {
        Upserts.Clear();
        Deletes.Clear();
        Rejections.Clear();
        Withdrawn.Clear();
    }

    public SkuChangeSet ToChangeSet(string sku, long version, int rowsRead, int rowsRejected, bool loadedHistory) => new(
        sku, version, [.. Upserts.Values], [.. Deletes], [.. Rejections.Values], [.. Withdrawn.Values], rowsRead, rowsRejected, loadedHistory);
}

/// <summary>The source key of a rejected row.</summary>
[GenerateSerializer, Immutable]
public readonly record struct RejectionKey(
    [property: Id(0)] string Table, [property: Id(1)] string Sku, [property: Id(2)] string? SalesOrg,
    [property: Id(3)] string? CustomerId, [property: Id(4)] string? Competitor, [property: Id(5)] DateOnly Dt)
{
    public static RejectionKey Of(RejectedRow row) => new(row.Table, row.Sku, row.SalesOrg, row.CustomerId, row.Competitor, row.Dt);
}
