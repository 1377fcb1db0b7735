using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>The <c>features</c> table: one row per series and day, with its reasons and ML score.</summary>
public sealed class FeatureRows(SqlDatabase database, TimeProvider clock)
{
    /// <summary>Every column <see cref="ReadFeature"/> reads, in its order.</summary>
    internal const string FeatureSelect =
        "SELECT sku, sales_org, customer_id, dt, net_price, unit_cost, margin_pct, price_change_7d_pct, volatility_14d_pct, " +
        "comp_min_price, comp_delta_pct, reasons, ml_score, model_version, top_feature, quantity, impact, impact_reporting FROM features";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Inserts or replaces feature rows; severity and the anomaly flag are derived here, once.</summary>
    public Task<long> UpsertAsync(IEnumerable<FeatureRow> rows, long? jobId, CancellationToken ct = default)
    {
        var now = Now;
        var columns = new BulkColumn<FeatureRow>[]
        {
            new("sku", r => r.Sku), new("sales_org", r => r.SalesOrg), new("customer_id", r => r.CustomerId), new("dt", r => r.Dt),
            new("net_price", r => r.NetPrice), new("unit_cost", r => r.UnitCost), new("margin_pct", r => r.MarginPct),
            new("price_change_7d_pct", r => r.PriceChange7dPct), new("volatility_14d_pct", r => r.Volatility14dPct),
            new("comp_min_price", r => r.CompMinPrice), new("comp_delta_pct", r => r.CompDeltaPct),
            new("reasons", r => (int)r.Reasons), new("is_anomaly", r => r.Reasons == AnomalyReasons.None ? 0 : 1),
            new("severity", r => (int)SeverityRules.Of(r)), new("ml_score", r => r.MlScore), new("model_version", r => r.ModelVersion),
            new("top_feature", r => r.TopFeature), new("quantity", r => r.Quantity), new("impact", r => r.Impact),
            new("impact_reporting", r => r.ImpactReporting), new("job_id", _ => jobId), new("updated_at", _ => now),
        };
        return database.BulkInsertAsync("features", columns, rows, OnDuplicate.Replace, ct);
    }

    public Task<int> DeleteAsync(IEnumerable<FeatureKey> keys, CancellationToken ct = default) =>
        database.DeleteByKeyAsync("DELETE FROM features WHERE sku = @p0 AND sales_org = @p1 AND customer_id = @p2 AND dt = @p3",
            keys, k => [k.Sku, k.SalesOrg, k.CustomerId, k.Dt], ct);

    /// <summary>Feature rows of one SKU (or all), ordered like the golden files: sku, sales org, customer, date.</summary>
    public IAsyncEnumerable<FeatureRow> ReadAsync(string? sku = null, DateOnly? from = null, CancellationToken ct = default) =>
        database.QueryAsync(
            $"{FeatureSelect} {(sku is null ? "" : "WHERE sku = @sku")} {(from is null ? "" : (sku is null ? "WHERE" : "AND") + " dt >= @from")} ORDER BY sku, sales_org, customer_id, dt",
            c => c.Bind("@sku", sku).Bind("@from", from), ReadFeature, ct);

    /// <summary>Rows of these SKUs that no model version has scored.</summary>
    public IAsyncEnumerable<FeatureRow> ReadUnscoredAsync(IReadOnlyCollection<string> skus, CancellationToken ct = default)
    {
        var names = DbCommandExtensions.ListPlaceholders("@s", skus.Count);
        return database.QueryAsync($"{FeatureSelect} WHERE sku IN ({names}) AND model_version IS NULL ORDER BY sku, sales_org, customer_id, dt",
            c => c.BindList("@s", skus), ReadFeature, ct);
    }

    /// <summary>
    /// Converts again the impact of these SKUs' rows (of currency <paramref name="currency"/>) with dt in
    /// [from, until) that an earlier run wrote, with the rates now in <c>reporting_rates</c>: impact × the rate of the
    /// latest valid_from on or before dt, null without one. <paramref name="allRows"/>: also rows of no impact, which
    /// hold 0 and need writing only when a day lost its rate.
    /// </summary>
    public Task<int> ConvertAgainAsync(IReadOnlyCollection<string> skus, string currency, string reportingCurrency, DateOnly from, DateOnly? until,
        long jobId, bool allRows, CancellationToken ct = default)
    {
        var names = DbCommandExtensions.ListPlaceholders("@s", skus.Count);
        var rate = "SELECT r.rate FROM reporting_rates r WHERE r.from_currency = @c AND r.to_currency = @to AND r.valid_from <= features.dt " +
            "ORDER BY r.valid_from DESC LIMIT 1";
        var period = until is null ? "dt >= @from" : "dt >= @from AND dt < @until";
        return database.ExecuteAsync(
            $"UPDATE features SET impact_reporting = impact * ({rate}) WHERE sku IN ({names}) AND {period} AND (job_id IS NULL OR job_id <> @job)" +
            (allRows ? "" : " AND (impact <> 0 OR impact_reporting IS NULL)"),
            c => c.BindList("@s", skus).Bind("@c", currency).Bind("@to", reportingCurrency).Bind("@from", from).Bind("@until", until).Bind("@job", jobId),
            ct, 600);
    }

    public Task<long> CountAsync(CancellationToken ct = default) =>
        database.ScalarAsync<long>("SELECT COUNT(*) FROM features", ct: ct);

    internal static FeatureRow ReadFeature(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetDate(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
        r.GetNullableDouble(7), r.GetNullableDouble(8), r.GetNullableDouble(9), r.GetNullableDouble(10),
        (AnomalyReasons)r.GetInt32(11), r.GetNullableDouble(12), r.GetNullableInt32(13), r.GetNullableString(14),
        r.GetDouble(15), r.GetDouble(16), r.GetNullableDouble(17));

    /// <summary>
    /// Feature rows with dt in [from, to] for training, thinned to at most <paramref name="maxRows"/> by keeping every
    /// k-th row in key order: deterministic, and spread over all SKUs and dates.
    /// </summary>
    /// <summary>
    /// The rows a model learns what is normal from (docs/architecture.md, ML scoring): those of [from, to] that no rule
    /// flags and that are not in an incident the analysts dismissed, every k-th in key order beyond
    /// <paramref name="maxRows"/>; and how many rows the dismissals took out.
    /// </summary>
    public async Task<(List<FeatureRow> Rows, long Dismissed)> ReadTrainingRowsAsync(DateOnly from, DateOnly to, int maxRows, CancellationToken ct = default)
    {
        const int ml = (int)AnomalyReasons.MlOutlier;
        var unflagged = $"dt BETWEEN @from AND @to AND (reasons | {ml}) = {ml}"; // no reason but the model's
        var dismissed = $"""
            EXISTS (SELECT 1 FROM incidents i WHERE i.status = 'DISMISSED' AND i.reason = {ml}
              AND i.sku = features.sku AND i.sales_org = features.sales_org AND i.customer_id = features.customer_id
              AND features.dt BETWEEN i.first_dt AND i.last_dt)
            """;
        void Bind(DbCommand c) => c.Bind("@from", from).Bind("@to", to);
        // one scan of the window counts both (MySQL's SUM is a DECIMAL, hence the conversion)
        var (all, excluded) = (await database.ListAsync($"SELECT COUNT(*), COALESCE(SUM(CASE WHEN {dismissed} THEN 1 ELSE 0 END), 0) FROM features WHERE {unflagged}",
            Bind, r => (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1))), ct)).Single();
        var count = all - excluded;
        var every = Math.Max(1, (long)Math.Ceiling(count / (double)maxRows));
        var rows = new List<FeatureRow>((int)Math.Min(count, maxRows));
        long i = 0;
        await foreach (var row in database.QueryAsync($"{FeatureSelect} WHERE {unflagged} AND NOT {dismissed} ORDER BY sku, sales_org, customer_id, dt", Bind, ReadFeature, ct))
            if (i++ % every == 0)
                rows.Add(row);
        return (rows, excluded);
    }

    public async Task<DateOnly?> LatestDateAsync(CancellationToken ct = default) =>
        (await database.ListAsync("SELECT MAX(dt) FROM features", null, r => r.GetNullableDate(0), ct)).Single();

    /// <summary>Every SKU with a feature row, in order.</summary>
    public Task<List<string>> ReadSkusAsync(CancellationToken ct = default) =>
        database.ListAsync("SELECT DISTINCT sku FROM features ORDER BY sku", null, r => r.GetString(0), ct);

    /// <summary>The SKUs with a feature row on <paramref name="day"/>, in order (from the date index).</summary>
    public Task<List<string>> ReadSkusWithRowsOnAsync(DateOnly day, CancellationToken ct = default) =>
        database.ListAsync("SELECT DISTINCT sku FROM features WHERE dt = @dt ORDER BY sku", c => c.Bind("@dt", day), r => r.GetString(0), ct);
}
