using Pricing.Model;
using static Pricing.Model.IrregularityKinds;

namespace Pricing.Seeding;

/// <summary>Everything generated for one SKU: its material, price rows, competitor snapshots, billed quantities and ground-truth labels.</summary>
public sealed record SkuCatalog(Material? Material, List<PriceRow> Prices, List<CompetitorRow> Competitors, List<BilledQuantity> Quantities,
    List<SeedIrregularity> Irregularities);

/// <summary>
/// Generates a realistic SAP-like catalog, one SKU at a time and deterministic per seed: list prices that step up
/// now and then, customer discounts, promotions, weekday-only B2B series, gaps, competitors watched at different
/// frequencies, billed volumes (by customer size, weekday and promotion; drawn from streams of their own, so the
/// prices of a seed stay what they were), and the irregularities and bad rows the grid must find, each recorded as a
/// label.
/// </summary>
public sealed class CatalogGenerator(CatalogOptions options, DateTime now)
{
    private static readonly string[] OtherCurrencies = ["EUR", "USD", "GBP", "CHF"];

    private readonly DateOnly _start = options.StartDate;

    public static string SkuName(int index) => $"SKU{index:D6}";

    public static string SalesOrgName(int org) => $"{org + 1}000";

    public static string CustomerName(int org, int customer) => $"C{org + 1}{customer + 1:D5}";

    public Material MaterialOf(int index)
    {
        var rng = SeedRandom.For(options.Seed, index, 0);
        var group = SeedNames.MaterialGroups[rng.Next(options.MaterialGroups)];
        var currency = rng.Chance(0.85) ? "EUR" : rng.Chance(0.7) ? "USD" : "GBP";
        var description = $"{rng.Pick(SeedNames.Adjectives)} {group.Name} {rng.Pick(SeedNames.Sizes)}";
        return new Material(SkuName(index), description, group.Code, group.Uom, currency);
    }

    /// <summary>The SKU with 1-based <paramref name="index"/>.</summary>
    public SkuCatalog Generate(int index)
    {
        var material = MaterialOf(index);
        var rng = SeedRandom.For(options.Seed, index, 1);
        var days = options.Days;
        var labels = new List<SeedIrregularity>();

        // The SKU's list price level and standard cost, day by day; all its series and competitors follow them.
        var basePrice = Math.Round(Math.Exp(Math.Log(options.PriceLevel) + rng.Normal()), 2) + 0.5;
        var costRatio = rng.Uniform(0.5, 0.7);
        var level = new double[days];
        var cost = new double[days];
        var marginCollapseUntil = -1;
        var collapsedCost = 0.0;
        double currentLevel = basePrice, currentCost = basePrice * costRatio;
        for (var d = 0; d < days; d++)
        {
            if (rng.Chance(1.0 / 60)) currentLevel *= 1 + rng.Uniform(0.02, 0.06);
            if (rng.Chance(1.0 / 90)) currentCost *= 1 + rng.Uniform(-0.04, 0.04);
            level[d] = currentLevel;
            if (d > marginCollapseUntil && rng.Chance(options.IrregularityRate / 2))
            {
                // A cost increase that was not passed on: the margin of every series collapses until the price list follows.
                var length = ProblemLength(rng);
                marginCollapseUntil = Math.Min(days - 1, d + length - 1);
                collapsedCost = currentLevel * rng.Uniform(0.97, 1.08);
                labels.Add(new SeedIrregularity(material.Sku, null, null, Day(d), Day(marginCollapseUntil), MarginCollapse));
            }
            cost[d] = d <= marginCollapseUntil ? collapsedCost : currentCost;
        }
        var collapseLabel = labels.ToList();
        labels.Clear();

        var prices = new List<PriceRow>(days * options.SeriesPerSku);
        var quantities = new List<BilledQuantity>(days * options.SeriesPerSku);
        // a SKU's typical daily volume per median customer: cheap items sell in larger numbers
        var perDay = Math.Exp(Math.Log(8) + 0.6 * SeedRandom.For(options.Seed, index, 4).Normal()) * Math.Sqrt(options.PriceLevel / basePrice);
        foreach (var (org, customer, seriesIndex) in PickSeries(rng))
        {
            var series = SeedRandom.For(options.Seed, index, 2, seriesIndex);
            var billing = (Rng: SeedRandom.For(options.Seed, index, 5, seriesIndex), Daily: perDay * CustomerSize(org, customer));
            GenerateSeries(series, billing, material, SalesOrgName(org), CustomerName(org, customer), 1.0 + 0.02 * org, level, cost, prices, quantities, labels);
            foreach (var collapse in collapseLabel)
                labels.Add(collapse with { SalesOrg = SalesOrgName(org), CustomerId = CustomerName(org, customer) });
        }

        var competitors = new List<CompetitorRow>();
        var competitorRng = SeedRandom.For(options.Seed, index, 3);
        GenerateCompetitors(competitorRng, material, level, competitors, labels);
        return new SkuCatalog(material, prices, competitors, quantities, labels);
    }

    /// <summary>
    /// How big a customer is: a few buy a lot, most little (log-normal, median 1). The same customer has the same
    /// size for every SKU.
    /// </summary>
    private double CustomerSize(int org, int customer) => Math.Exp(SeedRandom.For(options.Seed, -2, org, customer).Normal());

    /// <summary>Working days bill more than weekends; Monday most (orders placed over the weekend).</summary>
    internal static double WeekdayFactor(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => 1.2,
        DayOfWeek.Friday => 0.9,
        DayOfWeek.Saturday => 0.45,
        DayOfWeek.Sunday => 0.25,
        _ => 1.0,
    };

    /// <summary>Rows for SKUs missing from the material master (UNKNOWN_SKU), so the grid's rejection is exercised at any size.</summary>
    public SkuCatalog GenerateUnknownSkus()
    {
        var rng = SeedRandom.For(options.Seed, -1);
        var count = Math.Max(1, options.Skus * options.UnknownSkuRowsPerThousandSkus / 1000);
        var prices = new List<PriceRow>();
        var competitors = new List<CompetitorRow>();
        var labels = new List<SeedIrregularity>();
        for (var i = 0; i < count; i++)
        {
            var sku = $"ZZUNKNOWN{i + 1:D4}";
            var d = rng.Next(options.Days);
            var org = rng.Next(options.SalesOrgs);
            var (salesOrg, customer) = (SalesOrgName(org), CustomerName(org, rng.Next(options.CustomersPerOrg)));
            var price = Math.Round(rng.Uniform(5, 200), 2);
            prices.Add(new PriceRow(sku, salesOrg, customer, Day(d), price, Math.Round(price * 0.6, 4), "EUR", ChangedAt(rng, d)));
            labels.Add(new SeedIrregularity(sku, salesOrg, customer, Day(d), Day(d), "UNKNOWN_SKU"));
            competitors.Add(new CompetitorRow(sku, rng.Pick(SeedNames.Competitors), Day(d), price, "EUR", ChangedAt(rng, d)));
            labels.Add(new SeedIrregularity(sku, null, null, Day(d), Day(d), "UNKNOWN_SKU"));
        }
        var quantities = new List<BilledQuantity>();
        for (var i = 0; i < count; i++)
        {
            var d = rng.Next(options.Days);
            var org = rng.Next(options.SalesOrgs);
            var quantity = new BilledQuantity($"ZZUNKNOWN{i + 1:D4}", SalesOrgName(org), CustomerName(org, rng.Next(options.CustomersPerOrg)), Day(d),
                1 + rng.Next(20), ChangedAt(rng, d));
            quantities.Add(quantity);
            labels.Add(new SeedIrregularity(quantity.Sku, quantity.SalesOrg, quantity.CustomerId, quantity.Dt, quantity.Dt, "UNKNOWN_SKU"));
        }
        return new SkuCatalog(null, prices, competitors, quantities, labels);
    }

    private IEnumerable<(int Org, int Customer, int SeriesIndex)> PickSeries(SeedRandom rng)
    {
        var chosen = new HashSet<(int, int)>();
        var result = new List<(int, int, int)>();
        while (result.Count < options.SeriesPerSku)
        {
            var pick = (rng.Next(options.SalesOrgs), rng.Next(options.CustomersPerOrg));
            if (chosen.Add(pick))
                result.Add((pick.Item1, pick.Item2, result.Count));
        }
        return result.OrderBy(s => s.Item1).ThenBy(s => s.Item2);
    }

    private void GenerateSeries(SeedRandom rng, (SeedRandom Rng, double Daily) billing, Material material, string salesOrg, string customer,
        double orgFactor, double[] level, double[] cost, List<PriceRow> rows, List<BilledQuantity> quantities, List<SeedIrregularity> labels)
    {
        var wholeUnits = material.BaseUom is "EA" or "PAC";
        var pattern = rng.NextDouble();
        var weekdaysOnly = pattern is >= 0.55 and < 0.9;      // B2B customers order on working days
        var sparseEvery = pattern >= 0.9 ? 2 + rng.Next(3) : 1; // occasional buyers
        var discount = rng.Uniform(0.9, 1.0) * orgFactor;
        var promoUntil = -1;
        var promoFactor = 1.0;
        var eventUntil = -1;
        var eventFactor = 1.0;
        for (var d = 0; d < level.Length; d++)
        {
            var day = Day(d);
            if (d % sparseEvery != 0 || (weekdaysOnly && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) || rng.Chance(0.03))
                continue;
            if (d > promoUntil && rng.Chance(1.0 / 45))
            {
                promoUntil = d + 2 + rng.Next(5);
                promoFactor = 1 - rng.Uniform(0.08, 0.15);
            }
            if (d > eventUntil && rng.Chance(options.IrregularityRate))
                (eventUntil, eventFactor) = StartIrregularity(rng, material.Sku, salesOrg, customer, d, labels);

            var price = level[d] * discount * (1 + options.PriceNoisePct / 100 * rng.Normal()) * (d <= promoUntil ? promoFactor : 1) * (d <= eventUntil ? eventFactor : 1);
            var row = new PriceRow(material.Sku, salesOrg, customer, day, Math.Round(price, 2), Math.Round(cost[d], 4), material.Currency, ChangedAt(rng, d));
            rows.Add(rng.Chance(options.BadRowRate) ? MakeBad(rng, row, labels) : row);

            // What was billed at that price: promotions sell more; some priced days bill nothing.
            var quantity = billing.Daily * WeekdayFactor(day.DayOfWeek) * (d <= promoUntil ? billing.Rng.Uniform(1.6, 2.4) : 1) * Math.Exp(0.3 * billing.Rng.Normal());
            quantity = Math.Round(quantity, wholeUnits ? 0 : 3);
            if (quantity <= 0 || billing.Rng.Chance(0.05))
                continue;
            var billed = new BilledQuantity(material.Sku, salesOrg, customer, day, quantity, row.ChangedAt);
            if (billing.Rng.Chance(options.BadRowRate))
            {
                billed = billed with { Quantity = -quantity }; // a credit memo keyed as a negative billing
                labels.Add(new SeedIrregularity(material.Sku, salesOrg, customer, day, day, NegativeQuantity));
            }
            quantities.Add(billed);
        }
    }

    private (int Until, double Factor) StartIrregularity(SeedRandom rng, string sku, string salesOrg, string customer, int d, List<SeedIrregularity> labels)
    {
        var roll = rng.NextDouble();
        var (kind, length, factor) = roll switch
        {
            < 0.25 => (PriceSpike, 1 + rng.Next(options.SpikeDays), rng.Uniform(1.4, 2.0)),
            < 0.80 => (TooLowPrice, ProblemLength(rng), rng.Uniform(0.35, 0.6)),
            < 0.90 => (FatFingerX10, 1, 10.0),
            _ => (FatFingerDiv10, 1, 0.1),
        };
        var until = d + length - 1;
        labels.Add(new SeedIrregularity(sku, salesOrg, customer, Day(d), Day(Math.Min(until, options.Days - 1)), kind));
        return (until, factor);
    }

    /// <summary>
    /// How long a persistent problem lasts (a wrong condition record, a cost increase not passed on, a competitor's
    /// price war): until someone notices, so mostly weeks, some a few days, a few months (exponential, at least 3 days).
    /// </summary>
    private int ProblemLength(SeedRandom rng) => Math.Max(3, (int)Math.Round(-Math.Log(1 - rng.NextDouble()) * options.ProblemDays));

    private PriceRow MakeBad(SeedRandom rng, PriceRow row, List<SeedIrregularity> labels)
    {
        var roll = rng.NextDouble();
        var (bad, reason) = roll switch
        {
            < 0.35 => (row with { NetPrice = rng.Chance(0.5) ? 0 : -row.NetPrice }, "NON_POSITIVE_PRICE"),
            < 0.65 => (row with { UnitCost = -row.UnitCost }, "NEGATIVE_COST"),
            _ => (row with { Currency = OtherCurrencies.First(c => c != row.Currency) }, "CURRENCY_MISMATCH"),
        };
        labels.Add(new SeedIrregularity(row.Sku, row.SalesOrg, row.CustomerId, row.Dt, row.Dt, reason));
        return bad;
    }

    private void GenerateCompetitors(SeedRandom rng, Material material, double[] level, List<CompetitorRow> rows, List<SeedIrregularity> labels)
    {
        if (options.CompetitorsPerSku == 0 || rng.Chance(1 - options.CompetitorCoverage))
            return;
        var count = 1 + rng.Next(options.CompetitorsPerSku);
        var names = SeedNames.Competitors.OrderBy(_ => rng.NextUInt64()).Take(count).ToArray();
        var frequencies = names.Select(_ => new[] { 1, 1, 2, 3, 7 }[rng.Next(5)]).ToArray();
        var levels = names.Select(_ => rng.Uniform(1.0, 1.15)).ToArray();
        var phase = names.Select(_ => rng.Next(7)).ToArray();

        // Undercut events: one competitor prices far below us for a few days, watched daily meanwhile.
        var undercut = new int[level.Length];
        var undercutFactor = new double[level.Length];
        for (var d = 0; d < level.Length; d++)
        {
            if (!rng.Chance(options.UndercutRate))
                continue;
            var until = Math.Min(level.Length - 1, d + ProblemLength(rng) - 1);
            var who = 1 + rng.Next(count);
            var factor = rng.Uniform(0.6, 0.82);
            for (var x = d; x <= until; x++)
                (undercut[x], undercutFactor[x]) = (who, factor);
            labels.Add(new SeedIrregularity(material.Sku, null, null, Day(d), Day(until), CompetitorUndercut));
            d = until;
        }

        for (var c = 0; c < count; c++)
        {
            for (var d = 0; d < level.Length; d++)
            {
                var undercutting = undercut[d] == c + 1;
                if (!undercutting && (d + phase[c]) % frequencies[c] != 0)
                    continue;
                var factor = undercutting ? undercutFactor[d] : levels[c] * (1 + 0.01 * rng.Normal());
                var price = Math.Round(level[d] * 0.95 * factor, 2);
                var row = new CompetitorRow(material.Sku, names[c], Day(d), price, material.Currency, ChangedAt(rng, d));
                if (rng.Chance(options.BadRowRate))
                {
                    var nonPositive = rng.Chance(0.5);
                    row = nonPositive ? row with { Price = 0 } : row with { Currency = OtherCurrencies.First(x => x != row.Currency) };
                    labels.Add(new SeedIrregularity(material.Sku, null, null, row.Dt, row.Dt, nonPositive ? "NON_POSITIVE_PRICE" : "CURRENCY_MISMATCH"));
                }
                rows.Add(row);
            }
        }
    }

    private DateOnly Day(int offset) => _start.AddDays(offset);

    /// <summary>Rows are extracted in the evening of their day; one in a hundred was changed again some days later.</summary>
    private DateTime ChangedAt(SeedRandom rng, int d)
    {
        var at = Day(d).ToDateTime(new TimeOnly(18, 0)).AddSeconds(rng.Next(7200));
        if (rng.Chance(0.01))
            at = at.AddDays(1 + rng.Next(10));
        return at < now ? at : now;
    }
}
