using Pricing.Grains;
using Pricing.Model;
using Pricing.Scoring;
using Pricing.Pipeline;
using Pricing.Sku;
using Pricing.Storage;

namespace Pricing.Warmup;

/// <summary>
/// A restarted silo compiles its code as it first runs it. With its SKU grains woken, what its first night still
/// spends beyond a usual one is compiling the night's own path, three times over on three silos
/// (docs/PERFORMANCE.md). So after the wake-up a silo runs a made-up next day for a sample of SKUs down that path:
/// their last day's rows read from the source and moved a day on, applied by the SKU grains to copies of their
/// windows (<see cref="ISkuWarmup.Rehearse"/>), sent both ways through Orleans messaging, and scored with the current
/// model. Nothing is written. It goes round ten times a second apart, because the runtime optimizes a method in
/// steps, each once the method has been called often after a quiet moment: with four rounds half a second apart, the
/// engine was still being optimized during the night. What it cannot rehearse is writing: state, features, jobs.
/// </summary>
internal sealed class NightRehearsal(IGrainFactory grains, SourceStore source, AnalyticsStore analytics, ModelCache models)
{
    /// <summary>Enough SKUs that every silo holds a few hundred of them, so each hot method is called thousands of times.</summary>
    internal const int SampleSize = 1024;

    private const int Rounds = 10;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>Rehearses the next day of these SKUs; returns the feature rows it computed in the last round.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> skus, CancellationToken ct)
    {
        // the newest day of a few of them: one SKU whose rows stopped coming would set it days back
        var states = await Task.WhenAll(skus.Take(8).Select(sku => grains.GetGrain<ISkuGrain>(sku).GetState().AsTask()));
        if (states.Max(s => s.Latest) is not { } last)
            return 0;
        var prices = await source.ReadPricesAsync(skus, last, ct).Select(r => r with { Dt = r.Dt.AddDays(1) }).ToLookupAsync(r => r.Sku, cancellationToken: ct);
        var competitors = await source.ReadCompetitorPricesAsync(skus, last, ct).Select(r => r with { Dt = r.Dt.AddDays(1) }).ToLookupAsync(r => r.Sku, cancellationToken: ct);
        var version = (await analytics.Models.GetAsync(ct: ct))?.Version;
        var model = version is { } v ? await models.GetAsync(v) : null;

        var computed = 0;
        for (var round = 0; round < Rounds; round++)
        {
            if (round > 0)
                await Task.Delay(Pause, ct);
            computed = 0;
            foreach (var chunk in skus.Chunk(BatchWorkerGrain.ConcurrentSkus))
            {
                ct.ThrowIfCancellationRequested();
                var changes = await Task.WhenAll(chunk.Select(sku =>
                    grains.GetGrain<ISkuWarmup>(sku).Rehearse([.. prices[sku]], [.. competitors[sku]]).AsTask()));
                var upserts = changes.SelectMany(c => c.Upserts).ToList();
                if (model is not null)
                    upserts = model.Scored(upserts, version!.Value);
                computed += upserts.Count;
            }
        }
        return computed;
    }
}
