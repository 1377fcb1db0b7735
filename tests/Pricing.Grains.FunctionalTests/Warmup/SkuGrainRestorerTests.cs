using Orleans.Runtime;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;
using Pricing.Warmup;

namespace Pricing.Tests.Warmup;

/// <summary>
/// A silo restarted in a cluster on MariaDB wakes again the SKU grains it held, so the next night finds every SKU
/// of the last day active, as on a silo that never stopped.
/// </summary>
[Trait("Category", "MySql")]
public sealed class SkuGrainRestorerTests : IAsyncLifetime
{
    private static readonly CatalogOptions Catalog = new() { Skus = 40, Days = 20, EndDate = new DateOnly(2025, 4, 14), Seed = 5 };
    private GrainCluster _grid = null!;

    public async Task InitializeAsync()
    {
        _grid = await GrainCluster.StartAsync(DatabaseKind.MySql, silos: 2);
        await new Seeder(_grid.Source.Database).SeedCatalogAsync(Catalog, reset: false);
    }

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    [Fact]
    public async Task A_restarted_silo_wakes_the_SKU_grains_it_held_without_writing_anything()
    {
        Assert.Equal(0, await SkuActivationsAsync()); // no run yet, so no SKU state written: nothing to wake at start
        var pipeline = _grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default);
        var job = await _grid.WaitForAsync((await pipeline.Start(JobMode.Full, JobKind.Manual, "test")).Id);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        var skus = (await _grid.SourceStore.ReadSkusAsync(since: null)).Count; // the seed adds SKUs without a material
        Assert.Equal(skus, await SkuActivationsAsync());

        var restarted = _grid.Cluster.Silos[^1];
        await _grid.Cluster.StopSiloAsync(restarted);
        var afterStop = await SkuActivationsAsync();
        Assert.True(afterStop < skus, $"the stopped silo held no SKU grain ({afterStop} still active)");
        var stored = await StoredVersionsAsync(); // after the stop: its grains wrote their state as they went
        await _grid.Cluster.StartAdditionalSiloAsync();

        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (await SkuActivationsAsync() < skus)
        {
            Assert.True(DateTime.UtcNow < until, $"only {await SkuActivationsAsync()} of {skus} SKU grains active a minute after the restart");
            await Task.Delay(200);
        }
        Assert.Equal(stored, await StoredVersionsAsync());
    }

    private Task<List<string>> StoredVersionsAsync() =>
        _grid.Analytics.Database.ListAsync("SELECT grain_id, version FROM grain_state ORDER BY grain_id", null, r => $"{r.GetString(0)} v{r.GetInt64(1)}");

    private async Task<int> SkuActivationsAsync() =>
        (await _grid.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.StartsWith(typeof(Pricing.Sku.SkuGrain).FullName + ",", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
}
