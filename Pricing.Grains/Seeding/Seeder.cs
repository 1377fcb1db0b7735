using System.Diagnostics;
using Pricing.Storage;

namespace Pricing.Seeding;

/// <summary>What a seed command wrote and how fast.</summary>
public sealed record SeedReport(long Materials, long PriceRows, long CompetitorRows, long Labels, TimeSpan Elapsed, long QuantityRows = 0, long ExchangeRates = 0)
{
    public long Rows => Materials + PriceRows + CompetitorRows + Labels + QuantityRows + ExchangeRates;
    public double RowsPerSecond => Rows / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public override string ToString() =>
        $"{Materials:N0} materials, {PriceRows:N0} price rows, {CompetitorRows:N0} competitor rows, {QuantityRows:N0} billed quantities, " +
        $"{ExchangeRates:N0} exchange rates, {Labels:N0} labels " +
        $"in {Elapsed.TotalSeconds:N1} s ({RowsPerSecond:N0} rows/s)";
}

/// <summary>Fills an empty source database with a generated catalog, in chunks of SKUs so memory stays flat at any size.</summary>
public sealed class Seeder(SqlDatabase source, TimeProvider? clock = null)
{
    private const int SkusPerChunk = 500;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<SeedReport> SeedCatalogAsync(CatalogOptions options, bool reset, CancellationToken ct = default)
    {
        if (options.Validate() is { } problem)
            throw new ArgumentException(problem);
        var loader = new SourceLoader(source);
        var existing = await source.ScalarAsync<long>("SELECT COUNT(*) FROM materials", ct: ct);
        if (existing > 0 && !reset)
            throw new InvalidOperationException($"the source database already holds {existing:N0} materials; pass --reset to replace them");

        var watch = Stopwatch.StartNew();
        if (reset)
            await loader.ResetAsync(ct);
        var generator = new CatalogGenerator(options, _clock.GetUtcNow().UtcDateTime);
        long materials = 0, prices = 0, competitors = 0, quantities = 0, labels = 0;
        var rates = await loader.WriteExchangeRatesAsync(ExchangeRateGenerator.Generate(options.Seed, options.StartDate, options.Days), ct: ct);
        await using (await loader.SuspendChangedAtIndexesAsync(ct))
        {
            for (var first = 1; first <= options.Skus; first += SkusPerChunk)
            {
                var skus = Enumerable.Range(first, Math.Min(SkusPerChunk, options.Skus - first + 1));
                var chunk = skus.AsParallel().AsOrdered().Select(generator.Generate).ToList();
                if (first == 1)
                    chunk.Add(generator.GenerateUnknownSkus());
                materials += await loader.WriteMaterialsAsync(chunk.Where(c => c.Material is not null).Select(c => c.Material!), ct);
                prices += await loader.WritePricesAsync(chunk.SelectMany(c => c.Prices), ct: ct);
                competitors += await loader.WriteCompetitorPricesAsync(chunk.SelectMany(c => c.Competitors), ct: ct);
                quantities += await loader.WriteQuantitiesAsync(chunk.SelectMany(c => c.Quantities), ct: ct);
                labels += await loader.WriteIrregularitiesAsync(chunk.SelectMany(c => c.Irregularities), ct);
            }
        }
        return new SeedReport(materials, prices, competitors, labels, watch.Elapsed, quantities, rates);
    }
}
