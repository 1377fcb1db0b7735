using Pricing.Seeding;

namespace Pricing.ModelSelection;

/// <summary>
/// The catalogs a model is judged on (docs/architecture.md, Evaluation catalogs): the default shape under three
/// seeds, and shapes far from it in series per SKU, price level, noise, competitor density and how often and how
/// long irregularities last. A model choice stands on its worst catalog, never on one.
/// </summary>
public static class EvaluationCatalogs
{
    public static readonly DateOnly EndDate = new(2026, 11, 25);

    public static IReadOnlyList<(string Name, CatalogOptions Options)> Of(int skus, int days)
    {
        var basis = new CatalogOptions { Skus = skus, Days = days, EndDate = EndDate };
        return
        [
            ("default shape, seed 42", basis),
            ("default shape, seed 7", basis with { Seed = 7 }),
            ("default shape, seed 1234", basis with { Seed = 1234 }),
            ("many cheap series", basis with { Seed = 101, SalesOrgs = 3, CustomersPerOrg = 20, SeriesPerSku = 12, PriceLevel = 4 }),
            ("volatile, expensive", basis with { Seed = 202, PriceNoisePct = 3, PriceLevel = 900 }),
            ("one calm series each", basis with { Seed = 303, SeriesPerSku = 1, PriceNoisePct = 0.1, CompetitorsPerSku = 1 }),
            ("dense competitors", basis with { Seed = 404, CompetitorsPerSku = 8, CompetitorCoverage = 1, UndercutRate = 0.004 }),
            ("few competitors", basis with { Seed = 505, CompetitorsPerSku = 1, CompetitorCoverage = 0.3 }),
            ("rare short problems", basis with { Seed = 606, IrregularityRate = 0.0005, UndercutRate = 0.0005, ProblemDays = 4, SpikeDays = 2 }),
            ("frequent long problems", basis with { Seed = 707, IrregularityRate = 0.006, UndercutRate = 0.005, ProblemDays = 60, SpikeDays = 10 }),
        ];
    }
}
