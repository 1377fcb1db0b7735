using Microsoft.Extensions.Time.Testing;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Seeding;
using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>Tests over a cluster (one silo unless told) with a seeded catalog and a fake clock (mid-morning after its last day).</summary>
public abstract class SeededGridTests(DatabaseKind kind, CatalogOptions catalog, short silos = 1) : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 4, 15, 6, 0, 0, TimeSpan.Zero));
    protected GrainCluster Grid { get; private set; } = null!;
    protected CatalogOptions Catalog => catalog;

    public async Task InitializeAsync()
    {
        Grid = await GrainCluster.StartAsync(kind, silos, Clock);
        await new Seeder(Grid.Source.Database, Clock).SeedCatalogAsync(catalog, reset: false);
    }

    public async Task DisposeAsync() => await Grid.DisposeAsync();

    protected IPipelineGrain Pipeline => Grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default);

    protected async Task<JobRun> RunAsync(JobMode mode) => await Grid.WaitForAsync((await Pipeline.Start(mode, JobKind.Manual, "test")).Id);
}
