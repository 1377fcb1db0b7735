using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Seeding;

/// <summary>Bulk writes into the source tables. Only the seed generator writes there; the grid only reads.</summary>
public sealed class SourceLoader(SqlDatabase database)
{
    private static readonly string[] Tables = ["seed_irregularities", "exchange_rates", "billed_quantities", "competitor_prices", "daily_prices", "materials"];

    public async Task ResetAsync(CancellationToken ct = default)
    {
        foreach (var table in Tables)
            await database.ExecuteAsync($"DELETE FROM {table}", ct: ct);
    }

    /// <summary>
    /// Drops the changed_at indexes for a bulk load into empty tables and builds them again, with the columns the
    /// migrations gave them, when disposed: rows arrive in key order but changed_at order is random, and maintaining
    /// that index row by row halves the load rate; building it once at the end is a single sort.
    /// </summary>
    public async Task<IAsyncDisposable> SuspendChangedAtIndexesAsync(CancellationToken ct = default)
    {
        var rebuild = new List<string>();
        foreach (var (table, index) in SourceStore.ChangedTables.Select(t => (t.Name, t.ChangedIndex)))
        {
            var columns = await IndexColumnsAsync(table, index, ct);
            if (columns.Count == 0)
                throw new InvalidOperationException($"{database.ConfigKey}: {table} has no index {index} (a seed killed while loading " +
                    "drops it); seed into a new database");
            rebuild.Add($"CREATE INDEX {index} ON {table} ({string.Join(", ", columns)})");
            await database.ExecuteAsync(database.DropIndexSql(table, index), ct: ct);
        }
        return new IndexRebuild(database, rebuild);
    }

    /// <summary>An index's columns in order, as the database has them.</summary>
    public Task<List<string>> IndexColumnsAsync(string table, string index, CancellationToken ct = default) =>
        database.IndexColumnsAsync(table, index, ct);

    private sealed class IndexRebuild(SqlDatabase database, List<string> statements) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var statement in statements)
                await database.ExecuteAsync(statement, timeoutSeconds: 3600); // a sort of the whole table
        }
    }

    public Task<long> WriteMaterialsAsync(IEnumerable<Material> rows, CancellationToken ct = default) =>
        database.BulkInsertAsync("materials",
        [
            new BulkColumn<Material>("sku", m => m.Sku), new("description", m => m.Description), new("material_group", m => m.MaterialGroup),
            new("base_uom", m => m.BaseUom), new("currency", m => m.Currency),
        ], rows, OnDuplicate.Fail, ct);

    public Task<long> WritePricesAsync(IEnumerable<PriceRow> rows, OnDuplicate onDuplicate = OnDuplicate.Fail, CancellationToken ct = default) =>
        database.BulkInsertAsync("daily_prices",
        [
            new BulkColumn<PriceRow>("sku", r => r.Sku), new("sales_org", r => r.SalesOrg), new("customer_id", r => r.CustomerId),
            new("dt", r => r.Dt), new("net_price", r => database.Price(r.NetPrice)), new("unit_cost", r => database.Price(r.UnitCost)),
            new("currency", r => r.Currency), new("changed_at", r => r.ChangedAt),
        ], rows, onDuplicate, ct);

    public Task<long> WriteCompetitorPricesAsync(IEnumerable<CompetitorRow> rows, OnDuplicate onDuplicate = OnDuplicate.Fail, CancellationToken ct = default) =>
        database.BulkInsertAsync("competitor_prices",
        [
            new BulkColumn<CompetitorRow>("sku", r => r.Sku), new("competitor", r => r.Competitor), new("dt", r => r.Dt),
            new("price", r => database.Price(r.Price)), new("currency", r => r.Currency), new("changed_at", r => r.ChangedAt),
        ], rows, onDuplicate, ct);

    public Task<long> WriteQuantitiesAsync(IEnumerable<BilledQuantity> rows, OnDuplicate onDuplicate = OnDuplicate.Fail, CancellationToken ct = default) =>
        database.BulkInsertAsync("billed_quantities",
        [
            new BulkColumn<BilledQuantity>("sku", r => r.Sku), new("sales_org", r => r.SalesOrg), new("customer_id", r => r.CustomerId),
            new("dt", r => r.Dt), new("quantity", r => database.Quantity(r.Quantity)), new("changed_at", r => r.ChangedAt),
        ], rows, onDuplicate, ct);

    public Task<long> WriteExchangeRatesAsync(IEnumerable<ExchangeRate> rows, OnDuplicate onDuplicate = OnDuplicate.Fail, CancellationToken ct = default) =>
        database.BulkInsertAsync("exchange_rates",
        [
            new BulkColumn<ExchangeRate>("from_currency", r => r.FromCurrency), new("to_currency", r => r.ToCurrency),
            new("valid_from", r => r.ValidFrom), new("rate", r => database.Rate(r.Rate)),
        ], rows, onDuplicate, ct);

    public Task<long> WriteIrregularitiesAsync(IEnumerable<SeedIrregularity> rows, CancellationToken ct = default) =>
        database.BulkInsertAsync("seed_irregularities",
        [
            new BulkColumn<SeedIrregularity>("sku", r => r.Sku), new("sales_org", r => r.SalesOrg), new("customer_id", r => r.CustomerId),
            new("dt_from", r => r.DtFrom), new("dt_to", r => r.DtTo), new("kind", r => r.Kind),
        ], rows, OnDuplicate.Fail, ct);
}
