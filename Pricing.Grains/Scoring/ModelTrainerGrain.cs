using Microsoft.Extensions.Logging;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Scoring;

/// <summary>Trains model versions: on demand, and from an hourly reminder when the latest version is older than <see cref="ScoringOptions.RetrainEvery"/>.</summary>
public sealed class ModelTrainerGrain(ModelTrainer trainer, AnalyticsStore analytics, ScoringOptions options, TimeProvider clock,
    ILogger<ModelTrainerGrain> logger) : Grain, IModelTrainerGrain, IRemindable
{
    public const string TickReminder = "retrain-tick";

    public override Task OnActivateAsync(CancellationToken ct) =>
        this.RegisterOrUpdateReminder(TickReminder, options.TickPeriod, options.TickPeriod);

    public async ValueTask<ModelVersion> Train(string trigger)
    {
        var version = await trainer.TrainAsync();
        logger.LogInformation("Model version {Version} trained on {Rows} rows ({From}..{To}) for {Trigger}; threshold {Threshold:0.0000}",
            version.Version, version.RowCount, version.TrainedFrom, version.TrainedTo, trigger, version.Threshold);
        return version with { ModelBytes = [] };
    }

    public async ValueTask<ModelVersion?> Latest() => await analytics.Models.GetAsync() is { } latest ? latest with { ModelBytes = [] } : null;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var latest = await analytics.Models.GetAsync();
        var due = latest is null ? await analytics.Features.LatestDateAsync() is not null : clock.GetUtcNow().UtcDateTime - latest.CreatedAt >= options.RetrainEvery;
        if (due)
            await Train("reminder");
    }
}
