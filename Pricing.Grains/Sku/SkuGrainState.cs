using Pricing.Features;

namespace Pricing.Sku;

/// <summary>What a SKU grain persists: its held window and the changes not yet confirmed as written.</summary>
[GenerateSerializer]
public sealed class SkuGrainState
{
    [Id(0)] public SkuSnapshot? Window { get; set; }
    [Id(1)] public long Version { get; set; }
    [Id(2)] public PendingChanges Pending { get; set; } = new();
}
