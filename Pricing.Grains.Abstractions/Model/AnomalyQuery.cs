namespace Pricing.Model;

/// <summary>Which anomalies an analyst wants (every field optional; all given ones must hold).</summary>
[GenerateSerializer, Immutable]
public sealed record AnomalyFilter
{
    [Id(0)] public AnomalyReasons? Reason { get; init; }
    [Id(1)] public string? Sku { get; init; }
    [Id(2)] public string? SkuPrefix { get; init; }
    [Id(3)] public string? SalesOrg { get; init; }
    [Id(4)] public string? CustomerId { get; init; }
    [Id(5)] public string? MaterialGroup { get; init; }
    [Id(6)] public DateOnly? DtFrom { get; init; }
    [Id(7)] public DateOnly? DtTo { get; init; }

    /// <summary>0 none … 4 CRITICAL, as stored in <c>features.severity</c>.</summary>
    [Id(8)] public int? MinSeverity { get; init; }
    [Id(9)] public double? MinMlScore { get; init; }
}

/// <summary>Orders of the anomaly list; each breaks ties by the contract order (dt descending, sku, sales org, customer).</summary>
public enum AnomalyOrder { DateDesc, SeverityDesc, MlScoreDesc }

public static class AnomalyOrders
{
    /// <summary>A row's value of the order's first column, which a page's cursor carries.</summary>
    public static double SortValue(this AnomalyOrder order, in FeatureRow row) => order switch
    {
        AnomalyOrder.SeverityDesc => (int)SeverityRules.Of(row),
        AnomalyOrder.MlScoreDesc => row.MlScore ?? 0,
        _ => 0,
    };
}

/// <summary>Where a page ends: the last row's key and its value of the order's first column (severity or ML score).</summary>
[GenerateSerializer, Immutable]
public sealed record AnomalyPosition([property: Id(0)] FeatureKey Key, [property: Id(1)] double SortValue = 0);

/// <summary>
/// One page of anomalies in the order asked for, with the rule thresholds in force for each SKU on it (a material
/// group may override the global ones), so that a reason is explained with the number it was checked against.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AnomalyPage(
    [property: Id(0)] List<FeatureRow> Nodes,
    [property: Id(1)] long TotalCount,
    [property: Id(2)] bool HasNextPage,
    [property: Id(3)] IReadOnlyDictionary<string, RuleThresholds> ThresholdsBySku);

[GenerateSerializer, Immutable]
public sealed record ReasonCount([property: Id(0)] AnomalyReasons Reason, [property: Id(1)] long Count);

/// <summary>
/// A SKU's master data, its feature rows and competitor snapshots of the last <c>days</c> days up to its latest date,
/// and the rule thresholds in force for its material group.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SkuDetail(
    [property: Id(0)] Material Material,
    [property: Id(1)] List<FeatureRow> Points,
    [property: Id(2)] List<CompetitorRow> Competitors,
    [property: Id(3)] RuleThresholds Thresholds);

/// <summary>Whether each part the grid depends on answers, with the error when it does not.</summary>
[GenerateSerializer, Immutable]
public sealed record HealthCheck([property: Id(0)] string Name, [property: Id(1)] bool Ok, [property: Id(2)] string? Error);
