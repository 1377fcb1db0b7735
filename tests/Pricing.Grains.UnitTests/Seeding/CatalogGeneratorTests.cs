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
        Assert.Equal(a.SelectMany(x => x.Quantities), b.SelectMany(x => x.Quantities));
        Assert.NotEqual(a.SelectMany(x => x.Prices), c.SelectMany(x => x.Prices));
    }

    [Fact]
    public void Shape_options_change_what_they_name()
    {
        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        static double DailyNoise(List<SkuCatalog> catalog) => Median(catalog.SelectMany(c => c.Prices.GroupBy(p => (p.SalesOrg, p.CustomerId))
            .SelectMany(g => g.OrderBy(p => p.Dt).Zip(g.OrderBy(p => p.Dt).Skip(1), (a, b) => Math.Abs(Math.Log(b.NetPrice / a.NetPrice))))));
        var basis = Options with { Skus = 100, BadRowRate = 0 };
        var plain = Generate(basis);

        var expensive = Generate(basis with { PriceLevel = 400 });
        Assert.InRange(Median(expensive.SelectMany(c => c.Prices).Select(p => p.NetPrice)) / Median(plain.SelectMany(c => c.Prices).Select(p => p.NetPrice)), 8, 12);

        Assert.True(DailyNoise(Generate(basis with { PriceNoisePct = 3 })) > 5 * DailyNoise(plain));

        Assert.Equal(0, Generate(basis with { CompetitorCoverage = 0 }).Count(c => c.Competitors.Count > 0));
        Assert.Equal(basis.Skus, Generate(basis with { CompetitorCoverage = 1 }).Count(c => c.Competitors.Count > 0));

        var spikes = Generate(basis with { SpikeDays = 12, IrregularityRate = 0.01 }).SelectMany(c => c.Irregularities)
            .Where(l => l.Kind == IrregularityKinds.PriceSpike).Select(l => l.DtTo.DayNumber - l.DtFrom.DayNumber + 1).ToList();
        Assert.InRange(spikes.Max(), 8, 12);

        var rare = Generate(basis with { IrregularityRate = 0.0005, UndercutRate = 0.0005 }).Sum(c => c.Irregularities.Count);
        Assert.True(rare * 2 < plain.Sum(c => c.Irregularities.Count), $"{rare} labels at a quarter of the rates");
    }

    [Theory]
    [InlineData("PriceLevel", "--price-level must be between 0.1 and 1000000")]
    [InlineData("PriceNoisePct", "--price-noise-pct must be between 0 and 20")]
    [InlineData("CompetitorCoverage", "--competitor-coverage must be between 0 and 1")]
    [InlineData("IrregularityRate", "--irregularity-rate must be between 0 and 0.1")]
    public void Shape_options_outside_their_range_are_refused_by_name(string option, string message)
    {
        var bad = option switch
        {
            "PriceLevel" => Options with { PriceLevel = 0 },
            "PriceNoisePct" => Options with { PriceNoisePct = 25 },
            "CompetitorCoverage" => Options with { CompetitorCoverage = 1.5 },
            _ => Options with { IrregularityRate = double.NaN },
        };
        Assert.Equal(message, bad.Validate());
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
    public void A_series_bills_on_most_of_its_priced_days_and_only_on_them_with_its_price_rows_stamp()
    {
        foreach (var sku in Generate(Options with { Skus = 40 }))
        {
            var priced = sku.Prices.ToDictionary(p => (p.SalesOrg, p.CustomerId, p.Dt));
            Assert.All(sku.Quantities, q => Assert.Equal(priced[(q.SalesOrg, q.CustomerId, q.Dt)].ChangedAt, q.ChangedAt));
            Assert.InRange(sku.Quantities.Count, priced.Count * 0.85, priced.Count);
        }
    }

    [Fact]
    public void Volumes_are_higher_on_working_days_in_promotions_and_for_big_customers()
    {
        var catalog = Generate(Options);
        var good = catalog.SelectMany(c => c.Quantities).Where(q => q.Quantity > 0).ToList();
        double Mean(IEnumerable<BilledQuantity> rows) => rows.Average(q => q.Quantity);

        // the same series on Mondays and on Sundays
        var everyDay = good.GroupBy(q => (q.Sku, q.SalesOrg, q.CustomerId)).Where(s => s.Any(q => q.Dt.DayOfWeek == DayOfWeek.Sunday)).ToList();
        Assert.InRange(everyDay.Average(s => Mean(s.Where(q => q.Dt.DayOfWeek == DayOfWeek.Monday)) / Mean(s.Where(q => q.Dt.DayOfWeek == DayOfWeek.Sunday))), 3, 7);

        // promotion days: a price 8 % or more below the series' own median
        var prices = catalog.SelectMany(c => c.Prices).ToDictionary(p => (p.Sku, p.SalesOrg, p.CustomerId, p.Dt));
        var medians = prices.Values.GroupBy(p => (p.Sku, p.SalesOrg, p.CustomerId)).ToDictionary(g => g.Key, g => g.Select(p => p.NetPrice).Order().ElementAt(g.Count() / 2));
        var promoted = good.Where(q => prices[(q.Sku, q.SalesOrg, q.CustomerId, q.Dt)].NetPrice is var p && p < medians[(q.Sku, q.SalesOrg, q.CustomerId)] * 0.92
            && p > medians[(q.Sku, q.SalesOrg, q.CustomerId)] * 0.8).ToList();
        var promotedKeys = promoted.Select(q => (q.Sku, q.SalesOrg, q.CustomerId, q.Dt)).ToHashSet();
        var ratio = promoted.GroupBy(q => (q.Sku, q.SalesOrg, q.CustomerId))
            .Select(g => Mean(g) / Mean(good.Where(q => (q.Sku, q.SalesOrg, q.CustomerId) == g.Key && !promotedKeys.Contains((q.Sku, q.SalesOrg, q.CustomerId, q.Dt))))).Average();
        Assert.InRange(ratio, 1.5, 2.6);

        // a customer's size carries over all its SKUs: the biggest buyer buys more than the smallest of nearly every SKU both buy
        var byCustomer = good.GroupBy(q => (q.SalesOrg, q.CustomerId)).ToDictionary(g => g.Key, g => g.GroupBy(q => q.Sku).ToDictionary(s => s.Key, Mean));
        var sizes = byCustomer.ToDictionary(c => c.Key, c => c.Value.Values.Average(v => Math.Log(v)));
        var (big, small) = (sizes.MaxBy(c => c.Value).Key, sizes.MinBy(c => c.Value).Key);
        var shared = byCustomer[big].Keys.Intersect(byCustomer[small].Keys).ToList();
        Assert.True(shared.Count(sku => byCustomer[big][sku] > byCustomer[small][sku]) >= shared.Count * 0.9, $"{shared.Count} shared SKUs");
    }

    [Fact]
    public void Negative_quantities_are_labelled_and_unknown_skus_bill_too()
    {
        var generator = new CatalogGenerator(Options, Now);
        var catalog = Generate(Options);
        var negative = catalog.SelectMany(c => c.Quantities.Where(q => q.Quantity < 0).Select(q => (c, q))).ToList();

        Assert.NotEmpty(negative);
        Assert.All(negative, x => Assert.Contains(x.c.Irregularities, l => l.Kind == IrregularityKinds.NegativeQuantity
            && (l.SalesOrg, l.CustomerId, l.DtFrom) == (x.q.SalesOrg, x.q.CustomerId, x.q.Dt)));
        var unknown = generator.GenerateUnknownSkus();
        Assert.NotEmpty(unknown.Quantities);
        Assert.All(unknown.Quantities, q => Assert.Contains(unknown.Irregularities, l => l.Kind == "UNKNOWN_SKU" && l.Sku == q.Sku && l.SalesOrg == q.SalesOrg));
    }

    [Fact]
    public void Exchange_rates_move_daily_both_ways_between_eur_and_each_other_currency()
    {
        var rates = ExchangeRateGenerator.Generate(11, new DateOnly(2025, 1, 1), 90);

        Assert.Equal(3 * 2 * 90, rates.Count);
        foreach (var pair in rates.GroupBy(r => (r.FromCurrency, r.ToCurrency)))
        {
            Assert.Equal(90, pair.Select(r => r.ValidFrom).Distinct().Count());
            Assert.InRange(pair.Max(r => r.Rate) / pair.Min(r => r.Rate), 1.005, 1.3);
        }
        var usd = rates.Single(r => r is { FromCurrency: "USD", ToCurrency: "EUR" } && r.ValidFrom == new DateOnly(2025, 2, 1));
        var back = rates.Single(r => r is { FromCurrency: "EUR", ToCurrency: "USD" } && r.ValidFrom == usd.ValidFrom);
        Assert.Equal(1, usd.Rate * back.Rate, 4);
        Assert.InRange(usd.Rate, 0.75, 1.1);
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
    [InlineData(10)]
    [InlineData(30)]
    public void Persistent_problems_last_weeks_and_typos_one_day(int problemDays)
    {
        var options = Options with { Days = 365, EndDate = new DateOnly(2025, 12, 31), ProblemDays = problemDays };
        var labels = Generate(options).SelectMany(c => c.Irregularities).ToList();
        int Length(SeedIrregularity l) => l.DtTo.DayNumber - l.DtFrom.DayNumber + 1;
        // labels cut at the last day are shorter than the problem drawn
        var persistent = labels.Where(l => l.Kind is IrregularityKinds.TooLowPrice or IrregularityKinds.MarginCollapse or IrregularityKinds.CompetitorUndercut
            && l.DtTo < options.ResolvedEndDate).ToList();

        Assert.True(persistent.Count > 100, $"{persistent.Count} persistent problems");
        Assert.All(persistent, l => Assert.True(Length(l) >= 3, $"{l} lasts under 3 days"));
        Assert.InRange(persistent.Average(Length), problemDays * 0.8, problemDays * 1.2);
        Assert.All(labels.Where(l => l.Kind is IrregularityKinds.FatFingerX10 or IrregularityKinds.FatFingerDiv10), l => Assert.Equal(1, Length(l)));
    }

    [Theory]
    [InlineData(0, 120, "--skus")]
    [InlineData(10, 0, "--days")]
    public void Bad_options_are_named(int skus, int days, string named)
    {
        Assert.Contains(named, new CatalogOptions { Skus = skus, Days = days }.Validate());
    }
}
