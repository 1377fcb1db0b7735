using Microsoft.Extensions.Time.Testing;
using Pricing.Model;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Seeding;

/// <summary>Seeding, next day and corrections against a real database, the same on SQLite and MariaDB.</summary>
public abstract class SeedTests(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly CatalogOptions Small = new() { Skus = 25, Days = 45, EndDate = new DateOnly(2025, 4, 14), Seed = 7 };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 4, 15, 6, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private SourceStore Store => new(_db.Database);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind, "ConnectionStrings:Source");
        await new Migrator(_db.Database, "Source").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Seed_writes_exactly_what_the_generator_produces()
    {
        var report = await new Seeder(_db.Database, _clock).SeedCatalogAsync(Small, reset: false);

        var generator = new CatalogGenerator(Small, _clock.GetUtcNow().UtcDateTime);
        var expected = Enumerable.Range(1, Small.Skus).Select(generator.Generate).Append(generator.GenerateUnknownSkus()).ToList();
        Assert.Equal(expected.SelectMany(c => c.Prices).Order(PriceOrder.Instance).ToList(), await Store.ReadPricesAsync().ToListAsync());
        Assert.Equal(expected.SelectMany(c => c.Competitors).Count(), report.CompetitorRows);
        Assert.Equal(expected.SelectMany(c => c.Quantities).OrderBy(q => q.Sku, StringComparer.Ordinal).ThenBy(q => q.SalesOrg, StringComparer.Ordinal)
            .ThenBy(q => q.CustomerId, StringComparer.Ordinal).ThenBy(q => q.Dt).ToList(), await Store.ReadQuantitiesAsync().ToListAsync());
        Assert.Equal(ExchangeRateGenerator.Generate(Small.Seed, Small.StartDate, Small.Days).OrderBy(r => r.FromCurrency, StringComparer.Ordinal)
            .ThenBy(r => r.ToCurrency, StringComparer.Ordinal).ThenBy(r => r.ValidFrom).ToList(), await Store.ReadExchangeRatesAsync());
        Assert.Equal(expected.Where(c => c.Material is not null).Select(c => c.Material), await Store.ReadMaterialsAsync().ToListAsync());
        Assert.Equal(expected.SelectMany(c => c.Irregularities).Count(), (await Store.ReadIrregularitiesAsync().ToListAsync()).Count);
        Assert.Equal(new SourceCounts(report.Materials, report.PriceRows, report.CompetitorRows, report.Labels), await Store.CountAsync());
    }

    [Fact]
    public async Task Seeding_builds_the_changed_at_indexes_again_as_the_migrations_made_them()
    {
        var loader = new SourceLoader(_db.Database);
        var migrated = new List<(string Table, string Index, List<string> Columns)>();
        foreach (var table in SourceStore.ChangedTables)
            migrated.Add((table.Name, table.ChangedIndex, await loader.IndexColumnsAsync(table.Name, table.ChangedIndex)));

        await new Seeder(_db.Database, _clock).SeedCatalogAsync(Small, reset: false);

        Assert.Equal(3, migrated.Count);
        foreach (var (table, index, columns) in migrated)
        {
            Assert.Equal("changed_at", columns[0]);
            Assert.Equal(columns, await loader.IndexColumnsAsync(table, index));
        }
    }

    [Fact]
    public async Task Seeding_a_non_empty_source_needs_reset()
    {
        await new Seeder(_db.Database, _clock).SeedCatalogAsync(Small, reset: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Seeder(_db.Database, _clock).SeedCatalogAsync(Small, reset: false));
        Assert.Contains("--reset", error.Message);

        var report = await new Seeder(_db.Database, _clock).SeedCatalogAsync(Small with { Skus = 5 }, reset: true);
        Assert.Equal(5, (await Store.CountAsync()).Materials);
        Assert.Equal(report.PriceRows, (await Store.CountAsync()).DailyPrices);
    }

    [Fact]
    public async Task Next_day_appends_one_day_after_everything_else_changed()
    {
        await new Seeder(_db.Database, _clock).SeedCatalogAsync(Small, reset: false);
        var before = await Store.MaxChangedAtAsync();
        var seriesBefore = (await Store.ReadPricesAsync().ToListAsync()).Where(r => r.Dt >= Small.ResolvedEndDate.AddDays(-13))
            .Select(r => (r.Sku, r.SalesOrg, r.CustomerId)).Distinct().Count();

        var (day, report) = await new NextDayGenerator(_db.Database, _clock).AppendAsync(Small.Seed, Small);

        Assert.Equal(new DateOnly(2025, 4, 15), day);
        var added = await Store.ReadPricesChangedSinceAsync(before!.Value.AddTicks(10)).ToListAsync();
        Assert.Equal(report.PriceRows, added.Count);
        Assert.All(added, r => Assert.Equal(day, r.Dt));
        Assert.InRange(added.Count, seriesBefore * 0.85, seriesBefore); // a few series have no row that day, as in real data
        // the day arrives over two hours, so the next run's overlap re-reads its last minutes, not all of it
        var first = added.Min(r => r.ChangedAt);
        Assert.InRange(added.Max(r => r.ChangedAt), first.AddMinutes(90), first.AddHours(2));
        Assert.True(added.Count(r => r.ChangedAt >= added.Max(a => a.ChangedAt).AddMinutes(-5)) < added.Count / 10);
        Assert.NotEmpty(await Store.ReadCompetitorPricesChangedSinceAsync(before.Value.AddTicks(10)).ToListAsync());
        var billed = (await Store.ReadQuantitiesAsync().ToListAsync()).Where(q => q.Dt == day).ToList();
        Assert.Equal(report.QuantityRows, billed.Count);
        Assert.InRange(billed.Count, added.Count * 0.8, added.Count); // nearly every priced series bills that day
        Assert.All(billed, q => Assert.Contains(added, p => (p.Sku, p.SalesOrg, p.CustomerId) == (q.Sku, q.SalesOrg, q.CustomerId)));
        var rates = (await Store.ReadExchangeRatesAsync()).Where(r => r.ValidFrom == day).ToList();
        Assert.Equal(6, rates.Count); // USD, GBP and CHF to and from EUR
        Assert.Equal(report.ExchangeRates, rates.Count);
    }

    [Fact]
    public async Task Corrections_change_old_rows_with_a_new_changed_at_and_keep_labels_true()
    {
        await new Seeder(_db.Database, _clock).SeedCatalogAsync(Small, reset: false);
        var before = await Store.MaxChangedAtAsync();
        var original = (await Store.ReadPricesAsync().ToListAsync()).ToDictionary(r => (r.Sku, r.SalesOrg, r.CustomerId, r.Dt));

        var report = await new CorrectionsGenerator(_db.Database, _clock).ApplyAsync(40, seed: 3);

        Assert.Equal(40, report.Total);
        var changed = await Store.ReadPricesChangedSinceAsync(before!.Value.AddTicks(10)).ToListAsync();
        Assert.Equal(report.Total - report.CompetitorCorrections - report.QuantityCorrections, changed.Count);
        Assert.True(report.QuantityCorrections > 0, report.ToString());
        Assert.Equal(report.QuantityCorrections, (await Store.ReadQuantitiesAsync().ToListAsync()).Count(q => q.ChangedAt > before.Value));
        Assert.All(changed, r => Assert.True(r.Dt < Small.ResolvedEndDate.AddDays(1)));
        Assert.Equal(report.LateRows, changed.Count(r => !original.ContainsKey((r.Sku, r.SalesOrg, r.CustomerId, r.Dt))));
        Assert.Equal(report.GoodToBad, changed.Count(r => r.NetPrice == 0));
        Assert.Equal(report.CompetitorCorrections, (await Store.ReadCompetitorPricesChangedSinceAsync(before.Value.AddTicks(10)).ToListAsync()).Count);
    }

    private sealed class PriceOrder : IComparer<PriceRow>
    {
        public static readonly PriceOrder Instance = new();

        public int Compare(PriceRow a, PriceRow b) =>
            string.CompareOrdinal(a.Sku, b.Sku) is var s and not 0 ? s :
            string.CompareOrdinal(a.SalesOrg, b.SalesOrg) is var o and not 0 ? o :
            string.CompareOrdinal(a.CustomerId, b.CustomerId) is var c and not 0 ? c : a.Dt.CompareTo(b.Dt);
    }
}

public sealed class SqliteSeedTests() : SeedTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlSeedTests() : SeedTests(DatabaseKind.MySql);
