namespace Pricing.Model;

/// <summary>Why a source row takes no part in any feature (docs/architecture.md, Source tables); the first that applies, in this order.</summary>
public enum RejectReason : byte
{
    None = 0,
    UnknownSku = 1,
    CurrencyMismatch = 2,
    NonPositivePrice = 3,
    NegativeCost = 4,
    NegativeQuantity = 5,
}

public static class SourceTables
{
    public const string DailyPrices = "daily_prices";
    public const string CompetitorPrices = "competitor_prices";
    public const string BilledQuantities = "billed_quantities";
}

/// <summary>A source row the grid refused, with the key that finds it in the source.</summary>
/// <remarks>SalesOrg/CustomerId are set for daily_prices and billed_quantities rows, Competitor for competitor_prices rows.</remarks>
[GenerateSerializer, Immutable]
public sealed record RejectedRow(
    [property: Id(0)] string Table,
    [property: Id(1)] string Sku,
    [property: Id(2)] string? SalesOrg,
    [property: Id(3)] string? CustomerId,
    [property: Id(4)] string? Competitor,
    [property: Id(5)] DateOnly Dt,
    [property: Id(6)] RejectReason Reason,
    [property: Id(7)] long? JobId = null);

public static class RejectReasonCodes
{
    public static string Code(this RejectReason reason) => reason switch
    {
        RejectReason.UnknownSku => "UNKNOWN_SKU",
        RejectReason.CurrencyMismatch => "CURRENCY_MISMATCH",
        RejectReason.NonPositivePrice => "NON_POSITIVE_PRICE",
        RejectReason.NegativeCost => "NEGATIVE_COST",
        RejectReason.NegativeQuantity => "NEGATIVE_QUANTITY",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a rejection"),
    };

    public static RejectReason Parse(string code) => code switch
    {
        "UNKNOWN_SKU" => RejectReason.UnknownSku,
        "CURRENCY_MISMATCH" => RejectReason.CurrencyMismatch,
        "NON_POSITIVE_PRICE" => RejectReason.NonPositivePrice,
        "NEGATIVE_COST" => RejectReason.NegativeCost,
        "NEGATIVE_QUANTITY" => RejectReason.NegativeQuantity,
        _ => throw new FormatException($"unknown reject reason '{code}'"),
    };
}
