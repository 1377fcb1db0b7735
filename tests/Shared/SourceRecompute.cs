using Pricing.Features;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>The pure engine's full recompute of what a source database holds now: what every run must end up equal to.</summary>
public static class SourceRecompute
{
    /// <param name="reportingCurrency">The rows' impact is also converted into this currency with the source's rates.</param>
    public static async Task<FeatureEngine.Result> RunAsync(SourceStore source, string reportingCurrency = "EUR")
    {
        var materials = await source.ReadMaterialsAsync().ToListAsync();
        var result = FeatureEngine.Recompute(materials, await source.ReadPricesAsync().ToListAsync(),
            await source.ReadCompetitorPricesAsync().ToListAsync(), await source.ReadQuantitiesAsync().ToListAsync(), RuleBook.Default);
        var rates = new ReportingRates(reportingCurrency, await source.ReadExchangeRatesAsync());
        var currencies = materials.ToDictionary(m => m.Sku, m => m.Currency);
        return result with { Features = result.Features.ConvertAll(r => rates.Reported(r, currencies.GetValueOrDefault(r.Sku))) };
    }
}
