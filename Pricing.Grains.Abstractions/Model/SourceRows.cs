namespace Pricing.Model;

/// <summary>SAP material master row (MARA/MAKT/MVKE): the SKU and the currency its prices must use.</summary>
[GenerateSerializer, Immutable]
public sealed record Material(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Description,
    [property: Id(2)] string MaterialGroup,
    [property: Id(3)] string BaseUom,
    [property: Id(4)] string Currency);

/// <summary>One net price of a series (sku, sales org, customer) on one day, as the source holds it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PriceRow(
    [property: Id(0)] string Sku,
    [property: Id(1)] string SalesOrg,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] DateOnly Dt,
    [property: Id(4)] double NetPrice,
    [property: Id(5)] double UnitCost,
    [property: Id(6)] string Currency,
    [property: Id(7)] DateTime ChangedAt);

/// <summary>A competitor's shelf or web price for a SKU on one day.</summary>
[GenerateSerializer, Immutable]
public readonly record struct CompetitorRow(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Competitor,
    [property: Id(2)] DateOnly Dt,
    [property: Id(3)] double Price,
    [property: Id(4)] string Currency,
    [property: Id(5)] DateTime ChangedAt);

/// <summary>
/// A series' billed quantity on one day, in the material's base unit: the source's billing items (VBRP) summed per
/// series and day (docs/architecture.md, Source tables).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct BilledQuantity(
    [property: Id(0)] string Sku,
    [property: Id(1)] string SalesOrg,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] DateOnly Dt,
    [property: Id(4)] double Quantity,
    [property: Id(5)] DateTime ChangedAt);

/// <summary>How many units of <see cref="ToCurrency"/> one unit of <see cref="FromCurrency"/> buys from <see cref="ValidFrom"/> on (SAP TCURR).</summary>
[GenerateSerializer, Immutable]
public readonly record struct ExchangeRate(
    [property: Id(0)] string FromCurrency,
    [property: Id(1)] string ToCurrency,
    [property: Id(2)] DateOnly ValidFrom,
    [property: Id(3)] double Rate);

/// <summary>Ground truth written by the seed generator: an irregularity it injected on purpose.</summary>
/// <remarks>SalesOrg and CustomerId are null for competitor events, which belong to the whole SKU.</remarks>
[GenerateSerializer, Immutable]
public sealed record SeedIrregularity(
    [property: Id(0)] string Sku,
    [property: Id(1)] string? SalesOrg,
    [property: Id(2)] string? CustomerId,
    [property: Id(3)] DateOnly DtFrom,
    [property: Id(4)] DateOnly DtTo,
    [property: Id(5)] string Kind);
