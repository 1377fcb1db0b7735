using System.Data.Common;
using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>Features, rejected rows, job runs, model versions and the pipeline watermark in the analytics DB.</summary>
public sealed class AnalyticsStore(SqlDatabase database, TimeProvider? clock = null)
{
    private const string FeatureSelect =
        "SELECT sku, sales_org, customer_id, dt, net_price, unit_cost, margin_pct, price_change_7d_pct, volatility_14d_pct, " +
        "comp_min_price, comp_delta_pct, reasons, ml_score, model_version, top_feature FROM features";

    private const string JobSelect =
        "SELECT id, kind, mode, `trigger`, status, started_at, finished_at, stage, skus_done, skus_total, rows_read, rows_rejected, " +
        "feature_rows_written, anomalies_found, model_version, error, created_at, read_seconds, compute_seconds, score_seconds, write_seconds FROM job_runs";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public SqlDatabase Database => database;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    // ---- features -------------------------------------------------------------------------------

    /// <summary>
    /// Writes what SKU grains handed back, the one way every writer does: deleted rows, then the new rows
    /// (<paramref name="upserts"/>: the change sets' own, or those rows scored), then withdrawn rejections, then new
    /// ones. Each step is idempotent, so a batch that is written again after a failure ends in the same rows.
    /// </summary>
    public async Task WriteChangesAsync(IReadOnlyCollection<SkuChangeSet> changes, IEnumerable<FeatureRow> upserts, long? jobId, CancellationToken ct = default)
    {
        await DeleteFeaturesAsync(changes.SelectMany(c => c.Deletes), ct);
        await UpsertFeaturesAsync(upserts, jobId, ct);
        await DeleteRejectedAsync(changes.SelectMany(c => c.Withdrawn), ct);
        await UpsertRejectedAsync(changes.SelectMany(c => c.Rejections), jobId, ct);
    }

    /// <summary>Inserts or replaces feature rows; severity and the anomaly flag are derived here, once.</summary>
    public Task<long> UpsertFeaturesAsync(IEnumerable<FeatureRow> rows, long? jobId, CancellationToken ct = default)
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
            new("top_feature", r => r.TopFeature), new("job_id", _ => jobId), new("updated_at", _ => now),
        };
        return database.BulkInsertAsync("features", columns, rows, OnDuplicate.Replace, ct);
    }

    public Task<int> DeleteFeaturesAsync(IEnumerable<FeatureKey> keys, CancellationToken ct = default) =>
        DeleteByKeyAsync("DELETE FROM features WHERE sku = @p0 AND sales_org = @p1 AND customer_id = @p2 AND dt = @p3",
            keys, k => [k.Sku, k.SalesOrg, k.CustomerId, k.Dt], ct);

    /// <summary>
    /// After a full rebuild of some SKUs wrote their rows under <paramref name="jobId"/>, removes the rows of those SKUs
    /// that the rebuild did not write: readers never see a SKU without rows, and a retried rebuild is harmless.
    /// </summary>
    public async Task<int> DeleteStaleAsync(IReadOnlyCollection<string> skus, long jobId, CancellationToken ct = default)
    {
        var names = DbCommandExtensions.ListPlaceholders("@s", skus.Count);
        void Bind(DbCommand c) => c.Bind("@job", jobId).BindList("@s", skus);
        return await database.ExecuteAsync($"DELETE FROM features WHERE sku IN ({names}) AND (job_id IS NULL OR job_id <> @job)", Bind, ct, 600)
            + await database.ExecuteAsync($"DELETE FROM rejected_rows WHERE sku IN ({names}) AND (job_id IS NULL OR job_id <> @job)", Bind, ct, 600);
    }

    /// <summary>Feature rows of one SKU (or all), ordered like the golden files: sku, sales org, customer, date.</summary>
    public IAsyncEnumerable<FeatureRow> ReadFeaturesAsync(string? sku = null, DateOnly? from = null, CancellationToken ct = default) =>
        database.QueryAsync(
            $"{FeatureSelect} {(sku is null ? "" : "WHERE sku = @sku")} {(from is null ? "" : (sku is null ? "WHERE" : "AND") + " dt >= @from")} ORDER BY sku, sales_org, customer_id, dt",
            c => c.Bind("@sku", sku).Bind("@from", from), ReadFeature, ct);

    /// <summary>Rows of these SKUs that no model version has scored.</summary>
    public IAsyncEnumerable<FeatureRow> ReadUnscoredFeaturesAsync(IReadOnlyCollection<string> skus, CancellationToken ct = default)
    {
        var names = DbCommandExtensions.ListPlaceholders("@s", skus.Count);
        return database.QueryAsync($"{FeatureSelect} WHERE sku IN ({names}) AND model_version IS NULL ORDER BY sku, sales_org, customer_id, dt",
            c => c.BindList("@s", skus), ReadFeature, ct);
    }

    public Task<long> CountFeaturesAsync(CancellationToken ct = default) =>
        database.ScalarAsync<long>("SELECT COUNT(*) FROM features", ct: ct);

    internal static FeatureRow ReadFeature(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetDate(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
        r.GetNullableDouble(7), r.GetNullableDouble(8), r.GetNullableDouble(9), r.GetNullableDouble(10),
        (AnomalyReasons)r.GetInt32(11), r.GetNullableDouble(12), r.GetNullableInt32(13), r.GetNullableString(14));

    // ---- rejected rows --------------------------------------------------------------------------

    public Task<long> UpsertRejectedAsync(IEnumerable<RejectedRow> rows, long? jobId, CancellationToken ct = default)
    {
        var now = Now;
        var columns = new BulkColumn<RejectedRow>[]
        {
            new("source_table", r => r.Table), new("sku", r => r.Sku), new("sales_org", r => r.SalesOrg ?? ""),
            new("customer_id", r => r.CustomerId ?? ""), new("competitor", r => r.Competitor ?? ""), new("dt", r => r.Dt),
            new("reason", r => r.Reason.Code()), new("job_id", _ => jobId), new("rejected_at", _ => now),
        };
        return database.BulkInsertAsync("rejected_rows", columns, rows, OnDuplicate.Replace, ct);
    }

    /// <summary>Withdraws rejections of rows that a correction made good again.</summary>
    public Task<int> DeleteRejectedAsync(IEnumerable<RejectedRow> rows, CancellationToken ct = default) =>
        DeleteByKeyAsync(
            "DELETE FROM rejected_rows WHERE source_table = @p0 AND sku = @p1 AND sales_org = @p2 AND customer_id = @p3 AND competitor = @p4 AND dt = @p5",
            rows, r => [r.Table, r.Sku, r.SalesOrg ?? "", r.CustomerId ?? "", r.Competitor ?? "", r.Dt], ct);

    /// <summary>Deletes row by row with one prepared command in one transaction; returns how many rows went.</summary>
    private async Task<int> DeleteByKeyAsync<T>(string sql, IEnumerable<T> keys, Func<T, object[]> values, CancellationToken ct)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var deleted = 0;
        foreach (var key in keys)
        {
            var parameters = values(key);
            if (command.Parameters.Count == 0)
                for (var i = 0; i < parameters.Length; i++)
                    command.Bind("@p" + i, null);
            for (var i = 0; i < parameters.Length; i++)
                command.Parameters[i].Value = parameters[i];
            deleted += await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return deleted;
    }

    public Task<List<RejectedRow>> ReadRejectedAsync(string? table = null, string? sku = null, long? jobId = null, string? reason = null,
        int first = int.MaxValue, int offset = 0, CancellationToken ct = default)
    {
        var filters = new List<string>();
        if (table is not null) filters.Add("source_table = @t");
        if (sku is not null) filters.Add("sku = @sku");
        if (jobId is not null) filters.Add("job_id = @job");
        if (reason is not null) filters.Add("reason = @reason");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        return database.ListAsync(
            $"SELECT source_table, sku, sales_org, customer_id, competitor, dt, reason, job_id FROM rejected_rows {where} " +
            "ORDER BY source_table, sku, sales_org, customer_id, competitor, dt LIMIT @first OFFSET @offset",
            c => c.Bind("@t", table).Bind("@sku", sku).Bind("@job", jobId).Bind("@reason", reason).Bind("@first", first).Bind("@offset", offset),
            r => new RejectedRow(r.GetString(0), r.GetString(1), EmptyAsNull(r.GetString(2)), EmptyAsNull(r.GetString(3)),
                EmptyAsNull(r.GetString(4)), r.GetDate(5), RejectReasonCodes.Parse(r.GetString(6)), r.GetNullableInt64(7)), ct);
    }

    private static string? EmptyAsNull(string value) => value.Length == 0 ? null : value;

    // ---- job runs -------------------------------------------------------------------------------

    public async Task<JobRun> CreateJobAsync(JobKind kind, JobMode mode, string trigger, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "INSERT INTO job_runs (kind, mode, `trigger`, status, created_at) VALUES (@kind, @mode, @trigger, @status, @now); " + database.LastInsertIdSql;
        command.Bind("@kind", kind.Name()).Bind("@mode", mode.Name()).Bind("@trigger", trigger).Bind("@status", JobStatus.Queued.Name()).Bind("@now", database.Timestamp(Now));
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(ct));
        return (await GetJobAsync(id, ct))!;
    }

    public async Task UpdateJobAsync(JobRun job, CancellationToken ct = default)
    {
        var seconds = job.Seconds ?? StageSeconds.Zero;
        await database.ExecuteAsync(
            "UPDATE job_runs SET status = @status, started_at = @started, finished_at = @finished, stage = @stage, skus_done = @done, " +
            "skus_total = @total, rows_read = @read, rows_rejected = @rejected, feature_rows_written = @written, anomalies_found = @anomalies, " +
            "model_version = @model, error = @error, read_seconds = @sr, compute_seconds = @sc, score_seconds = @ss, write_seconds = @sw WHERE id = @id",
            c => c.Bind("@status", job.Status.Name())
                .Bind("@started", job.StartedAt is { } s ? database.Timestamp(s) : null)
                .Bind("@finished", job.FinishedAt is { } f ? database.Timestamp(f) : null)
                .Bind("@stage", job.Stage?.Name()).Bind("@done", job.SkusDone).Bind("@total", job.SkusTotal).Bind("@read", job.RowsRead)
                .Bind("@rejected", job.RowsRejected).Bind("@written", job.FeatureRowsWritten).Bind("@anomalies", job.AnomaliesFound)
                .Bind("@model", job.ModelVersion).Bind("@error", job.Error).Bind("@id", job.Id)
                .Bind("@sr", seconds.Read).Bind("@sc", seconds.Compute).Bind("@ss", seconds.Score).Bind("@sw", seconds.Write), ct);
    }

    /// <summary>
    /// Changes whenever a run or recompute ends, whatever it wrote: cached counts compare it to the one they were
    /// counted under (docs/architecture.md, "Counts"). Runs go one at a time, so the count of ended runs grows with each.
    /// </summary>
    public async Task<string> RunsEndedStampAsync(CancellationToken ct = default) =>
        (await database.ListAsync("SELECT COUNT(*), MAX(finished_at) FROM job_runs WHERE finished_at IS NOT NULL", null,
            r => $"{r.GetInt64(0)} {(r.IsDBNull(1) ? "" : Convert.ToString(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))}", ct)).Single();

    public async Task<JobRun?> GetJobAsync(long id, CancellationToken ct = default) =>
        (await database.ListAsync($"{JobSelect} WHERE id = @id", c => c.Bind("@id", id), ReadJob, ct)).SingleOrDefault();

    public Task<List<JobRun>> ListJobsAsync(int first, CancellationToken ct = default) =>
        database.ListAsync($"{JobSelect} ORDER BY id DESC LIMIT @first", c => c.Bind("@first", first), ReadJob, ct);

    private static JobRun ReadJob(DbDataReader r) => new(
        r.GetInt64(0), JobNames.Parse<JobKind>(r.GetString(1)), JobNames.Parse<JobMode>(r.GetString(2)), r.GetString(3), JobNames.Parse<JobStatus>(r.GetString(4)),
        r.GetNullableDateTime(5), r.GetNullableDateTime(6), r.GetNullableString(7) is { } stage ? JobNames.Parse<JobStage>(stage) : null, r.GetInt32(8), r.GetInt32(9), r.GetInt64(10),
        r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetNullableInt32(14), r.GetNullableString(15), r.GetDateTime(16),
        new StageSeconds(r.GetDouble(17), r.GetDouble(18), r.GetDouble(19), r.GetDouble(20)));

    // ---- model versions -------------------------------------------------------------------------

    private const string ModelSelect =
        "SELECT version, created_at, trained_from, trained_to, row_count, threshold, metrics_json, {0}, evaluation_json, broken_reason FROM model_versions";

    public async Task SaveModelVersionAsync(ModelVersion model, CancellationToken ct = default) =>
        await database.ExecuteAsync(
            "INSERT INTO model_versions (version, created_at, trained_from, trained_to, row_count, threshold, metrics_json, model_bytes) " +
            "VALUES (@v, @created, @from, @to, @rows, @threshold, @metrics, @bytes)",
            c => c.Bind("@v", model.Version).Bind("@created", database.Timestamp(model.CreatedAt)).Bind("@from", model.TrainedFrom)
                .Bind("@to", model.TrainedTo).Bind("@rows", model.RowCount).Bind("@threshold", model.Threshold)
                .Bind("@metrics", model.MetricsJson).Bind("@bytes", model.ModelBytes), ct);

    /// <summary>One version with its bytes, or the latest usable one (not marked broken) when no version is named.</summary>
    public async Task<ModelVersion?> GetModelVersionAsync(int? version = null, CancellationToken ct = default) =>
        (await database.ListAsync(
            string.Format(ModelSelect, "model_bytes") +
            (version is null ? " WHERE broken_reason IS NULL ORDER BY version DESC LIMIT 1" : " WHERE version = @v"),
            c => c.Bind("@v", version), ReadModel, ct)).SingleOrDefault();

    /// <summary>All versions, newest first, without their bytes.</summary>
    public Task<List<ModelVersion>> ListModelVersionsAsync(CancellationToken ct = default) =>
        database.ListAsync(string.Format(ModelSelect, "NULL") + " ORDER BY version DESC", null, ReadModel, ct);

    public async Task<int> NextModelVersionAsync(CancellationToken ct = default) =>
        (int)(await database.ScalarAsync<long?>("SELECT MAX(version) FROM model_versions", ct: ct) ?? 0) + 1;

    public Task SetModelEvaluationAsync(int version, string evaluationJson, CancellationToken ct = default) =>
        database.ExecuteAsync("UPDATE model_versions SET evaluation_json = @e WHERE version = @v",
            c => c.Bind("@e", evaluationJson).Bind("@v", version), ct);

    public Task MarkModelBrokenAsync(int version, string reason, CancellationToken ct = default) =>
        database.ExecuteAsync("UPDATE model_versions SET broken_reason = @r WHERE version = @v",
            c => c.Bind("@r", reason).Bind("@v", version), ct);

    private static ModelVersion ReadModel(DbDataReader r) => new(
        r.GetInt32(0), r.GetDateTime(1), r.GetNullableDate(2), r.GetNullableDate(3), r.GetInt64(4), r.GetDouble(5), r.GetString(6),
        r.IsDBNull(7) ? [] : (byte[])r.GetValue(7), r.GetNullableString(8), r.GetNullableString(9));

    /// <summary>
    /// Feature rows with dt in [from, to] for training, thinned to at most <paramref name="maxRows"/> by keeping every
    /// k-th row in key order: deterministic, and spread over all SKUs and dates.
    /// </summary>
    public async Task<List<FeatureRow>> ReadTrainingRowsAsync(DateOnly from, DateOnly to, int maxRows, CancellationToken ct = default)
    {
        var count = await database.ScalarAsync<long>("SELECT COUNT(*) FROM features WHERE dt BETWEEN @from AND @to",
            c => c.Bind("@from", from).Bind("@to", to), ct);
        var every = Math.Max(1, (long)Math.Ceiling(count / (double)maxRows));
        var rows = new List<FeatureRow>((int)Math.Min(count, maxRows));
        long i = 0;
        await foreach (var row in database.QueryAsync($"{FeatureSelect} WHERE dt BETWEEN @from AND @to ORDER BY sku, sales_org, customer_id, dt",
                           c => c.Bind("@from", from).Bind("@to", to), ReadFeature, ct))
            if (i++ % every == 0)
                rows.Add(row);
        return rows;
    }

    public async Task<DateOnly?> LatestFeatureDateAsync(CancellationToken ct = default) =>
        (await database.ListAsync("SELECT MAX(dt) FROM features", null, r => r.GetNullableDate(0), ct)).Single();

    /// <summary>The SKUs with a feature row on <paramref name="day"/>, in order (from the date index).</summary>
    public Task<List<string>> ReadSkusWithFeaturesOnAsync(DateOnly day, CancellationToken ct = default) =>
        database.ListAsync("SELECT DISTINCT sku FROM features WHERE dt = @dt ORDER BY sku", c => c.Bind("@dt", day), r => r.GetString(0), ct);

    // ---- rule overrides -------------------------------------------------------------------------

    /// <summary>The configured rules with the analytics DB's per-group overrides on top (the DB wins).</summary>
    public async Task<RuleBook> ReadRuleBookAsync(RuleBook configured, CancellationToken ct = default)
    {
        var groups = new Dictionary<string, RuleThresholds>(configured.Groups, StringComparer.Ordinal);
        var rows = await database.ListAsync(
            "SELECT material_group, negative_margin_pct, low_margin_pct, price_spike_pct, competitor_undercut_pct FROM rule_overrides", null,
            r => (Group: r.GetString(0), Negative: r.GetNullableDouble(1), Low: r.GetNullableDouble(2), Spike: r.GetNullableDouble(3), Undercut: r.GetNullableDouble(4)), ct);
        foreach (var row in rows)
        {
            var basis = configured.For(row.Group);
            var rules = new RuleThresholds(row.Negative ?? basis.NegativeMarginPct, row.Low ?? basis.LowMarginPct,
                row.Spike ?? basis.PriceSpikePct, row.Undercut ?? basis.CompetitorUndercutPct);
            groups[row.Group] = rules.Validate() is { } problem
                ? throw new InvalidOperationException($"rule_overrides row for material group '{row.Group}': {problem}")
                : rules;
        }
        return configured with { Groups = groups };
    }

    // ---- watermark ------------------------------------------------------------------------------

    public async Task<DateTime?> GetWatermarkAsync(string catalog, CancellationToken ct = default) =>
        (await database.ListAsync("SELECT watermark FROM pipeline_watermarks WHERE catalog = @c", c => c.Bind("@c", catalog),
            r => r.GetDateTime(0), ct)).Cast<DateTime?>().SingleOrDefault();

    public async Task SetWatermarkAsync(string catalog, DateTime watermark, CancellationToken ct = default) =>
        await database.ExecuteAsync(
            database.UpsertSql("pipeline_watermarks", ["catalog", "watermark", "updated_at"], ["catalog"], ["watermark", "updated_at"]),
            c => c.Bind("@catalog", catalog).Bind("@watermark", database.Timestamp(watermark)).Bind("@updated_at", database.Timestamp(Now)), ct);
}
