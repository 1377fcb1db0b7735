using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pricing.Grains;
using Pricing.Pipeline;
using Pricing.Sku;
using Pricing.Storage;

namespace Pricing.Warmup;

/// <summary>
/// SKU grains stay active for a day so that a night finds them holding their windows. A restarted silo has lost the
/// ones it held, and its first night would read them all back while its code is still being compiled: 7-9 s instead
/// of 2.5-3.5 s at 10,000 SKUs in a cluster, 14 s in the embedded default, where SKU state is kept in memory and each
/// grain reads its history from the source instead (docs/PERFORMANCE.md). So once a silo has joined, it wakes in the
/// background the SKU grains a silo that never stopped would still hold: in a cluster those whose state was written
/// within one collection age, since every call that changes a SKU writes its state; in the embedded default the SKUs
/// with features on the newest day, each reading the history a batch of the next day needs. Waking only reads; a
/// grain still active on another silo just answers. Then it rehearses the night on a sample of them
/// (<see cref="NightRehearsal"/>), so that the night's code is compiled before the night, and on SQLite reads the
/// pages the night writes to into the writer's cache (<see cref="INightPreparation"/>).
/// </summary>
internal sealed class SkuGrainRestorer(
    IGrainFactory grains,
    AnalyticsStore analytics,
    RestoreScope scope,
    TimeProvider clock,
    IOptions<GrainCollectionOptions> collection,
    NightRehearsal rehearsal,
    IEnumerable<INightPreparation> preparations,
    ILogger<SkuGrainRestorer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _restoring = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SkuGrainRestorer), ServiceLifecycleStage.Active,
            _ =>
            {
                // not awaited: the silo takes calls at once, and a run that starts meanwhile activates what it needs
                _restoring = Task.Run(() => RestoreAsync(_stopping.Token));
                return Task.CompletedTask;
            },
            async _ =>
            {
                await _stopping.CancelAsync();
                try
                {
                    // it stops between chunks; a silo on its way down does not wait long for the calls in flight
                    await _restoring.WaitAsync(TimeSpan.FromSeconds(5));
                }
                catch (TimeoutException)
                {
                }
            });

    private async Task RestoreAsync(CancellationToken ct)
    {
        try
        {
            if (await analytics.Features.LatestDateAsync(ct) is not { } latest)
                return;
            var (skus, which) = await SkusToWakeAsync(latest, ct);
            if (skus.Count == 0)
                return;
            var stopwatch = Stopwatch.StartNew();
            var woken = 0;
            // as many calls in flight as a batch worker has, so storage reads go in the same large groups
            foreach (var chunk in skus.Chunk(BatchWorkerGrain.ConcurrentSkus))
            {
                ct.ThrowIfCancellationRequested();
                woken += (await Task.WhenAll(chunk.Select(sku => WakeAsync(sku, latest.AddDays(1))))).Count(ok => ok);
            }
            logger.Woke(woken, skus.Count, which, Math.Round(stopwatch.Elapsed.TotalSeconds, 1));

            stopwatch.Restart();
            // spread over the list: in a cluster it comes oldest write first, and the first are SKUs whose rows stopped coming
            var step = Math.Max(1, skus.Count / NightRehearsal.SampleSize);
            var sample = skus.Where((_, i) => i % step == 0).Take(NightRehearsal.SampleSize).ToList();
            var rows = await rehearsal.RunAsync(sample, ct);
            logger.Rehearsed(sample.Count, rows, Math.Round(stopwatch.Elapsed.TotalSeconds, 1));

            foreach (var preparation in preparations)
                await preparation.PrepareAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Only a slower first night is at stake: the silo goes on.
            logger.WarmupFailed(e);
        }
    }

    /// <summary>The SKU grains a silo that never stopped would hold, and which they are, for the log.</summary>
    private async Task<(List<string> Skus, string Which)> SkusToWakeAsync(DateOnly latest, CancellationToken ct)
    {
        if (scope.SkuStateInMemory)
            return (await analytics.Features.ReadSkusWithRowsOnAsync(latest, ct), $"with features on {latest:yyyy-MM-dd}");
        var options = collection.Value;
        var age = options.ClassSpecificCollectionAge.GetValueOrDefault(typeof(SkuGrain).FullName!, options.CollectionAge);
        var written = await GroupCommitGrainStorage.ReadWrittenSinceAsync(analytics.Database, SkuGrain.StateName, clock.GetUtcNow().UtcDateTime - age, ct);
        return ([.. written.Select(id => id.Key.ToString()!)], $"written within {age}");
    }

    /// <summary>One grain that cannot be reached (say, its silo has just died) does not keep the others asleep.</summary>
    private async Task<bool> WakeAsync(string sku, DateOnly nextDay)
    {
        try
        {
            await grains.GetGrain<ISkuWarmup>(sku).Wake(nextDay);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.NotWoken(e, sku);
            return false;
        }
    }
}
