using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pricing.Hosting;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Scoring;
using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster wired like production: on SQLite with memory storage, or on MariaDB with
/// ADO.NET clustering, grain storage and reminders on the project's own schema. Fresh databases per cluster.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    private GrainCluster(InProcessTestCluster cluster, TestDatabase source, TestDatabase analytics, PricingSettings settings)
    {
        Cluster = cluster;
        Source = source;
        Analytics = analytics;
        Settings = settings;
    }

    public InProcessTestCluster Cluster { get; }
    public TestDatabase Source { get; }
    public TestDatabase Analytics { get; }
    public PricingSettings Settings { get; }
    public IClusterClient Client => Cluster.Client;
    public SourceStore SourceStore => new(Source.Database);
    public AnalyticsStore AnalyticsStore => new(Analytics.Database);

    /// <summary>Small batches and short retries, so a small catalog still spreads over several batches and workers.</summary>
    public static readonly PipelineOptions TestPipeline = new() { BatchSize = 7, IncrementalBatchSize = 7, Parallelism = 3, RetryDelay = TimeSpan.FromMilliseconds(50) };

    public static async Task<GrainCluster> StartAsync(DatabaseKind kind, short silos = 1, TimeProvider? clock = null,
        PipelineOptions? pipeline = null, bool fastFailover = false, Pricing.Alerts.AlertOptions? alerts = null)
    {
        var source = await TestDatabase.CreateAsync(kind, PricingSettings.SourceKey);
        var analytics = await TestDatabase.CreateAsync(kind, PricingSettings.AnalyticsKey);
        await new Migrator(source.Database, "Source").ApplyAsync();
        await new Migrator(analytics.Database, "Analytics").ApplyAsync();
        var settings = new PricingSettings(kind, source.Database.ConnectionString, analytics.Database.ConnectionString, SeedDemoData: false,
            kind == DatabaseKind.MySql ? ClusteringKind.AdoNet : ClusteringKind.Localhost, RuleBook.Default, pipeline ?? TestPipeline, new ScoringOptions())
        {
            Alerts = alerts ?? new Pricing.Alerts.AlertOptions(),
        };

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        if (settings.Clustering == ClusteringKind.AdoNet)
        {
            // The in-process test cluster has no public switch for this in 10.4.2: without it the silos would
            // use the test membership table instead of ours on MariaDB, and the schema would go unproven
            // (MembershipTableTests fails then: 0 silos in OrleansMembershipTable instead of 2).
            typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .SetValue(builder.Options, false);
        }
        builder.ConfigureSilo((_, silo) =>
        {
            if (clock is not null)
                silo.Services.AddSingleton(clock);
            silo.Services.AddPricingServices(settings);
            silo.ConfigurePricingProviders(settings);
            if (fastFailover)
            {
                // tests only: a killed silo is declared dead in about a second, and reminders may tick every second
                silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
                    o.NumVotesForDeathDeclaration = 1;
                });
                silo.Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            }
        });
        if (settings.Clustering == ClusteringKind.AdoNet)
            builder.ConfigureClient(client => client.UseAdoNetClustering(o =>
            {
                o.Invariant = Pricing.Grains.ClusterIdentity.MySqlInvariant;
                o.ConnectionString = settings.AnalyticsConnectionString;
            }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainCluster(cluster, source, analytics, settings);
    }

    /// <summary>Polls the job until it has finished (runs return at once and go on in the background).</summary>
    public async Task<Model.JobRun> WaitForAsync(long jobId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var job = (await AnalyticsStore.Jobs.GetAsync(jobId))!;
            if (job.Status is Model.JobStatus.Succeeded or Model.JobStatus.Failed)
                return job;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"job {jobId} still {job.Status} at stage {job.Stage}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Source.DisposeAsync();
        await Analytics.DisposeAsync();
    }
}
