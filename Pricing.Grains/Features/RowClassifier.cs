using Pricing.Model;

namespace Pricing.Features;

/// <summary>Decides whether a source row takes part in the features, and if not, why (docs/architecture.md, Source tables).</summary>
public static class RowClassifier
{
    public static RejectReason Classify(in PriceRow row, Material? material) =>
        material is null ? RejectReason.UnknownSku :
        row.Currency != material.Currency ? RejectReason.CurrencyMismatch :
        !(row.NetPrice > 0) ? RejectReason.NonPositivePrice :
        !(row.UnitCost >= 0) ? RejectReason.NegativeCost :
        RejectReason.None;

    public static RejectReason Classify(in CompetitorRow row, Material? material) =>
        material is null ? RejectReason.UnknownSku :
        row.Currency != material.Currency ? RejectReason.CurrencyMismatch :
        !(row.Price > 0) ? RejectReason.NonPositivePrice :
        RejectReason.None;

    public static RejectReason Classify(in BilledQuantity row, Material? material) =>
        material is null ? RejectReason.UnknownSku :
        !(row.Quantity >= 0) ? RejectReason.NegativeQuantity :
        RejectReason.None;

    public static RejectedRow Rejection(in BilledQuantity row, RejectReason reason) =>
        new(SourceTables.BilledQuantities, row.Sku, row.SalesOrg, row.CustomerId, null, row.Dt, reason);

    public static RejectedRow Rejection(in PriceRow row, RejectReason reason) =>
        new(SourceTables.DailyPrices, row.Sku, row.SalesOrg, row.CustomerId, null, row.Dt, reason);

    public static RejectedRow Rejection(in CompetitorRow row, RejectReason reason) =>
        new(SourceTables.CompetitorPrices, row.Sku, null, null, row.Competitor, row.Dt, reason);
}
