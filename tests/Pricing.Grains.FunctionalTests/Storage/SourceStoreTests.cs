using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

/// <summary>The same source-store suite on SQLite and on MariaDB.</summary>
public abstract class SourceStoreTests(DatabaseKind kind) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    protected SqlDatabase Database => _db.Database;
    protected SourceStore Store => new(_db.Database);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind, "ConnectionStrings:Source");
        await new Migrator(_db.Database, "Source").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Golden_source_sql_round_trips_every_value()
    {
        await Golden.RunAsync(_db.Database, Golden.SourceSql);

        Assert.Equal(Golden.Materials(Golden.SourceSql).OrderBy(m => m.Sku), await Store.ReadMaterialsAsync().ToListAsync());
        var expectedPrices = Golden.PriceRows(Golden.SourceSql).OrderBy(r => r.Sku).ThenBy(r => r.SalesOrg).ThenBy(r => r.CustomerId).ThenBy(r => r.Dt).ToList();
        var prices = await Store.ReadPricesAsync().ToListAsync();
        Assert.Equal(expectedPrices.Count, prices.Count);
        Assert.Equal(expectedPrices, prices); // doubles compared exactly: 4-decimal values must round-trip bit for bit
        var expectedCompetitors = Golden.CompetitorRows(Golden.SourceSql).OrderBy(r => r.Sku).ThenBy(r => r.Competitor, StringComparer.Ordinal).ThenBy(r => r.Dt).ToList();
        Assert.Equal(expectedCompetitors, await Store.ReadCompetitorPricesAsync().ToListAsync());
    }

    [Fact]
    public async Task Golden_delta_sql_applies_and_changed_since_reads_exactly_the_touched_rows()
    {
        var since = await ApplyGoldenDeltaAsync();

        var changedPrices = await Store.ReadPricesChangedSinceAsync(since).ToListAsync();
        var changedCompetitors = await Store.ReadCompetitorPricesChangedSinceAsync(since).ToListAsync();
        Assert.Equal(6 + 3 + 12, changedPrices.Count);   // 6 updates, 3 late rows, 12 rows of the new day
        Assert.Equal(3 + 3, changedCompetitors.Count);   // late row, correction, good-to-bad; 3 new snapshots
        Assert.All(changedPrices, r => Assert.True(r.ChangedAt >= new DateTime(2025, 4, 15, 19, 0, 0)));
        Assert.Equal(new DateTime(2025, 4, 15, 19, 0, 13), await Store.MaxChangedAtAsync());
        Assert.Contains(changedPrices, r => r is { Sku: "G001", SalesOrg: "2000", CustomerId: "C000201", NetPrice: -20.5 });
    }

    [Fact]
    public async Task Changed_since_reads_can_be_limited_to_a_range_of_skus()
    {
        var since = await ApplyGoldenDeltaAsync();
        var allPrices = await Store.ReadPricesChangedSinceAsync(since).ToListAsync();
        var allCompetitors = await Store.ReadCompetitorPricesChangedSinceAsync(since).ToListAsync();

        var range = new SkuRange("G002", "G003");
        var prices = await Store.ReadPricesChangedSinceAsync(since, range).ToListAsync();
        var competitors = await Store.ReadCompetitorPricesChangedSinceAsync(since, range).ToListAsync();

        Assert.Equal(allPrices.Where(r => r.Sku is "G002" or "G003"), prices);
        Assert.Equal(allCompetitors.Where(r => r.Sku is "G002" or "G003"), competitors);
        Assert.NotEmpty(prices);
        Assert.True(prices.Count < allPrices.Count, "the range must leave out the other SKUs' changes");
    }

    [Fact]
    public async Task Changed_rows_are_the_same_whichever_index_finds_them()
    {
        var since = await ApplyGoldenDeltaAsync();
        // on SQLite: 21 changed rows are under the default limit (the changed_at index), and none is under 0 (the primary key)
        var byPrimaryKey = new SourceStore(_db.Database, indexedChangeLimit: 0);

        foreach (var range in new[] { null, new SkuRange("G002", "G003") })
        {
            var prices = await Store.ReadPricesChangedSinceAsync(since, range).ToListAsync();
            Assert.NotEmpty(prices);
            Assert.Equal(await byPrimaryKey.ReadPricesChangedSinceAsync(since, range).ToListAsync(), prices);
            Assert.Equal(await byPrimaryKey.ReadCompetitorPricesChangedSinceAsync(since, range).ToListAsync(),
                await Store.ReadCompetitorPricesChangedSinceAsync(since, range).ToListAsync());
        }
    }

    /// <summary>Loads the golden source, then its delta; returns a moment after every change before the delta.</summary>
    private async Task<DateTime> ApplyGoldenDeltaAsync()
    {
        await Golden.RunAsync(_db.Database, Golden.SourceSql);
        var before = await Store.MaxChangedAtAsync();
        await Golden.RunAsync(_db.Database, Golden.DeltaSql);
        return before!.Value.AddTicks(10);
    }

    [Fact]
    public async Task Reads_can_be_limited_to_some_skus()
    {
        await Golden.RunAsync(_db.Database, Golden.SourceSql);
        var rows = await Store.ReadPricesAsync(["G002", "G004"]).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Sku, new[] { "G002", "G004" }));
        Assert.Equal(Golden.PriceRows(Golden.SourceSql).Count(r => r.Sku is "G002" or "G004"), rows.Count);
    }
}

public sealed class SqliteSourceStoreTests() : SourceStoreTests(DatabaseKind.Sqlite)
{
    [Fact]
    public async Task A_nights_changed_rows_are_read_from_the_changed_at_index_alone()
    {
        var since = new DateTime(2025, 4, 15, 19, 0, 0);
        foreach (var table in SourceStore.ChangedTables)
        {
            var sql = await Store.ChangedRowsSqlAsync(table, since, new SkuRange("G002", "G003"), default);
            var plan = string.Join("; ", await Database.ListAsync("EXPLAIN QUERY PLAN " + sql,
                c => c.Bind("@since", Database.Timestamp(since)).Bind("@first", "G002").Bind("@last", "G003"), r => r.GetString(3)));
            // no look-up of the table's rows: each would read another leaf of the primary key
            Assert.Contains($"USING COVERING INDEX {table.ChangedIndex}", plan);
        }
    }
}

[Trait("Category", "MySql")]
public sealed class MySqlSourceStoreTests() : SourceStoreTests(DatabaseKind.MySql);
