using Pricing.Model;

namespace Pricing.Grains;

/// <summary>
/// Trains the scoring model of one catalog (key = catalog name): weekly by its own reminder, on demand, and when a
/// run finds no model. A grain of its own, so a retrain never holds up the pipeline grain or a nightly run.
/// </summary>
public interface IModelTrainerGrain : IGrainWithStringKey
{
    /// <summary>Trains a new version on recent feature rows and returns it (without its bytes).</summary>
    [ResponseTimeout("00:30:00")]
    ValueTask<ModelVersion> Train(string trigger);

    /// <summary>The version runs use now (the latest not set aside), without its bytes; null before the first training.</summary>
    ValueTask<ModelVersion?> Latest();
}
