using System.Collections.Concurrent;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Scoring;

/// <summary>
/// Loaded models of this silo by version. Versions never change once stored, so a run names its version and every
/// silo loads it once; a new version is picked up by the next run. A version that fails to load is not cached.
/// </summary>
public sealed class ModelCache(AnalyticsStore analytics)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<AnomalyModel>>> _models = new();

    public async Task<AnomalyModel> GetAsync(int version)
    {
        var loading = _models.GetOrAdd(version, v => new Lazy<Task<AnomalyModel>>(() => LoadAsync(v)));
        try
        {
            return await loading.Value;
        }
        catch
        {
            _models.TryRemove(new KeyValuePair<int, Lazy<Task<AnomalyModel>>>(version, loading));
            throw;
        }
    }

    private async Task<AnomalyModel> LoadAsync(int version)
    {
        var stored = await analytics.Models.GetAsync(version) ?? throw new PricingException($"model version {version} does not exist");
        try
        {
            return AnomalyModel.Load(stored.ModelBytes, stored.Threshold);
        }
        catch (InvalidDataException e)
        {
            throw new PricingException($"model version {version} cannot be loaded: {e.Message}");
        }
    }
}
