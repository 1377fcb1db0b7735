using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The analysts' reads of the analytics DB: anomaly pages by keyset in contract order, counts by reason, a SKU's
/// feature rows. Every filter is a bound parameter; the anomaly index (is_anomaly, dt DESC, sku, sales_org,
/// customer_id) serves the order and the cursor.
/// </summary>
public sealed class AnomalyQueries(SqlDatabase database)
{
    /// <param name="groupSkus">The SKUs of the filter's material group (the analytics DB has no material master); null: no group filter.</param>
    /// <param name="total">Counts the filter's anomalies (given, so that the caller can cache it).</param>
    public async Task<AnomalyPage> PageAsync(AnomalyFilter filter, IReadOnlyCollection<string>? groupSkus, AnomalyOrder order, int first,
        AnomalyPosition? after, Func<Func<Task<long>>, Task<long>>? total = null, CancellationToken ct = default)
    {
        var where = Where(filter, groupSkus);
        // the ML order lists scored rows (all of them once a model exists: docs/architecture.md, Reasons and severity)
        var sortColumn = SortColumn(order);
        if (order == AnomalyOrder.MlScoreDesc)
            where.Add($"{sortColumn} IS NOT NULL");
        var countSql = $"SELECT COUNT(*) FROM features WHERE {where}";
        var countBinds = where.Binds.ToList();
        Task<long> Count() => database.ScalarAsync<long>(countSql, c => c.BindAll(countBinds), ct);
        var totalCount = total is null ? Count() : total(Count);

        if (after is { Key: var cursor })
        {
            var afterKey = "(dt < @cdt OR (dt = @cdt AND (sku > @csku OR (sku = @csku AND (sales_org > @cso OR (sales_org = @cso AND customer_id > @ccust))))))";
            where.Add(sortColumn is null ? afterKey : $"({sortColumn} < @cv OR ({sortColumn} = @cv AND {afterKey}))");
            where.Binds.AddRange([("@cdt", cursor.Dt), ("@csku", cursor.Sku), ("@cso", cursor.SalesOrg), ("@ccust", cursor.CustomerId), ("@cv", after.SortValue)]);
        }
        var binds = where.Binds.Append(("@limit", first + 1));
        var orderBy = (sortColumn is null ? "" : $"{sortColumn} DESC, ") + "dt DESC, sku, sales_org, customer_id";
        var rows = await database.ListAsync($"{FeatureRows.FeatureSelect} WHERE {where} ORDER BY {orderBy} LIMIT @limit",
            c => c.BindAll(binds), FeatureRows.ReadFeature, ct);
        var hasNext = rows.Count > first;
        if (hasNext)
            rows.RemoveAt(rows.Count - 1);
        return new AnomalyPage(rows, await totalCount, hasNext, new Dictionary<string, RuleThresholds>());
    }

    private static string? SortColumn(AnomalyOrder order) => order switch
    {
        AnomalyOrder.SeverityDesc => "severity",
        // ml_score of anomalies, NULL for ordinary rows (migration V0009): the column its index is keyed on
        AnomalyOrder.MlScoreDesc => "anomaly_ml_score",
        _ => null,
    };

    /// <summary>Anomalies per reason in [from, to]; a row with two reasons counts for both. Every reason appears, zero or not.</summary>
    public async Task<List<ReasonCount>> ReasonCountsAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var where = Where(new AnomalyFilter { DtFrom = from, DtTo = to }, null);
        var sums = string.Join(", ", ReasonNames.All.Select(r => $"SUM(CASE WHEN (reasons & {(int)r.Reason}) <> 0 THEN 1 ELSE 0 END)"));
        var counts = await database.ListAsync($"SELECT {sums} FROM features WHERE {where}", c => c.BindAll(where.Binds),
            r => ReasonNames.All.Select((reason, i) => new ReasonCount(reason.Reason, r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i)))).ToList(), ct);
        return counts.Single();
    }

    /// <summary>The SKU's feature rows with dt in [L − days + 1, L], L its latest date, ordered by series and date.</summary>
    public async Task<List<FeatureRow>> SkuPointsAsync(string sku, int days, CancellationToken ct = default)
    {
        var latest = (await database.ListAsync("SELECT MAX(dt) FROM features WHERE sku = @sku", c => c.Bind("@sku", sku), r => r.GetNullableDate(0), ct)).Single();
        if (latest is not { } l)
            return [];
        return await database.ListAsync($"{FeatureRows.FeatureSelect} WHERE sku = @sku AND dt >= @from ORDER BY sales_org, customer_id, dt",
            c => c.Bind("@sku", sku).Bind("@from", l.AddDays(1 - days)), FeatureRows.ReadFeature, ct);
    }

    private static WhereClause Where(AnomalyFilter filter, IReadOnlyCollection<string>? groupSkus)
    {
        var where = new WhereClause("is_anomaly = 1");
        if (filter.Reason is { } reason) where.Add($"(reasons & {(int)reason}) <> 0");
        where.AddSeries(filter.Sku, filter.SkuPrefix, filter.SalesOrg, filter.CustomerId, groupSkus);
        if (filter.DtFrom is { } from) where.Add("dt >= @from", "@from", from);
        if (filter.DtTo is { } to) where.Add("dt <= @to", "@to", to);
        if (filter.MinSeverity is { } severity) where.Add("severity >= @sev", "@sev", severity);
        if (filter.MinMlScore is { } score) where.Add("ml_score >= @ml", "@ml", score);
        return where;
    }
}
