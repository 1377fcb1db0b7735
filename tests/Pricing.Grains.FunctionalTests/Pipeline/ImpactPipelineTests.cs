using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Pipeline;

/// <summary>
/// Volumes and impacts through real pipeline runs on the golden data with billed quantities, reported in USD so
/// that the EUR SKUs' impacts are converted: late and corrected rates convert rows written by earlier runs again.
/// </summary>
public abstract class ImpactPipelineTests(DatabaseKind kind) : IAsyncLifetime
{
    private GrainCluster _grid = null!;

    public async Task InitializeAsync() =>
        _grid = await GrainCluster.StartAsync(kind, pipeline: GrainCluster.TestPipeline with { ReportingCurrency = "USD" });

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    private async Task<JobRun> RunAsync(JobMode mode)
    {
        var job = await _grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).Start(mode, JobKind.Manual, "test");
        return await _grid.WaitForAsync(job.Id);
    }

    private async Task<List<FeatureRow>> StoredAsync() => await _grid.AnalyticsStore.Features.ReadAsync().ToListAsync();

    [Fact]
    public async Task Incremental_runs_keep_volumes_impacts_and_reported_impacts_equal_the_independent_computation()
    {
        await Golden.RunAsync(_grid.Source.Database, Golden.SourceSql);
        await Golden.RunAsync(_grid.Source.Database, Golden.QuantitiesSql);
        var first = await RunAsync(JobMode.Incremental);
        Assert.True(first.Status == JobStatus.Succeeded, first.Error);
        Golden.AssertSameImpact(Golden.ExpectedImpact("expected_impact.csv"), await StoredAsync(), "USD");
        var withoutRate = (await StoredAsync()).Count(r => r.ImpactReporting is null); // EUR rows of the two days before the first rate
        Assert.InRange(withoutRate, 1, 24);
        Assert.Equal(withoutRate, first.RowsWithoutRate);
        var quantityRejections = (await _grid.AnalyticsStore.Rejected.ReadAsync()).Where(r => r.Table == SourceTables.BilledQuantities).ToList();
        Assert.Equal(["G004/NegativeQuantity", "G999/UnknownSku"], quantityRejections.Select(r => $"{r.Sku}/{r.Reason}").Order());

        await Golden.RunAsync(_grid.Source.Database, Golden.DeltaSql);
        await Golden.RunAsync(_grid.Source.Database, Golden.QuantitiesDeltaSql);
        var second = await RunAsync(JobMode.Incremental);
        Assert.True(second.Status == JobStatus.Succeeded, second.Error);
        // the late and corrected rates changed rows the first run wrote and this one did not touch
        Golden.AssertSameImpact(Golden.ExpectedImpact("expected_impact_after_delta.csv"), await StoredAsync(), "USD");
        var recomputed = await SourceRecompute.RunAsync(_grid.SourceStore, "USD");
        Golden.AssertSameFeatures(recomputed.Features, await StoredAsync(), reported: true);

        // a FULL run writes every row again with the same values
        Assert.Equal(JobStatus.Succeeded, (await RunAsync(JobMode.Full)).Status);
        Golden.AssertSameImpact(Golden.ExpectedImpact("expected_impact_after_delta.csv"), await StoredAsync(), "USD");
    }

    [Fact]
    public async Task A_source_without_quantities_and_rates_gives_volume_0_and_no_reported_impact_outside_the_reporting_currency()
    {
        await Golden.RunAsync(_grid.Source.Database, Golden.SourceSql);
        await _grid.Source.Database.ExecuteAsync("DROP TABLE IF EXISTS billed_quantities; DROP TABLE IF EXISTS exchange_rates");
        var job = await RunAsync(JobMode.Incremental);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var rows = await StoredAsync();
        Golden.AssertSameFeatures(Golden.ExpectedFeatures("expected_features.csv"), rows);
        Assert.All(rows, r => Assert.Equal(0, r.Quantity));
        Assert.All(rows.Where(r => r.Sku == "G003"), r => Assert.Equal(0, r.ImpactReporting)); // USD, the reporting currency
        Assert.All(rows.Where(r => r.Sku != "G003"), r => Assert.Null(r.ImpactReporting));
        Assert.Equal(rows.Count(r => r.Sku != "G003"), job.RowsWithoutRate);
    }
}

public sealed class SqliteImpactPipelineTests() : ImpactPipelineTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlImpactPipelineTests() : ImpactPipelineTests(DatabaseKind.MySql);
