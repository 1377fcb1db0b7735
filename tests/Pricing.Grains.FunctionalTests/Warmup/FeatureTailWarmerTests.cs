using Microsoft.Data.Sqlite;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;
using Pricing.Warmup;
using SQLitePCL;

namespace Pricing.Tests.Warmup;

/// <summary>
/// SQLite's writer reading the ends of the feature series ahead of the next night. Two identical databases, the
/// writer's cache emptied on both: the next day's rows are written to one as they are, to the other after the
/// warm-up, and SQLite's own count of the pages the writer had to read from the file says what it saved.
/// </summary>
public sealed class FeatureTailWarmerTests : IAsyncLifetime
{
    private const int Skus = 100, Days = 120;
    private static readonly DateOnly FirstDay = new(2025, 1, 1);
    private static readonly (string SalesOrg, string Customer)[] Series = [("1000", "C000101"), ("1000", "C000102"), ("2000", "C000101"), ("2000", "C000102")];

    private TestDatabase _plain = null!, _warmed = null!;

    public async Task InitializeAsync()
    {
        _plain = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        _warmed = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        foreach (var db in new[] { _plain, _warmed })
        {
            await new Migrator(db.Database, "Analytics").ApplyAsync();
            await new AnalyticsStore(db.Database).Features.UpsertAsync(Enumerable.Range(0, Days).SelectMany(Day), jobId: 1);
        }
    }

    public async Task DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _warmed.DisposeAsync();
    }

    /// <summary>One row per series of every SKU on the given day, in the key's order.</summary>
    private static IEnumerable<FeatureRow> Day(int day) =>
        from sku in Enumerable.Range(0, Skus)
        from series in Series
        select new FeatureRow($"SKU{sku:D5}", series.SalesOrg, series.Customer, FirstDay.AddDays(day), 19.92 + day % 7, 12.0, 39.759, 1.5, 0.2268,
            20.5176, -2.9126, AnomalyReasons.None) with { MlScore = 0.0123, ModelVersion = 1 };

    [Fact]
    public async Task After_the_warm_up_writing_the_next_day_reads_a_tenth_of_the_pages_from_the_file()
    {
        await EmptyWriterCacheAsync(_plain.Database);
        await EmptyWriterCacheAsync(_warmed.Database);

        var read = await new FeatureTailWarmer(_warmed.Database).WarmAsync();
        // from 25 days before each series' newest row, 50 rows: its last 26 and the next series' first 24
        var series = Skus * Series.Length;
        Assert.Equal((series - 1) * FeatureTailWarmer.Rows + FeatureTailWarmer.TailDays + 1, read);

        var plainMisses = await PagesReadWritingAsync(_plain.Database, Day(Days));
        var warmedMisses = await PagesReadWritingAsync(_warmed.Database, Day(Days));

        // Without it, the leaf of every series and its neighbours come from the file: 793 pages for these 400 rows.
        // With it, 66: leaves farther from the new rows than it reads (60 days back and 150 rows left 2, for three
        // times the memory on the 365-day catalog).
        Assert.True(plainMisses >= series, $"the writer read {plainMisses} pages writing {series} rows to a database it had not warmed");
        Assert.True(warmedMisses * 10 < plainMisses, $"the writer read {warmedMisses} pages after the warm-up, {plainMisses} without it");
        Assert.Equal(await CountAsync(_plain.Database), await CountAsync(_warmed.Database));
    }

    [Fact]
    public async Task An_empty_features_table_reads_nothing()
    {
        var empty = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using (empty)
        {
            await new Migrator(empty.Database, "Analytics").ApplyAsync();
            Assert.Equal(0, await new FeatureTailWarmer(empty.Database).WarmAsync());
        }
    }

    private static Task<long> CountAsync(SqlDatabase database) => database.ScalarAsync<long>("SELECT COUNT(*) FROM features");

    /// <summary>What a restarted process's writer would hold: nothing. Its pages are all clean, so SQLite frees them.</summary>
    private static async Task EmptyWriterCacheAsync(SqlDatabase database)
    {
        await using var writer = await database.OpenWriterAsync();
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "PRAGMA shrink_memory";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Pages the writer read from the file (SQLite's cache misses) while it wrote these rows.</summary>
    private static async Task<int> PagesReadWritingAsync(SqlDatabase database, IEnumerable<FeatureRow> rows)
    {
        await CacheMissesAsync(database, reset: true);
        await new AnalyticsStore(database).Features.UpsertAsync(rows, jobId: 2);
        return await CacheMissesAsync(database, reset: false);
    }

    private static async Task<int> CacheMissesAsync(SqlDatabase database, bool reset)
    {
        await using var writer = await database.OpenWriterAsync();
        var handle = ((SqliteConnection)writer.Connection).Handle;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out var misses, out _, reset ? 1 : 0));
        return misses;
    }
}
