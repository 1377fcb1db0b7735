using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pricing.Pipeline;
using Pricing.Storage;

namespace Pricing.Warmup;

/// <summary>
/// The one switch for everything a silo does so that its first night after a restart is as fast as the others
/// (<c>Pricing:Warmup</c>, docs/operators.md): wake the SKU grains, rehearse the night, and on SQLite warm the
/// writer's cache after every run. Off, the grid computes the same rows, only the first night is slower.
/// </summary>
internal static class WarmupServices
{
    /// <param name="skuStateInMemory">SKU state is kept in memory (the embedded default), so a restart loses it all.</param>
    public static void AddNightWarmup(this IServiceCollection services, bool skuStateInMemory)
    {
        services.AddSingleton(new RestoreScope(skuStateInMemory));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SkuGrainRestorer>();
        services.AddSingleton<NightRehearsal>();
        services.AddSingleton<INightPreparation>(sp => sp.GetRequiredService<AnalyticsStore>().Database.HasWriterCache
            ? new FeatureTailWarmer(sp.GetRequiredService<AnalyticsStore>().Database, sp.GetRequiredService<ILogger<FeatureTailWarmer>>())
            : NothingToPrepare.Instance);
    }

    /// <summary>MariaDB keeps its own buffer pool warm: there is no writer cache to fill.</summary>
    private sealed class NothingToPrepare : INightPreparation
    {
        public static readonly NothingToPrepare Instance = new();
        public Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;
    }
}

/// <summary>Which SKU grains a restarted silo wakes: see <see cref="SkuGrainRestorer"/>.</summary>
internal sealed record RestoreScope(bool SkuStateInMemory);
