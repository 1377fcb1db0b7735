using Pricing.Storage;

namespace Pricing.Seeding;

/// <summary>What a corrections batch changed, by kind.</summary>
public sealed record CorrectionsReport(int PriceCorrections, int CostCorrections, int LateRows, int GoodToBad, int BadToGood, int CompetitorCorrections,
    int QuantityCorrections = 0)
{
    public int Total => PriceCorrections + CostCorrections + LateRows + GoodToBad + BadToGood + CompetitorCorrections + QuantityCorrections;

    public override string ToString() =>
        $"{Total} changes: {PriceCorrections} price corrections, {CostCorrections} cost corrections, {LateRows} late rows, " +
        $"{GoodToBad} good rows turned bad, {BadToGood} bad rows corrected, {CompetitorCorrections} competitor corrections, " +
        $"{QuantityCorrections} billed quantities corrected or billed late";
}

/// <summary>
/// Changes the last 30 days the way a real source does after the fact: corrected prices and costs, rows that
/// arrive late, rows that a correction makes bad, bad rows that get fixed, corrected competitor snapshots, billed
/// quantities corrected (a credit, a re-billing) or billed late.
/// Days that carry an irregularity label are left alone, so the labels stay true.
/// </summary>
public sealed class CorrectionsGenerator(SqlDatabase source, TimeProvider? clock = null)
{
    private const int WindowDays = 30;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<CorrectionsReport> ApplyAsync(int count, int seed, CancellationToken ct = default)
    {
        var latest = await SourceClock.LatestDayAsync(source, ct);
        var stamp = await SourceClock.NextChangedAtAsync(source, _clock, ct);
        var from = latest.AddDays(-WindowDays);
        var series = await source.ListAsync(
            "SELECT DISTINCT p.sku, p.sales_org, p.customer_id, m.currency FROM daily_prices p JOIN materials m ON m.sku = p.sku " +
            "WHERE p.dt >= @from ORDER BY p.sku, p.sales_org, p.customer_id",
            c => c.Bind("@from", from), r => (Sku: r.GetString(0), Org: r.GetString(1), Customer: r.GetString(2), Currency: r.GetString(3)), ct);
        if (series.Count == 0)
            throw new InvalidOperationException("the source database has no series in the last 30 days to correct");

        int price = 0, cost = 0, late = 0, goodToBad = 0, badToGood = 0, competitor = 0, quantity = 0;
        for (var i = 0; i < count; i++)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var rng = SeedRandom.For(seed, 7, i, attempt, latest.DayNumber);
                var (sku, org, customer, currency) = series[rng.Next(series.Count)];
                var day = latest.AddDays(-1 - rng.Next(WindowDays));
                if (await IsLabelledAsync(sku, org, customer, day, ct))
                    continue;
                if (rng.Chance(0.12))
                {
                    if (await CorrectCompetitorAsync(rng, sku, day, stamp, ct)) { competitor++; break; }
                    continue;
                }
                if (rng.Chance(0.15))
                {
                    if (await CorrectQuantityAsync(rng, sku, org, customer, day, stamp, ct)) { quantity++; break; }
                    continue;
                }
                var row = (await source.ListAsync(
                    "SELECT net_price, unit_cost, currency FROM daily_prices WHERE sku = @sku AND sales_org = @org AND customer_id = @customer AND dt = @dt",
                    c => BindKey(c, sku, org, customer, day), r => (Price: r.GetDouble(0), Cost: r.GetDouble(1), Currency: r.GetString(2)), ct)).FirstOrDefault();
                if (row == default)
                {
                    if (await InsertLateRowAsync(rng, sku, org, customer, currency, day, stamp, ct)) { late++; break; }
                    continue;
                }
                if (row.Price <= 0 || row.Cost < 0 || row.Currency != currency)
                {
                    await UpdateAsync(sku, org, customer, day, Math.Abs(row.Price) is > 0 and var p ? p : 1.0, Math.Abs(row.Cost), currency, stamp, ct);
                    await source.ExecuteAsync(
                        "DELETE FROM seed_irregularities WHERE sku = @sku AND sales_org = @org AND customer_id = @customer AND dt_from = @dt " +
                        "AND kind IN ('NON_POSITIVE_PRICE', 'NEGATIVE_COST', 'CURRENCY_MISMATCH')", c => BindKey(c, sku, org, customer, day), ct);
                    badToGood++;
                    break;
                }
                var roll = rng.NextDouble();
                if (roll < 0.6)
                {
                    await UpdateAsync(sku, org, customer, day, Math.Round(row.Price * (1 + Signed(rng, 0.01, 0.06)), 2), row.Cost, row.Currency, stamp, ct);
                    price++;
                }
                else if (roll < 0.85)
                {
                    await UpdateAsync(sku, org, customer, day, row.Price, Math.Round(row.Cost * (1 + Signed(rng, 0.01, 0.05)), 4), row.Currency, stamp, ct);
                    cost++;
                }
                else
                {
                    await UpdateAsync(sku, org, customer, day, 0, row.Cost, row.Currency, stamp, ct);
                    await new SourceLoader(source).WriteIrregularitiesAsync(
                        [new Model.SeedIrregularity(sku, org, customer, day, day, "NON_POSITIVE_PRICE")], ct);
                    goodToBad++;
                }
                break;
            }
        }
        return new CorrectionsReport(price, cost, late, goodToBad, badToGood, competitor, quantity);
    }

    private static double Signed(SeedRandom rng, double min, double max) => (rng.Chance(0.5) ? 1 : -1) * rng.Uniform(min, max);

    private async Task<bool> IsLabelledAsync(string sku, string org, string customer, DateOnly day, CancellationToken ct) =>
        await source.ScalarAsync<long>(
            "SELECT COUNT(*) FROM seed_irregularities WHERE sku = @sku AND dt_from <= @dt AND dt_to >= @dt " +
            "AND ((sales_org = @org AND customer_id = @customer) OR sales_org IS NULL)",
            c => BindKey(c, sku, org, customer, day), ct) > 0;

    private async Task<bool> InsertLateRowAsync(SeedRandom rng, string sku, string org, string customer, string currency, DateOnly day, DateTime stamp, CancellationToken ct)
    {
        var neighbour = (await source.ListAsync(
            "SELECT net_price, unit_cost FROM daily_prices WHERE sku = @sku AND sales_org = @org AND customer_id = @customer AND dt < @dt " +
            "AND net_price > 0 AND unit_cost >= 0 ORDER BY dt DESC LIMIT 1",
            c => BindKey(c, sku, org, customer, day), r => (Price: r.GetDouble(0), Cost: r.GetDouble(1)), ct)).FirstOrDefault();
        if (neighbour == default)
            return false;
        await source.ExecuteAsync(
            "INSERT INTO daily_prices (sku, sales_org, customer_id, dt, net_price, unit_cost, currency, changed_at) VALUES (@sku, @org, @customer, @dt, @price, @cost, @currency, @stamp)",
            c => BindKey(c, sku, org, customer, day).Bind("@price", source.Price(Math.Round(neighbour.Price * (1 + 0.004 * rng.Normal()), 2)))
                .Bind("@cost", source.Price(neighbour.Cost)).Bind("@currency", currency).Bind("@stamp", source.Timestamp(stamp)), ct);
        return true;
    }

    private async Task<bool> CorrectCompetitorAsync(SeedRandom rng, string sku, DateOnly day, DateTime stamp, CancellationToken ct)
    {
        var snapshot = (await source.ListAsync(
            "SELECT competitor, dt, price FROM competitor_prices WHERE sku = @sku AND dt <= @dt AND price > 0 ORDER BY dt DESC LIMIT 1",
            c => c.Bind("@sku", sku).Bind("@dt", day), r => (Competitor: r.GetString(0), Dt: r.GetDate(1), Price: r.GetDouble(2)), ct)).FirstOrDefault();
        if (snapshot == default)
            return false;
        await source.ExecuteAsync(
            "UPDATE competitor_prices SET price = @price, changed_at = @stamp WHERE sku = @sku AND competitor = @competitor AND dt = @dt",
            c => c.Bind("@price", source.Price(Math.Round(snapshot.Price * (1 + Signed(rng, 0.02, 0.08)), 2))).Bind("@stamp", source.Timestamp(stamp))
                .Bind("@sku", sku).Bind("@competitor", snapshot.Competitor).Bind("@dt", snapshot.Dt), ct);
        return true;
    }

    /// <summary>Changes the day's billed quantity by 5 to 30 %, or bills the series' last quantity late on a day that had none.</summary>
    private async Task<bool> CorrectQuantityAsync(SeedRandom rng, string sku, string org, string customer, DateOnly day, DateTime stamp, CancellationToken ct)
    {
        var last = (await source.ListAsync(
            "SELECT dt, quantity FROM billed_quantities WHERE sku = @sku AND sales_org = @org AND customer_id = @customer AND dt <= @dt " +
            "AND quantity > 0 ORDER BY dt DESC LIMIT 1",
            c => BindKey(c, sku, org, customer, day), r => (Dt: r.GetDate(0), Quantity: r.GetDouble(1)), ct)).FirstOrDefault();
        if (last == default)
            return false;
        var wholeUnits = last.Quantity == Math.Round(last.Quantity);
        var corrected = last.Dt == day ? last.Quantity * (1 + Signed(rng, 0.05, 0.3)) : last.Quantity;
        corrected = Math.Max(Math.Round(corrected, wholeUnits ? 0 : 3), wholeUnits ? 1 : 0.001);
        await new SourceLoader(source).WriteQuantitiesAsync([new Model.BilledQuantity(sku, org, customer, day, corrected, stamp)], OnDuplicate.Replace, ct);
        return true;
    }

    private Task UpdateAsync(string sku, string org, string customer, DateOnly day, double price, double cost, string currency, DateTime stamp, CancellationToken ct) =>
        source.ExecuteAsync(
            "UPDATE daily_prices SET net_price = @price, unit_cost = @cost, currency = @currency, changed_at = @stamp " +
            "WHERE sku = @sku AND sales_org = @org AND customer_id = @customer AND dt = @dt",
            c => BindKey(c, sku, org, customer, day).Bind("@price", source.Price(price)).Bind("@cost", source.Price(cost))
                .Bind("@currency", currency).Bind("@stamp", source.Timestamp(stamp)), ct);

    private static System.Data.Common.DbCommand BindKey(System.Data.Common.DbCommand c, string sku, string org, string customer, DateOnly day) =>
        c.Bind("@sku", sku).Bind("@org", org).Bind("@customer", customer).Bind("@dt", day);
}
