using Pricing.Features;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>The pure engine's full recompute of what a source database holds now: what every run must end up equal to.</summary>
public static class SourceRecompute
{
    public static async Task<FeatureEngine.Result> RunAsync(SourceStore source) =>
        FeatureEngine.Recompute(await source.ReadMaterialsAsync().ToListAsync(), await source.ReadPricesAsync().ToListAsync(),
            await source.ReadCompetitorPricesAsync().ToListAsync(), RuleBook.Default);
}
