using System.Diagnostics;
using Pricing.Model;
using Pricing.Storage;
using static Pricing.Model.IrregularityKinds;

namespace Pricing.Seeding;

/// <summary>
/// Appends one realistic day after the newest day in the source: every series gets a price near its recent median
/// (a few are missing, a few irregular or bad, all labelled) and a billed quantity near its recent median for the
/// weekday, competitors post new snapshots, and the exchange rates move a day.
/// Works on any source, not only generated ones, because it starts from the data.
/// </summary>
public sealed class NextDayGenerator(SqlDatabase source, TimeProvider? clock = null)
{
    private const int LookBackDays = 13;
    private const int ArrivalSeconds = 2 * 3600;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<(DateOnly Day, SeedReport Report)> AppendAsync(int seed, CatalogOptions rates, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var latest = await SourceClock.LatestDayAsync(source, ct);
        var day = latest.AddDays(1);
        // The day's rows arrive over two hours from the source's next stamp, not all at one instant: an incremental
        // run's overlap (rows changed shortly before the watermark) then re-reads the last minutes of the previous
        // day, as it would in production, rather than the whole of it when days are appended minutes apart.
        var arrivals = await SourceClock.NextChangedAtAsync(source, _clock, ct);
        DateTime Arrival(SeedRandom rng) => arrivals.AddSeconds(rng.Next(ArrivalSeconds));
        var from = latest.AddDays(-LookBackDays);

        var prices = new List<PriceRow>();
        var labels = new List<SeedIrregularity>();
        var recent = await source.ListAsync(
            "SELECT p.sku, p.sales_org, p.customer_id, p.net_price, p.unit_cost, m.currency FROM daily_prices p JOIN materials m ON m.sku = p.sku " +
            "WHERE p.dt >= @from AND p.net_price > 0 AND p.unit_cost >= 0 AND p.currency = m.currency ORDER BY p.sku, p.sales_org, p.customer_id, p.dt",
            c => c.Bind("@from", from),
            r => (Sku: r.GetString(0), Org: r.GetString(1), Customer: r.GetString(2), Price: r.GetDouble(3), Cost: r.GetDouble(4), Currency: r.GetString(5)), ct);
        foreach (var series in recent.GroupBy(r => (r.Sku, r.Org, r.Customer)))
        {
            var (sku, org, customer) = series.Key;
            var rng = SeedRandom.For(seed, StableHash.Of(sku, org, customer), day.DayNumber);
            if (rng.Chance(0.03))
                continue;
            var last = series.Last();
            var price = Median(series.Select(r => r.Price)) * (1 + 0.004 * rng.Normal());
            if (rng.Chance(rates.IrregularityRate))
            {
                var (kind, factor) = rng.NextDouble() switch
                {
                    < 0.3 => (PriceSpike, rng.Uniform(1.4, 2.0)),
                    < 0.6 => (TooLowPrice, rng.Uniform(0.35, 0.6)),
                    < 0.8 => (FatFingerX10, 10.0),
                    _ => (FatFingerDiv10, 0.1),
                };
                price *= factor;
                labels.Add(new SeedIrregularity(sku, org, customer, day, day, kind));
            }
            var bad = rng.Chance(rates.BadRowRate);
            if (bad)
                labels.Add(new SeedIrregularity(sku, org, customer, day, day, "NON_POSITIVE_PRICE"));
            prices.Add(new PriceRow(sku, org, customer, day, bad ? 0 : Math.Round(price, 2), last.Cost, last.Currency, Arrival(rng)));
        }

        var competitors = new List<CompetitorRow>();
        var recentCompetitors = await source.ListAsync(
            "SELECT c.sku, c.competitor, c.price, m.currency FROM competitor_prices c JOIN materials m ON m.sku = c.sku " +
            "WHERE c.dt >= @from AND c.price > 0 AND c.currency = m.currency ORDER BY c.sku, c.competitor, c.dt",
            c => c.Bind("@from", from), r => (Sku: r.GetString(0), Competitor: r.GetString(1), Price: r.GetDouble(2), Currency: r.GetString(3)), ct);
        foreach (var watched in recentCompetitors.GroupBy(r => (r.Sku, r.Competitor)))
        {
            var rng = SeedRandom.For(seed, StableHash.Of(watched.Key.Sku, watched.Key.Competitor), day.DayNumber);
            if (!rng.Chance(0.6))
                continue;
            var price = Median(watched.Select(r => r.Price)) * (1 + 0.01 * rng.Normal());
            if (rng.Chance(rates.UndercutRate))
            {
                price *= rng.Uniform(0.55, 0.75);
                labels.Add(new SeedIrregularity(watched.Key.Sku, null, null, day, day, CompetitorUndercut));
            }
            competitors.Add(new CompetitorRow(watched.Key.Sku, watched.Key.Competitor, day, Math.Round(price, 2), watched.First().Currency, Arrival(rng)));
        }

        var quantities = await QuantitiesAsync(seed, rates, day, from, prices, labels, ct);
        var newestRates = await source.ListAsync(
            "SELECT from_currency, to_currency, valid_from, rate FROM exchange_rates WHERE valid_from = (SELECT MAX(valid_from) FROM exchange_rates)", null,
            r => new ExchangeRate(r.GetString(0), r.GetString(1), r.GetDate(2), r.GetDouble(3)), ct);
        var exchangeRates = newestRates.Count > 0 && newestRates[0].ValidFrom < day ? ExchangeRateGenerator.NextDay(seed, newestRates, day) : [];

        var loader = new SourceLoader(source);
        var written = new SeedReport(0,
            await loader.WritePricesAsync(prices, OnDuplicate.Replace, ct),
            await loader.WriteCompetitorPricesAsync(competitors, OnDuplicate.Replace, ct),
            await loader.WriteIrregularitiesAsync(labels, ct), watch.Elapsed,
            await loader.WriteQuantitiesAsync(quantities, OnDuplicate.Replace, ct),
            await loader.WriteExchangeRatesAsync(exchangeRates, OnDuplicate.Replace, ct));
        return (day, written);
    }

    /// <summary>What each series priced on <paramref name="day"/> billed: its recent median, by weekday, with noise.</summary>
    private async Task<List<BilledQuantity>> QuantitiesAsync(int seed, CatalogOptions rates, DateOnly day, DateOnly from, List<PriceRow> prices,
        List<SeedIrregularity> labels, CancellationToken ct)
    {
        var recent = (await source.ListAsync(
            "SELECT sku, sales_org, customer_id, dt, quantity FROM billed_quantities WHERE dt >= @from AND quantity > 0 ORDER BY sku, sales_org, customer_id, dt",
            c => c.Bind("@from", from), r => (Sku: r.GetString(0), Org: r.GetString(1), Customer: r.GetString(2), Dt: r.GetDate(3), Quantity: r.GetDouble(4)), ct))
            .GroupBy(r => (r.Sku, r.Org, r.Customer))
            .ToDictionary(g => g.Key, g => (Median: Median(g.Select(r => r.Quantity / CatalogGenerator.WeekdayFactor(r.Dt.DayOfWeek))),
                WholeUnits: g.All(r => r.Quantity == Math.Round(r.Quantity))));
        var quantities = new List<BilledQuantity>();
        foreach (var price in prices)
        {
            if (!recent.TryGetValue((price.Sku, price.SalesOrg, price.CustomerId), out var series))
                continue;
            var rng = SeedRandom.For(seed, StableHash.Of(price.Sku, price.SalesOrg, price.CustomerId), day.DayNumber, 5);
            var quantity = Math.Round(series.Median * CatalogGenerator.WeekdayFactor(day.DayOfWeek) * Math.Exp(0.3 * rng.Normal()), series.WholeUnits ? 0 : 3);
            if (quantity <= 0 || rng.Chance(0.05))
                continue;
            if (rng.Chance(rates.BadRowRate))
            {
                quantity = -quantity;
                labels.Add(new SeedIrregularity(price.Sku, price.SalesOrg, price.CustomerId, day, day, NegativeQuantity));
            }
            quantities.Add(new BilledQuantity(price.Sku, price.SalesOrg, price.CustomerId, day, quantity, price.ChangedAt));
        }
        return quantities;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
