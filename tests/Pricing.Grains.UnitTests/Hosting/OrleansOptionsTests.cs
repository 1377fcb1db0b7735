using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pricing.Hosting;

namespace Pricing.Tests.Hosting;

/// <summary>Orleans' own options reach the silo from configuration (built, not started).</summary>
public class OrleansOptionsTests
{
    [Fact]
    public void A_sku_grain_idle_since_last_night_is_still_held_at_the_next_and_memory_pressure_sheds_instead()
    {
        using var host = BuildSilo([]);

        var collection = Options<GrainCollectionOptions>(host);
        var nightlyRunsApart = TimeSpan.FromDays(1);
        // a night's last call to a SKU may come an hour into the run; the next night's first one at its start
        Assert.True(collection.ClassSpecificCollectionAge[typeof(Pricing.Sku.SkuGrain).FullName!] > nightlyRunsApart);
        Assert.True(collection.EnableActivationSheddingOnMemoryPressure);
        // every other grain keeps Orleans' default
        Assert.Equal(new GrainCollectionOptions().CollectionAge, collection.CollectionAge);
    }

    [Fact]
    public void Membership_and_grain_collection_options_are_read_from_the_Orleans_section()
    {
        using var host = BuildSilo(new()
        {
            ["Orleans:GrainCollection:CollectionAge"] = "00:01:30",
            ["Orleans:GrainCollection:ClassSpecificCollectionAge:Pricing.Sku.SkuGrain"] = "00:20:00",
            ["Orleans:GrainCollection:EnableActivationSheddingOnMemoryPressure"] = "false",
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
        });

        var collection = Options<GrainCollectionOptions>(host);
        Assert.Equal(TimeSpan.FromSeconds(90), collection.CollectionAge);
        // Orleans looks a grain class up by its full name, as the README's example names it; configuration wins over the defaults
        Assert.Equal(TimeSpan.FromMinutes(20), collection.ClassSpecificCollectionAge[typeof(Pricing.Sku.SkuGrain).FullName!]);
        Assert.False(collection.EnableActivationSheddingOnMemoryPressure);
        Assert.Equal(TimeSpan.FromSeconds(2), Options<ClusterMembershipOptions>(host).ProbeTimeout);
    }

    [Fact]
    public void Polly_logs_warnings_only_as_it_would_log_every_placement_of_an_activation()
    {
        using var host = BuildSilo([]);

        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
        // the filter is Polly's alone
        Assert.True(loggers.CreateLogger("Pricing.Pipeline.PipelineGrain").IsEnabled(LogLevel.Information));
    }

    /// <summary>A silo host as Pricing.Silo builds it, with these configuration keys, built but not started.</summary>
    private static IHost BuildSilo(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddPricingSilo(PricingSettings.Read(builder.Configuration));
        return builder.Build();
    }

    private static T Options<T>(IHost host) where T : class => host.Services.GetRequiredService<IOptions<T>>().Value;
}
