using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>A series of the source with its newest price row: what tests append a later day to.</summary>
public sealed record PricedSeries(string Sku, string SalesOrg, string CustomerId, DateOnly Last, double Price, double Cost, string Currency)
{
    /// <summary>Every series with a cost, by key, each with its newest row.</summary>
    public static Task<List<PricedSeries>> LatestAsync(SqlDatabase source) => source.ListAsync(
        "SELECT p.sku, p.sales_org, p.customer_id, p.dt, p.net_price, p.unit_cost, p.currency FROM daily_prices p WHERE p.net_price > 0 AND p.unit_cost > 0 " +
        "AND p.dt = (SELECT MAX(q.dt) FROM daily_prices q WHERE q.sku = p.sku AND q.sales_org = p.sales_org AND q.customer_id = p.customer_id) " +
        "ORDER BY p.sku, p.sales_org, p.customer_id", null,
        r => new PricedSeries(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDate(3), r.GetDouble(4), r.GetDouble(5), r.GetString(6)));

    /// <summary>Writes a price row <paramref name="days"/> after the newest, at the same cost, changed now.</summary>
    public Task PriceAsync(SqlDatabase source, int days, double price) => source.ExecuteAsync(
        "INSERT INTO daily_prices (sku, sales_org, customer_id, dt, net_price, unit_cost, currency, changed_at) VALUES (@sku, @so, @c, @dt, @p, @cost, @cur, @at)",
        c => c.Bind("@sku", Sku).Bind("@so", SalesOrg).Bind("@c", CustomerId).Bind("@dt", Last.AddDays(days)).Bind("@p", Math.Round(price, 2))
            .Bind("@cost", Cost).Bind("@cur", Currency).Bind("@at", source.Timestamp(DateTime.UtcNow)));
}
