using Pricing.Features;
using Pricing.Model;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

public abstract class AnalyticsStoreTests(DatabaseKind kind, Action<SqlDatabase>? adjust = null) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private AnalyticsStore Store => new(_db.Database);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind);
        adjust?.Invoke(_db.Database);
        await new Migrator(_db.Database, "Analytics").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static FeatureRow Row(string sku, int day, AnomalyReasons reasons = AnomalyReasons.None, double? change = null) =>
        new(sku, "1000", "C000101", new DateOnly(2025, 3, day), 19.92, 12.0, 39.75903614457832, change, 0.22681853446240519,
            20.5176, -2.9126213592233006, reasons);

    [Fact]
    public async Task Features_round_trip_bit_for_bit_with_nulls()
    {
        var rows = new[]
        {
            Row("G001", 1),
            Row("G001", 2, AnomalyReasons.PriceSpike, 30.000000000000004) with { MlScore = 0.123456789012345, ModelVersion = 3, TopFeature = "price_change_7d_pct" },
            Row("G002", 1) with { PriceChange7dPct = null, Volatility14dPct = null, CompMinPrice = null, CompDeltaPct = null },
        };

        Assert.Equal(3, await Store.Features.UpsertAsync(rows, jobId: 7));

        Assert.Equal(rows, await Store.Features.ReadAsync().ToListAsync());
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_and_derives_severity()
    {
        await Store.Features.UpsertAsync([Row("G001", 1)], jobId: 1);
        await Store.Features.UpsertAsync([Row("G001", 1, AnomalyReasons.PriceSpike | AnomalyReasons.NegativeMargin, 55)], jobId: 2);

        var stored = Assert.Single(await Store.Features.ReadAsync().ToListAsync());
        Assert.Equal(AnomalyReasons.PriceSpike | AnomalyReasons.NegativeMargin, stored.Reasons);
        Assert.Equal((long)Severity.Critical, await _db.Database.ScalarAsync<long>("SELECT severity FROM features"));
        Assert.Equal(1L, await _db.Database.ScalarAsync<long>("SELECT COUNT(*) FROM anomalies"));
        Assert.Equal(2L, await _db.Database.ScalarAsync<long>("SELECT job_id FROM features"));
    }

    [Fact]
    public async Task The_ml_order_index_holds_the_score_of_anomalies_only()
    {
        // a new score for an ordinary row must not move its entry in the index (a FULL after a retrain rescores all)
        await Store.Features.UpsertAsync([Row("G001", 1) with { MlScore = 0.25 }, Row("G001", 2, AnomalyReasons.PriceSpike, 30) with { MlScore = 0.75 }], 1);
        Task<List<double?>> Scores() => _db.Database.ListAsync("SELECT anomaly_ml_score FROM features ORDER BY dt", null, r => r.GetNullableDouble(0));
        Assert.Equal([null, 0.75], await Scores());

        await Store.Features.UpsertAsync([Row("G001", 1, AnomalyReasons.NegativeMargin) with { MlScore = 0.5 }], 2);
        Assert.Equal([0.5, 0.75], await Scores());

        // SQLite's index is partial (is_anomaly = 1), MySQL's leads with is_anomaly
        string[] key = ["anomaly_ml_score", "dt", "sku", "sales_org", "customer_id"];
        Assert.Equal(kind == DatabaseKind.MySql ? ["is_anomaly", .. key] : key,
            await new SourceLoader(_db.Database).IndexColumnsAsync("features", "ix_anomalies_by_ml_score"));
    }

    [Fact]
    public async Task Deleting_features_removes_exactly_those_keys()
    {
        await Store.Features.UpsertAsync([Row("G001", 1), Row("G001", 2), Row("G002", 1)], null);

        var deleted = await Store.Features.DeleteAsync([new FeatureKey("G001", "1000", "C000101", new DateOnly(2025, 3, 2)), new FeatureKey("G009", "1000", "C000101", new DateOnly(2025, 3, 2))]);

        Assert.Equal(1, deleted);
        Assert.Equal(["G001/1", "G002/1"], (await Store.Features.ReadAsync().ToListAsync()).Select(r => $"{r.Sku}/{r.Dt.Day}"));
    }

    [Fact]
    public async Task Rejected_rows_are_kept_per_source_key_and_can_be_withdrawn()
    {
        var price = new RejectedRow(SourceTables.DailyPrices, "G001", "1000", "C000102", null, new DateOnly(2025, 3, 12), RejectReason.NonPositivePrice);
        var competitor = new RejectedRow(SourceTables.CompetitorPrices, "G002", null, null, "Dunmore Trade", new DateOnly(2025, 3, 31), RejectReason.CurrencyMismatch);
        await Store.Rejected.UpsertAsync([price, competitor], jobId: 4);
        await Store.Rejected.UpsertAsync([price with { Reason = RejectReason.NegativeCost }], jobId: 5);

        var all = await Store.Rejected.ReadAsync();
        Assert.Equal([competitor with { JobId = 4 }, price with { Reason = RejectReason.NegativeCost, JobId = 5 }], all);
        Assert.Equal([competitor with { JobId = 4 }], await Store.Rejected.ReadAsync(jobId: 4));
        Assert.Equal([competitor with { JobId = 4 }], await Store.Rejected.ReadAsync(table: SourceTables.CompetitorPrices, reason: "CURRENCY_MISMATCH"));

        Assert.Equal(1, await Store.Rejected.DeleteAsync([price]));
        Assert.Equal([competitor with { JobId = 4 }], await Store.Rejected.ReadAsync());
    }

    [Fact]
    public async Task Job_runs_are_created_queued_and_updated_in_place()
    {
        var job = await Store.Jobs.CreateAsync(JobKind.Manual, JobMode.Full, "test");
        Assert.Equal(JobStatus.Queued, job.Status);
        var second = await Store.Jobs.CreateAsync(JobKind.Nightly, JobMode.Incremental, "reminder");
        Assert.True(second.Id > job.Id);

        var started = new DateTime(2025, 4, 15, 2, 0, 0, 123, DateTimeKind.Unspecified);
        var done = job with
        {
            Status = JobStatus.Failed, StartedAt = started, FinishedAt = started.AddMinutes(3), Stage = JobStage.Features, SkusDone = 5,
            SkusTotal = 10, RowsRead = 1234, RowsRejected = 11, FeatureRowsWritten = 1200, AnomaliesFound = 50, ModelVersion = 2,
            Error = "batch 3 failed",
        };
        await Store.Jobs.UpdateAsync(done);

        Assert.Equal(done, await Store.Jobs.GetAsync(job.Id));
        Assert.Equal([second.Id, job.Id], (await Store.Jobs.ListAsync(10)).Select(j => j.Id));
        Assert.Null(await Store.Jobs.GetAsync(999_999));
    }

    [Fact]
    public async Task Model_versions_keep_their_bytes_and_the_latest_is_found()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31)).ToArray(); // larger than a 64 KB BLOB
        await Store.Models.SaveAsync(new ModelVersion(1, new DateTime(2025, 4, 1), new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31), 1000, 0.8, "{}", [1, 2, 3]));
        await Store.Models.SaveAsync(new ModelVersion(2, new DateTime(2025, 4, 8), null, null, 2000, 0.75, """{"auc":0.97}""", bytes));

        var latest = await Store.Models.GetAsync();
        Assert.Equal(2, latest!.Version);
        Assert.Equal(bytes, latest.ModelBytes);
        Assert.Equal("""{"auc":0.97}""", latest.MetricsJson);
        Assert.Equal([1, 2, 3], (await Store.Models.GetAsync(1))!.ModelBytes);
        Assert.Null(await Store.Models.GetAsync(3));
    }

    [Fact]
    public async Task Rule_overrides_from_the_database_win_over_configuration_column_by_column()
    {
        var configured = new RuleBook(RuleThresholds.Default, new Dictionary<string, RuleThresholds> { ["PAINT04"] = new(0, 8, 30, 10) });
        await _db.Database.ExecuteAsync("INSERT INTO rule_overrides (material_group, low_margin_pct, price_spike_pct) VALUES ('PAINT04', 3, NULL), ('TOOL02', NULL, 45)");

        var rules = await Store.Rules.ReadRuleBookAsync(configured);

        Assert.Equal(new RuleThresholds(0, 3, 30, 10), rules.For("PAINT04"));
        Assert.Equal(new RuleThresholds(0, 5, 45, 10), rules.For("TOOL02"));
        Assert.Equal(RuleThresholds.Default, rules.For("FAST01"));
    }

    [Fact]
    public async Task Watermark_is_kept_per_catalog_to_the_microsecond()
    {
        Assert.Null(await Store.Watermarks.GetAsync("default"));
        var first = new DateTime(2025, 4, 15, 19, 0, 13).AddTicks(1234560);
        await Store.Watermarks.SetAsync("default", first);
        await Store.Watermarks.SetAsync("default", first.AddDays(1));
        await Store.Watermarks.SetAsync("other", first);

        Assert.Equal(first.AddDays(1), await Store.Watermarks.GetAsync("default"));
        Assert.Equal(first, await Store.Watermarks.GetAsync("other"));
    }
}

public sealed class SqliteAnalyticsStoreTests() : AnalyticsStoreTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlAnalyticsStoreTests() : AnalyticsStoreTests(DatabaseKind.MySql);

/// <summary>A MySQL server with local_infile OFF (the MySQL 8 default): the same suite through multi-row INSERTs.</summary>
[Trait("Category", "MySql")]
public sealed class MySqlWithoutLocalInfileAnalyticsStoreTests() : AnalyticsStoreTests(DatabaseKind.MySql, db => ((MySqlDatabase)db).ServerAllowsLocalInfile = false);
