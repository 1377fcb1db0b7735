using System.Diagnostics;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Scoring;
using Pricing.Storage;

namespace Pricing.Pipeline;

/// <summary>
/// One batch of SKUs: read their source rows in three queries, let each SKU grain turn them into changes, score the
/// changed rows with the run's model version, write all changes in bulk and the incidents they alter, then
/// acknowledge them. It keeps no state. Keyed by worker slot and placed like any grain, so a run spreads over the
/// silos ([StatelessWorker] activations would all sit on the pipeline grain's silo). Every step is idempotent, so a retried or resumed batch writes the same rows again and loses nothing.
/// </summary>
public sealed class BatchWorkerGrain(SourceStore source, AnalyticsStore analytics, ModelCache models, ReportingRatesCache reportingRates,
    IncidentTracking incidents)
    : Grain, IBatchWorkerGrain
{
    /// <summary>SKU grain calls in flight at once; the SKU grain restorer wakes grains in the same groups.</summary>
    internal const int ConcurrentSkus = 256;

    public async ValueTask<BatchResult> Process(BatchOrder order)
    {
        var full = order.Mode == JobMode.Full;
        var stopwatch = Stopwatch.StartNew();
        List<PriceRow> prices;
        List<CompetitorRow> competitors;
        List<BilledQuantity> quantities;
        if (full || order.ChangedSince is not { } since)
        {
            prices = await source.ReadPricesAsync(order.Skus).ToListAsync();
            competitors = await source.ReadCompetitorPricesAsync(order.Skus).ToListAsync();
            quantities = await source.ReadQuantitiesAsync(order.Skus).ToListAsync();
        }
        else
        {
            // An incremental plan lists the changed SKUs in the database's order, so a batch is a range of them. Rows of
            // SKUs inside the range but not in the batch changed after the plan was made: the next run reads them.
            var range = new SkuRange(order.Skus[0], order.Skus[^1]);
            var batch = order.Skus.ToHashSet(StringComparer.Ordinal);
            prices = await source.ReadPricesChangedSinceAsync(since, range).Where(r => batch.Contains(r.Sku)).ToListAsync();
            competitors = await source.ReadCompetitorPricesChangedSinceAsync(since, range).Where(r => batch.Contains(r.Sku)).ToListAsync();
            quantities = await source.ReadQuantitiesChangedSinceAsync(since, range).Where(r => batch.Contains(r.Sku)).ToListAsync();
        }
        var pricesBySku = prices.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.ToArray());
        var competitorsBySku = competitors.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.ToArray());
        var quantitiesBySku = quantities.GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.ToArray());
        var read = stopwatch.Elapsed;

        // The whole batch at once: SKU grains read and write their state in groups (GroupCommitGrainStorage), so
        // more grains in flight make fewer, larger database round trips. The bound only guards very large batches.
        var changes = new List<SkuChangeSet>(order.Skus.Length);
        foreach (var chunk in order.Skus.Chunk(ConcurrentSkus))
            changes.AddRange(await Task.WhenAll(chunk.Select(sku =>
            {
                var grain = GrainFactory.GetGrain<ISkuGrain>(sku);
                var p = pricesBySku.GetValueOrDefault(sku) ?? [];
                var c = competitorsBySku.GetValueOrDefault(sku) ?? [];
                var q = quantitiesBySku.GetValueOrDefault(sku) ?? [];
                return (full ? grain.Rebuild(p, c, q, order.RulesVersion) : grain.Apply(p, c, q)).AsTask();
            })));

        var computed = stopwatch.Elapsed;

        var upserts = changes.SelectMany(c => c.Upserts).ToList();
        if (order.ModelVersion is { } version)
            upserts = (await models.GetAsync(version)).Scored(upserts, version);
        var rates = await reportingRates.ForJobAsync(order.JobId);
        var currencies = changes.ToDictionary(c => c.Sku, c => c.Currency, StringComparer.Ordinal);
        upserts = upserts.ConvertAll(r => rates.Reported(r, currencies[r.Sku]));
        var scored = stopwatch.Elapsed;

        await analytics.WriteChangesAsync(changes, upserts, order.JobId);
        if (full)
            await analytics.DeleteStaleAsync(order.Skus, order.JobId);
        // before the acknowledgement: a batch retried after a failure here gets the same changes and derives them again
        if (full)
            await incidents.DeriveAllAsync(order.Skus, upserts); // a rebuild hands back every row of its SKUs
        else
            await incidents.UpdateAsync(order.Skus, upserts, changes.SelectMany(c => c.Deletes));
        await Task.WhenAll(changes.Select(c => GrainFactory.GetGrain<ISkuGrain>(c.Sku).Acknowledge(c.Version).AsTask()));

        var written = stopwatch.Elapsed;

        return new BatchResult(order.Skus.Length, prices.Count + competitors.Count + quantities.Count, changes.Sum(c => (long)c.RowsRejected),
            upserts.Count, upserts.Count(r => r.Reasons != AnomalyReasons.None),
            new StageSeconds(read.TotalSeconds, (computed - read).TotalSeconds, (scored - computed).TotalSeconds, (written - scored).TotalSeconds),
            upserts.Count(r => r.ImpactReporting is null));
    }

    public async ValueTask<BatchResult> Rescore(long jobId, string[] skus, int modelVersion)
    {
        var stopwatch = Stopwatch.StartNew();
        var unscored = await analytics.Features.ReadUnscoredAsync(skus).ToListAsync();
        var read = stopwatch.Elapsed;
        var scored = (await models.GetAsync(modelVersion)).Scored(unscored, modelVersion);
        var scoring = stopwatch.Elapsed;
        await analytics.Features.UpsertAsync(scored, jobId);
        await incidents.DeriveAllAsync(skus); // the model's first flags, on rows of every day
        // the features stage counted the SKUs, rows and rule anomalies; scoring adds the rows only the model flags
        return new BatchResult(0, 0, 0, 0, scored.Count(r => r.Reasons == AnomalyReasons.MlOutlier),
            new StageSeconds(read.TotalSeconds, 0, (scoring - read).TotalSeconds, (stopwatch.Elapsed - scoring).TotalSeconds));
    }

    public async ValueTask DeriveIncidents(string[] skus) =>
        await incidents.DeriveAllAsync(skus);
}
