namespace Pricing.Model;

/// <summary>Labels the seed generator writes to <c>seed_irregularities.kind</c>.</summary>
public static class IrregularityKinds
{
    public const string PriceSpike = "PRICE_SPIKE";
    public const string TooLowPrice = "TOO_LOW_PRICE";
    public const string MarginCollapse = "MARGIN_COLLAPSE";
    public const string CompetitorUndercut = "COMPETITOR_UNDERCUT";
    public const string FatFingerX10 = "FAT_FINGER_X10";
    public const string FatFingerDiv10 = "FAT_FINGER_DIV10";
    public const string NegativeQuantity = "NEGATIVE_QUANTITY";

    /// <summary>Bad rows are labelled with the reject reason the grid must give them (e.g. NON_POSITIVE_PRICE).</summary>
    public static bool IsBadRow(string kind) => kind is "UNKNOWN_SKU" or "CURRENCY_MISMATCH" or "NON_POSITIVE_PRICE" or "NEGATIVE_COST" or NegativeQuantity;
}
