using System.Data.Common;
using System.Text;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The analysts' reads of the analytics DB: anomaly pages by keyset in contract order, counts by reason, a SKU's
/// feature rows. Every filter is a bound parameter; the anomaly index (is_anomaly, dt DESC, sku, sales_org,
/// customer_id) serves the order and the cursor.
/// </summary>
public sealed class AnomalyQueries(SqlDatabase database)
{
    private const string Select =
        "SELECT sku, sales_org, customer_id, dt, net_price, unit_cost, margin_pct, price_change_7d_pct, volatility_14d_pct, " +
        "comp_min_price, comp_delta_pct, reasons, ml_score, model_version, top_feature, quantity, impact, impact_reporting FROM features";

    /// <param name="groupSkus">The SKUs of the filter's material group (the analytics DB has no material master); null: no group filter.</param>
    /// <param name="total">Counts the filter's anomalies (given, so that the caller can cache it).</param>
    public async Task<AnomalyPage> PageAsync(AnomalyFilter filter, IReadOnlyCollection<string>? groupSkus, AnomalyOrder order, int first,
        AnomalyPosition? after, Func<Func<Task<long>>, Task<long>>? total = null, CancellationToken ct = default)
    {
        var where = new StringBuilder("is_anomaly = 1");
        var binds = new List<(string Name, object? Value)>();
        AddFilters(where, binds, filter, groupSkus);
        // the ML order lists scored rows (all of them once a model exists: docs/architecture.md, Reasons and severity)
        var sortColumn = SortColumn(order);
        if (order == AnomalyOrder.MlScoreDesc)
            where.Append($" AND {sortColumn} IS NOT NULL");
        var countSql = $"SELECT COUNT(*) FROM features WHERE {where}";
        var countBinds = binds.ToList();
        Task<long> Count() => database.ScalarAsync<long>(countSql, c => c.BindAll(countBinds), ct);
        var totalCount = total is null ? Count() : total(Count);

        if (after is { Key: var cursor })
        {
            var afterKey = "(dt < @cdt OR (dt = @cdt AND (sku > @csku OR (sku = @csku AND (sales_org > @cso OR (sales_org = @cso AND customer_id > @ccust))))))";
            where.Append(sortColumn is null ? $" AND {afterKey}" : $" AND ({sortColumn} < @cv OR ({sortColumn} = @cv AND {afterKey}))");
            binds.AddRange([("@cdt", cursor.Dt), ("@csku", cursor.Sku), ("@cso", cursor.SalesOrg), ("@ccust", cursor.CustomerId), ("@cv", after.SortValue)]);
        }
        binds.Add(("@limit", first + 1));
        var orderBy = (sortColumn is null ? "" : $"{sortColumn} DESC, ") + "dt DESC, sku, sales_org, customer_id";
        var rows = await database.ListAsync($"{Select} WHERE {where} ORDER BY {orderBy} LIMIT @limit",
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

    /// <summary>A row's value of the order's first column: what a cursor after it must carry.</summary>
    /// <summary>Anomalies per reason in [from, to]; a row with two reasons counts for both. Every reason appears, zero or not.</summary>
    public async Task<List<ReasonCount>> ReasonCountsAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var where = new StringBuilder("is_anomaly = 1");
        var binds = new List<(string, object?)>();
        AddFilters(where, binds, new AnomalyFilter { DtFrom = from, DtTo = to }, null);
        var sums = string.Join(", ", ReasonNames.All.Select(r => $"SUM(CASE WHEN (reasons & {(int)r.Reason}) <> 0 THEN 1 ELSE 0 END)"));
        var counts = await database.ListAsync($"SELECT {sums} FROM features WHERE {where}", c => c.BindAll(binds),
            r => ReasonNames.All.Select((reason, i) => new ReasonCount(reason.Reason, r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i)))).ToList(), ct);
        return counts.Single();
    }

    /// <summary>The SKU's feature rows with dt in [L − days + 1, L], L its latest date, ordered by series and date.</summary>
    public async Task<List<FeatureRow>> SkuPointsAsync(string sku, int days, CancellationToken ct = default)
    {
        var latest = (await database.ListAsync("SELECT MAX(dt) FROM features WHERE sku = @sku", c => c.Bind("@sku", sku), r => r.GetNullableDate(0), ct)).Single();
        if (latest is not { } l)
            return [];
        return await database.ListAsync($"{Select} WHERE sku = @sku AND dt >= @from ORDER BY sales_org, customer_id, dt",
            c => c.Bind("@sku", sku).Bind("@from", l.AddDays(1 - days)), FeatureRows.ReadFeature, ct);
    }

    private static void AddFilters(StringBuilder where, List<(string, object?)> binds, AnomalyFilter filter, IReadOnlyCollection<string>? groupSkus)
    {
        void Add(string clause, string? name = null, object? value = null)
        {
            where.Append(" AND ").Append(clause);
            if (name is not null)
                binds.Add((name, value));
        }
        if (filter.Reason is { } reason) Add($"(reasons & {(int)reason}) <> 0");
        if (filter.Sku is { } sku) Add("sku = @sku", "@sku", sku);
        if (filter.SkuPrefix is { } prefix) Add("sku LIKE @prefix ESCAPE '!'", "@prefix", EscapeLike(prefix) + "%");
        if (filter.SalesOrg is { } salesOrg) Add("sales_org = @so", "@so", salesOrg);
        if (filter.CustomerId is { } customer) Add("customer_id = @cust", "@cust", customer);
        if (filter.DtFrom is { } from) Add("dt >= @from", "@from", from);
        if (filter.DtTo is { } to) Add("dt <= @to", "@to", to);
        if (filter.MinSeverity is { } severity) Add("severity >= @sev", "@sev", severity);
        if (filter.MinMlScore is { } score) Add("ml_score >= @ml", "@ml", score);
        if (groupSkus is not null)
        {
            Add(groupSkus.Count == 0 ? "1 = 0" : $"sku IN ({DbCommandExtensions.ListPlaceholders("@g", groupSkus.Count)})");
            binds.AddRange(groupSkus.Select((s, i) => ("@g" + i, (object?)s)));
        }
    }

    /// <summary>A LIKE pattern's literal part, escaped with <c>!</c>.</summary>
    internal static string EscapeLike(string value) => value.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");
}
