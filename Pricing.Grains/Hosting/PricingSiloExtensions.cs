using Orleans.Dashboard;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Pricing.Features;
using Pricing.Pipeline;
using Pricing.Sku;
using Pricing.Storage;
using Pricing.Warmup;

namespace Pricing.Hosting;

/// <summary>The one way a process hosts the pricing grid's silo: Pricing.Silo and the gateway's embedded mode both call it.</summary>
public static class PricingSiloExtensions
{
    public static IHostApplicationBuilder AddPricingSilo(this IHostApplicationBuilder builder, PricingSettings settings)
    {
        HideContractKeysFromOrleans(builder.Configuration);
        builder.Services.AddPricingServices(settings);
        builder.Services.AddHostedService<StartupTasks>();
        // Orleans places each new activation through a Polly pipeline whose telemetry logs two Information lines per
        // placement: 20,000 console lines, none an operator reads, cost a night on restarted silos 1.5-2 s (docs/PERFORMANCE.md).
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            ConfigureMembership(silo, settings, builder.Configuration);
            silo.ConfigurePricingProviders(settings);
            silo.AddDashboard(); // grain and silo statistics for the gateway's /dashboard, collected on every silo
            // Wake the pipeline and trainer grains, so their reminders (nightly runs, resuming runs, weekly retraining)
            // are registered; on a grid that
            // never ran in the embedded demo setup, start the first run now rather than at the first tick, so the demo
            // has features at once (a cluster's first run comes with the first tick, a minute later).
            silo.AddStartupTask(async (services, ct) =>
            {
                var grains = services.GetRequiredService<IGrainFactory>();
                await grains.GetGrain<Grains.IModelTrainerGrain>(Grains.PipelineCatalog.Default).Latest();
                var pipeline = grains.GetGrain<Grains.IPipelineGrain>(Grains.PipelineCatalog.Default);
                if (settings is { SeedDemoData: true, Clustering: ClusteringKind.Localhost } && await pipeline.Current() is null
                    && (await services.GetRequiredService<AnalyticsStore>().Jobs.ListAsync(1, ct)).Count == 0)
                    await pipeline.Start(Model.JobMode.Incremental, Model.JobKind.Manual, "first start");
            });
        });
        return builder;
    }

    /// <summary>
    /// Orleans reads its own providers from the configuration section <c>Orleans:Clustering</c>, where the contract
    /// keeps the word Localhost or AdoNet: once read into <see cref="PricingSettings"/>, the value is taken out of
    /// Orleans' sight, or it would look for a provider of that name and fail.
    /// </summary>
    internal static void HideContractKeysFromOrleans(IConfiguration configuration) => configuration[PricingSettings.ClusteringKey] = null;

    /// <summary>Stores and services the grains need; also used by test clusters.</summary>
    public static IServiceCollection AddPricingServices(this IServiceCollection services, PricingSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(sp => new RuleBookProvider(settings.Rules, sp.GetRequiredService<AnalyticsStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PricingDatabases(
            settings.OpenSource(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pricing.Source")),
            settings.OpenAnalytics(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pricing.Analytics"))));
        services.AddSingleton(sp => new SourceStore(sp.GetRequiredService<PricingDatabases>().Source));
        services.AddSingleton(sp => new AnalyticsStore(sp.GetRequiredService<PricingDatabases>().Analytics, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISkuHistorySource, StoreSkuHistorySource>();
        services.AddSingleton(settings.Pipeline);
        services.AddSingleton(settings.Scoring);
        services.AddSingleton<ReportingRatesCache>();
        services.AddSingleton<RateConversion>();
        services.AddSingleton<IncidentTracking>();
        services.AddSingleton(settings.Alerts);
        services.AddSingleton(sp => new Alerts.AlertSender(new HttpClient { Timeout = TimeSpan.FromSeconds(15) }, settings.Alerts));
        services.AddSingleton<IRunObserver, Alerts.AlertsAfterRun>();
        services.AddSingleton<Scoring.ModelCache>();
        services.AddSingleton<Scoring.ModelTrainer>();
        services.AddSingleton<Queries.CountCache>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>This process's place in the cluster: identity, ports, and how silos find each other.</summary>
    private static void ConfigureMembership(ISiloBuilder silo, PricingSettings settings, IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        silo.Configure<ClusterOptions>(o => Grains.ClusterIdentity.Read(o, orleans));
        // Orleans' own options by configuration, e.g. Orleans:Membership:ProbeTimeout=00:00:02
        silo.Services.Configure<ClusterMembershipOptions>(orleans.GetSection("Membership"));
        silo.Services.Configure<GrainCollectionOptions>(KeepSkuGrainsBetweenNights);
        silo.Services.Configure<GrainCollectionOptions>(orleans.GetSection("GrainCollection"));
        var siloPort = int.TryParse(orleans["SiloPort"], out var sp) ? sp : 11111;
        var gatewayPort = int.TryParse(orleans["GatewayPort"], out var gp) ? gp : 30000;
        if (settings.Clustering == ClusteringKind.Localhost)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            return;
        }
        // "auto": this host's first IPv4 address, for containers whose address is not known in advance (--scale silo=N)
        var advertised = orleans["AdvertisedIP"] switch
        {
            "auto" => Dns.GetHostAddresses(Dns.GetHostName()).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)),
            { } text when IPAddress.TryParse(text, out var ip) => ip,
            _ => IPAddress.Loopback,
        };
        silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: orleans["ListenOnAnyHostAddress"] == "true");
    }

    /// <summary>How long an idle SKU grain stays active by default: from one nightly run past the next.</summary>
    private static readonly TimeSpan SkuGrainCollectionAge = TimeSpan.FromHours(25);

    /// <summary>
    /// A SKU grain collected after Orleans' default 15 idle minutes reads its state back at the next night: 10,000
    /// such activations made a nightly run 5.5 s instead of 4.3 s (docs/PERFORMANCE.md). So SKU grains stay a day,
    /// and the silo sheds activations when memory runs short instead of running out of it: the fast night where
    /// the memory is there, a slower one where it is not. <c>Orleans:GrainCollection</c> overrides both.
    /// </summary>
    internal static void KeepSkuGrainsBetweenNights(GrainCollectionOptions options)
    {
        options.ClassSpecificCollectionAge[typeof(SkuGrain).FullName!] = SkuGrainCollectionAge;
        options.EnableActivationSheddingOnMemoryPressure = true;
    }

    /// <summary>Grain storage, reminders and (in a cluster) membership: in memory on one machine, ADO.NET on MySQL in a cluster.</summary>
    public static ISiloBuilder ConfigurePricingProviders(this ISiloBuilder silo, PricingSettings settings)
    {
        silo.AddIncomingGrainCallFilter<DatabaseErrorFilter>();
        // a pipeline tick shorter than Orleans' one-minute default minimum needs the minimum lowered with it
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(o.MinimumReminderPeriod.Ticks, settings.Pipeline.TickPeriod.Ticks)));
        if (settings.Clustering == ClusteringKind.Localhost)
        {
            foreach (var name in new[] { PricingStorage.SkuState, PricingStorage.PipelineState })
            {
                silo.AddMemoryGrainStorage(name);
                UseOrleansSerializer<MemoryGrainStorageOptions>(silo, name);
            }
            silo.UseInMemoryReminderService();
            if (settings.Warmup)
                silo.Services.AddNightWarmup(skuStateInMemory: true);
            return silo;
        }
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Grains.ClusterIdentity.MySqlInvariant;
            o.ConnectionString = MySqlDatabase.Normalise(settings.AnalyticsConnectionString);
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Grains.ClusterIdentity.MySqlInvariant;
            o.ConnectionString = MySqlDatabase.Normalise(settings.AnalyticsConnectionString);
        });
        silo.AddAdoNetGrainStorage(PricingStorage.PipelineState, o =>
        {
            o.Invariant = Grains.ClusterIdentity.MySqlInvariant;
            o.ConnectionString = MySqlDatabase.Normalise(settings.AnalyticsConnectionString);
        });
        UseOrleansSerializer<AdoNetGrainStorageOptions>(silo, PricingStorage.PipelineState);
        // SKU grains persist hundreds at a time in every batch: committed in groups, not one procedure call each
        silo.Services.AddGrainStorage(PricingStorage.SkuState, (services, _) => new GroupCommitGrainStorage(
            services.GetRequiredService<PricingDatabases>().Analytics,
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<TimeProvider>()));
        if (settings.Warmup)
            silo.Services.AddNightWarmup(skuStateInMemory: false);
        return silo;
    }

    /// <summary>
    /// Orleans' binary serializer instead of the default JSON: compact, version tolerant (renaming a type does not
    /// break stored rows), and it handles the dictionaries keyed by records that the grain state uses.
    /// </summary>
    private static void UseOrleansSerializer<TOptions>(ISiloBuilder silo, string name) where TOptions : class, IStorageProviderSerializerOptions =>
        silo.Services.AddOptions<TOptions>(name)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
}

/// <summary>The source and analytics databases of this process.</summary>
public sealed record PricingDatabases(SqlDatabase Source, SqlDatabase Analytics);
