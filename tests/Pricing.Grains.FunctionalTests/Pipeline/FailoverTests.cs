using Orleans.Runtime;
using Orleans.TestingHost;
using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Pipeline;

/// <summary>
/// A three-silo cluster on MariaDB (ADO.NET membership, grain storage, reminders): a silo is killed in the middle of a
/// full run, and the run still finishes with exactly the rows of an undisturbed run.
/// </summary>
[Trait("Category", "MySql")]
public sealed class FailoverTests : IAsyncLifetime
{
    private static readonly CatalogOptions Catalog = new() { Skus = 150, Days = 60, EndDate = new DateOnly(2025, 4, 14), Seed = 21 };
    private static readonly PipelineOptions Options = GrainCluster.TestPipeline with
    {
        BatchSize = 5, Parallelism = 3, MaxAttempts = 6, RetryDelay = TimeSpan.FromMilliseconds(500), TickPeriod = TimeSpan.FromSeconds(2),
    };
    private GrainCluster _grid = null!;

    public async Task InitializeAsync()
    {
        _grid = await GrainCluster.StartAsync(DatabaseKind.MySql, silos: 3, pipeline: Options, fastFailover: true);
        await new Seeder(_grid.Source.Database).SeedCatalogAsync(Catalog, reset: false);
    }

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    [Fact]
    public async Task Killing_the_silo_that_holds_the_pipeline_grain_mid_run_still_finishes_the_run_exactly()
    {
        var job = await StartAndWaitForProgressAsync();

        await _grid.Cluster.KillSiloAsync(await SiloHostingAsync("pipeline"));
        var done = await _grid.WaitForAsync(job.Id, TimeSpan.FromMinutes(3));

        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        await AssertEqualsUndisturbedRunAsync();
    }

    [Fact]
    public async Task Killing_a_silo_that_runs_batch_workers_mid_run_still_finishes_the_run_exactly()
    {
        var job = await StartAndWaitForProgressAsync();
        var pipelineSilo = await SiloHostingAsync("pipeline");
        var worker = _grid.Cluster.Silos.First(s => !s.SiloAddress.Equals(pipelineSilo.SiloAddress));

        await _grid.Cluster.KillSiloAsync(worker);
        var done = await _grid.WaitForAsync(job.Id, TimeSpan.FromMinutes(3));

        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        await AssertEqualsUndisturbedRunAsync();
    }

    private async Task<JobRun> StartAndWaitForProgressAsync()
    {
        var job = await _grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).Start(JobMode.Full, JobKind.Manual, "failover test");
        for (var i = 0; i < 600; i++)
        {
            var now = (await _grid.AnalyticsStore.Jobs.GetAsync(job.Id))!;
            if (now.SkusDone > 0)
            {
                Assert.True(now.SkusDone < now.SkusTotal, "the run finished before a silo could be killed: make the catalog bigger");
                return now;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the run made no progress");
    }

    private async Task<InProcessSiloHandle> SiloHostingAsync(string grainTypeFragment)
    {
        var statistics = await _grid.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.First(s => s.GrainId.ToString().Contains(grainTypeFragment, StringComparison.OrdinalIgnoreCase)).SiloAddress;
        return _grid.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));
    }

    private async Task AssertEqualsUndisturbedRunAsync()
    {
        var expected = await SourceRecompute.RunAsync(_grid.SourceStore);
        Golden.AssertSameFeatures(expected.Features, await _grid.AnalyticsStore.Features.ReadAsync().ToListAsync());
        Assert.Equal(expected.Rejected.Count, (await _grid.AnalyticsStore.Rejected.ReadAsync()).Count);
    }
}
