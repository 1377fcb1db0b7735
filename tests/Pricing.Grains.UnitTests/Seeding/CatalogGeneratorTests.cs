using Pricing.Model;
using Pricing.Seeding;

namespace Pricing.Tests.Seeding;

public class CatalogGeneratorTests
{
    private static readonly DateTime Now = new(2025, 6, 1);
    private static readonly CatalogOptions Options = new() { Skus = 200, Days = 120, EndDate = new DateOnly(2025, 5, 31), Seed = 11 };

    private static List<SkuCatalog> Generate(CatalogOptions options) =>
        Enumerable.Range(1, options.Skus).Select(new CatalogGenerator(options, Now).Generate).ToList();

    [Fact]
    public void Same_seed_same_catalog_different_seed_different_catalog()
    {
        var a = Generate(Options with { Skus = 20 });
        var b = Generate(Options with { Skus = 20 });
        var c = Generate(Options with { Skus = 20, Seed = 12 });

        Assert.Equal(a.SelectMany(x => x.Prices), b.SelectMany(x => x.Prices));
        Assert.Equal(a.SelectMany(x => x.Competitors), b.SelectMany(x => x.Competitors));
        Assert.Equal(a.SelectMany(x => x.Irregularities), b.SelectMany(x => x.Irregularities));
        Assert.NotEqual(a.SelectMany(x => x.Prices), c.SelectMany(x => x.Prices));
    }

    [Fact]
    public void A_sku_does_not_depend_on_the_catalog_size()
    {
        Assert.Equal(Generate(Options with { Skus = 3 })[2].Prices, Generate(Options with { Skus = 50 })[2].Prices);
    }

    [Fact]
    public void Rows_stay_inside_the_requested_days_and_keys_are_unique()
    {
        var catalog = Generate(Options);
        var prices = catalog.SelectMany(c => c.Prices).ToList();

        Assert.All(prices, r => Assert.InRange(r.Dt, Options.StartDate, Options.ResolvedEndDate));
        Assert.Equal(prices.Count, prices.Select(r => (r.Sku, r.SalesOrg, r.CustomerId, r.Dt)).Distinct().Count());
        var competitors = catalog.SelectMany(c => c.Competitors).ToList();
        Assert.Equal(competitors.Count, competitors.Select(r => (r.Sku, r.Competitor, r.Dt)).Distinct().Count());
        Assert.All(catalog, c => Assert.Equal(Options.SeriesPerSku, c.Prices.Select(r => (r.SalesOrg, r.CustomerId)).Distinct().Count()));
        Assert.All(prices, r => Assert.True(r.ChangedAt <= Now));
        Assert.All(competitors, r => Assert.True(r.ChangedAt <= Now));
    }

    [Fact]
    public void Every_bad_row_is_labelled_with_the_reason_the_contract_gives_it()
    {
        var catalog = Generate(Options);
        foreach (var sku in catalog)
        {
            foreach (var row in sku.Prices)
            {
                var reason = row.Currency != sku.Material!.Currency ? "CURRENCY_MISMATCH" : row.NetPrice <= 0 ? "NON_POSITIVE_PRICE" : row.UnitCost < 0 ? "NEGATIVE_COST" : null;
                var labelled = sku.Irregularities.Any(l => l.SalesOrg == row.SalesOrg && l.CustomerId == row.CustomerId && l.DtFrom == row.Dt && l.Kind == reason);
                Assert.True(reason is null || labelled, $"{row} is bad ({reason}) but not labelled");
            }
        }
        var kinds = catalog.SelectMany(c => c.Irregularities).Select(l => l.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "PRICE_SPIKE", "TOO_LOW_PRICE", "MARGIN_COLLAPSE", "COMPETITOR_UNDERCUT", "FAT_FINGER_X10",
            "FAT_FINGER_DIV10", "NON_POSITIVE_PRICE", "NEGATIVE_COST", "CURRENCY_MISMATCH" }, kinds);
    }

    [Fact]
    public void Weekday_only_series_and_gaps_exist()
    {
        var catalog = Generate(Options);
        var series = catalog.SelectMany(c => c.Prices).GroupBy(r => (r.Sku, r.SalesOrg, r.CustomerId)).ToList();

        Assert.Contains(series, s => s.Count() > 60 && s.All(r => r.Dt.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
        Assert.Contains(series, s => s.Count() < Options.Days * 0.5);
        Assert.Contains(series, s => s.Count() is > 100 and < 120);
    }

    [Fact]
    public void Fat_finger_days_are_ten_times_off_their_neighbours()
    {
        var catalog = Generate(Options);
        var fatFingers = catalog.SelectMany(c => c.Irregularities).Where(l => l.Kind == IrregularityKinds.FatFingerX10).ToList();
        Assert.NotEmpty(fatFingers);
        foreach (var label in fatFingers)
        {
            var series = catalog.SelectMany(c => c.Prices).Where(r => r.Sku == label.Sku && r.SalesOrg == label.SalesOrg && r.CustomerId == label.CustomerId).ToList();
            var day = series.SingleOrDefault(r => r.Dt == label.DtFrom);
            var nearby = series.Where(r => r.NetPrice > 0 && Math.Abs(r.Dt.DayNumber - label.DtFrom.DayNumber) <= 10).Select(r => r.NetPrice).Order().ToList();
            if (day == default || day.NetPrice <= 0)
                continue;
            Assert.InRange(day.NetPrice / nearby[nearby.Count / 2], 7, 14); // against the median: neighbours may be promotions or spikes
        }
    }

    [Fact]
    public void Unknown_sku_rows_exist_in_both_tables()
    {
        var unknown = new CatalogGenerator(Options, Now).GenerateUnknownSkus();

        Assert.NotEmpty(unknown.Prices);
        Assert.NotEmpty(unknown.Competitors);
        Assert.All(unknown.Irregularities, l => Assert.Equal("UNKNOWN_SKU", l.Kind));
    }

    [Theory]
    [InlineData(0, 120, "--skus")]
    [InlineData(10, 0, "--days")]
    public void Bad_options_are_named(int skus, int days, string named)
    {
        Assert.Contains(named, new CatalogOptions { Skus = skus, Days = days }.Validate());
    }
}
