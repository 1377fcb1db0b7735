using System.Text.Json;
using Pricing.Storage;

namespace Pricing.Scoring;

/// <summary>
/// Evaluates what the analytics DB holds against the seed's labels in the source DB and the analysts' labels on
/// incidents, and stores the report with the model version in use. Streams the feature rows; only the scores are kept in memory (16 bytes a row).
/// </summary>
public sealed class ModelEvaluator(SourceStore source, AnalyticsStore analytics)
{
    public async Task<(EvaluationReport Report, int? Version)> EvaluateAsync(CancellationToken ct = default)
    {
        var evaluation = new Evaluation(new GroundTruth(await source.ReadIrregularitiesAsync(ct).ToListAsync(ct)));
        await foreach (var row in analytics.Features.ReadAsync(ct: ct))
            evaluation.Add(row);
        var report = evaluation.Report() with { Feedback = FeedbackScore.Of(await analytics.Incidents.LabelCountsAsync(ct)) };
        var version = (await analytics.Models.GetAsync(ct: ct))?.Version;
        if (version is { } v)
            await analytics.Models.SetEvaluationAsync(v, JsonSerializer.Serialize(report, JsonOptions), ct);
        return (report, version);
    }

    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
