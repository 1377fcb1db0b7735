using Pricing.Features;
using Pricing.Model;
using Pricing.Seeding;

namespace Pricing.Grains.UnitTests.Scoring;

/// <summary>A generated catalog's feature rows and labels, computed in memory by the pure engine.</summary>
internal sealed record SeededCatalog(List<FeatureRow> Features, List<SeedIrregularity> Labels)
{
    public static SeededCatalog Generate(int skus, int days, int seed)
    {
        var options = new CatalogOptions { Skus = skus, Days = days, Seed = seed, EndDate = new DateOnly(2026, 11, 25) };
        var generator = new CatalogGenerator(options, new DateTime(2026, 11, 25, 23, 0, 0, DateTimeKind.Utc));
        var catalogs = Enumerable.Range(0, skus).Select(generator.Generate).ToList();
        var result = FeatureEngine.Recompute(catalogs.Select(c => c.Material!), catalogs.SelectMany(c => c.Prices),
            catalogs.SelectMany(c => c.Competitors), catalogs.SelectMany(c => c.Quantities), RuleBook.Default);
        return new SeededCatalog(result.Features, [.. catalogs.SelectMany(c => c.Irregularities)]);
    }
}
