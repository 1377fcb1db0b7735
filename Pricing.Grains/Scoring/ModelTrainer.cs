using System.Diagnostics;
using System.Text.Json;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Scoring;

/// <summary>Trains a model on recent feature rows of the analytics DB and stores it as the next version.</summary>
public sealed class ModelTrainer(AnalyticsStore analytics, ScoringOptions options, TimeProvider clock)
{
    public async Task<ModelVersion> TrainAsync(CancellationToken ct = default)
    {
        var to = await analytics.Features.LatestDateAsync(ct)
            ?? throw new PricingException("cannot train a model: the analytics database has no feature rows yet; run the pipeline first");
        var from = to.AddDays(1 - options.TrainingDays);
        var (rows, dismissed) = await analytics.Features.ReadTrainingRowsAsync(from, to, options.MaxTrainingRows, ct);

        var stopwatch = Stopwatch.StartNew();
        var model = AnomalyModel.Train(rows);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var bytes = model.ToBytes();
        AnomalyModel.Load(bytes, model.Threshold); // a version that cannot be read back is never stored

        var metrics = JsonSerializer.Serialize(new
        {
            features = ScoringFeatures.Names,
            training_seconds = Math.Round(seconds, 3),
            rows_per_second = Math.Round(rows.Count / Math.Max(seconds, 1e-9)),
            model_bytes = bytes.Length,
            model = $"isolation forest, {AnomalyModel.Trees} trees, subsamples of {AnomalyModel.SampleSize}",
            trained_on = "rows no rule flags, outside dismissed incidents",
            dismissed_rows_excluded = dismissed,
            outlier_share = AnomalyModel.OutlierShare,
            score_floor = AnomalyModel.ScoreFloor,
        });
        var version = new ModelVersion(await analytics.Models.NextVersionAsync(ct), clock.GetUtcNow().UtcDateTime, from, to, rows.Count,
            model.Threshold, metrics, bytes);
        await analytics.Models.SaveAsync(version, ct);
        return version;
    }
}
