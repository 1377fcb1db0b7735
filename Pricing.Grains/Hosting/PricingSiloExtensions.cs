using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pricing.Storage;

namespace Pricing.Hosting;

/// <summary>The one way a process hosts the pricing grid's silo: Pricing.Silo and the gateway's embedded mode both call it.</summary>
public static class PricingSiloExtensions
{
    public static IHostApplicationBuilder AddPricingSilo(this IHostApplicationBuilder builder, PricingSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp => new PricingDatabases(
            settings.OpenSource(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pricing.Source")),
            settings.OpenAnalytics(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pricing.Analytics"))));
        builder.Services.AddSingleton(sp => new SourceStore(sp.GetRequiredService<PricingDatabases>().Source));
        builder.Services.AddSingleton(sp => new AnalyticsStore(sp.GetRequiredService<PricingDatabases>().Analytics));
        builder.Services.AddHostedService<StartupTasks>();

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddMemoryGrainStorageAsDefault();
            silo.UseInMemoryReminderService();
        });
        return builder;
    }
}

/// <summary>The source and analytics databases of this process.</summary>
public sealed record PricingDatabases(SqlDatabase Source, SqlDatabase Analytics);
