namespace Pricing.Features;

/// <summary>
/// The held window of a <see cref="SkuState"/> as plain arrays, for the SKU grain's persistent state.
/// Only the held days are stored, so its size follows the series count, not the history length.
/// </summary>
[GenerateSerializer]
public sealed record SkuSnapshot(
    [property: Id(0)] int Origin,
    [property: Id(1)] int Length,
    [property: Id(2)] int HighWater,
    [property: Id(3)] int TrimmedBefore,
    [property: Id(4)] SeriesSnapshot[] Series,
    [property: Id(5)] CompetitorSnapshot[] Competitors);

/// <remarks>A snapshot stored before billed quantities were read has none (null): the series then holds no quantity.</remarks>
[GenerateSerializer]
public sealed record SeriesSnapshot(
    [property: Id(0)] string SalesOrg,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] double[] Price,
    [property: Id(3)] double[] Cost,
    [property: Id(4)] byte[] Rejected,
    [property: Id(5)] double[]? Quantity = null,
    [property: Id(6)] byte[]? QuantityRejected = null);

[GenerateSerializer]
public sealed record CompetitorSnapshot(
    [property: Id(0)] string Name,
    [property: Id(1)] double[] Price,
    [property: Id(2)] byte[] Rejected);
