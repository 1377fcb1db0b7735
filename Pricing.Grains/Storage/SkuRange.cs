namespace Pricing.Storage;

/// <summary>
/// The SKUs from <paramref name="First"/> to <paramref name="Last"/>, both included, in the database's own order (the
/// order its <c>ORDER BY sku</c> returned them in, so the same collation decides what lies between).
/// </summary>
public sealed record SkuRange(string First, string Last);
