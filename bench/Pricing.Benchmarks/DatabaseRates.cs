using System.Diagnostics;
using MySqlConnector;
using Pricing.Features;
using Pricing.Model;
using Pricing.Seeding;
using Pricing.Storage;

namespace Pricing.Benchmarks;

/// <summary>
/// The database's own bulk rates on this machine, the yardstick for the pipeline: seed the source (bulk write),
/// read it back (bulk read), then write the same feature rows a FULL run writes, in batches of the pipeline's
/// size but with no grains in between (bulk write of the features table, with its indexes and upsert), into the
/// empty table and again over the rows written.
/// </summary>
public static class DatabaseRates
{
    public static async Task RunAsync(string kind, int skus, int days, string? mysqlRoot)
    {
        var (source, analytics) = await CreateAsync(kind, mysqlRoot);
        foreach (var (db, component) in new[] { (source, "Source"), (analytics, "Analytics") })
            await new Migrator(db, component).ApplyAsync();
        var options = new CatalogOptions { Skus = skus, Days = days, EndDate = new DateOnly(2026, 11, 25) };

        var seeded = await new Seeder(source).SeedCatalogAsync(options, reset: true);
        Console.WriteLine($"source bulk write (seed): {seeded.Rows:N0} rows in {seeded.Elapsed.TotalSeconds:0.0} s = {seeded.RowsPerSecond:N0} rows/s");

        var store = new SourceStore(source);
        var clock = Stopwatch.StartNew();
        var prices = await store.ReadPricesAsync().ToListAsync();
        var competitors = await store.ReadCompetitorPricesAsync().ToListAsync();
        var read = prices.Count + competitors.Count;
        Console.WriteLine($"source bulk read: {read:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s = {read / clock.Elapsed.TotalSeconds:N0} rows/s");

        var features = FeatureEngine.Recompute(await store.ReadMaterialsAsync().ToListAsync(), prices, competitors, [], RuleBook.Default).Features;
        var writer = new AnalyticsStore(analytics);
        var perBatch = features.Count / Math.Max(1, skus / 250); // the pipeline's 250 SKUs per batch
        clock.Restart();
        foreach (var batch in features.Chunk(perBatch))
            await writer.Features.UpsertAsync(batch, jobId: 1);
        Console.WriteLine($"features bulk write (batches of {perBatch:N0}): {features.Count:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s = {features.Count / clock.Elapsed.TotalSeconds:N0} rows/s");

        // A FULL recompute of a grid that has run before replaces rows that exist: every index entry is removed and
        // written again, about twice the work of the first write. Once batch after batch, once four at a time as the
        // pipeline writes them (Pricing:Pipeline:Parallelism).
        foreach (var (parallel, job) in new[] { (1, 2L), (4, 3L) })
        {
            clock.Restart();
            await Parallel.ForEachAsync(features.Chunk(perBatch), new ParallelOptions { MaxDegreeOfParallelism = parallel },
                async (batch, _) => await writer.Features.UpsertAsync(batch, jobId: job));
            Console.WriteLine($"features bulk rewrite, every row exists, {parallel} batch(es) at a time: {features.Count:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s = {features.Count / clock.Elapsed.TotalSeconds:N0} rows/s");
        }

        clock.Restart();
        var again = await writer.Features.ReadAsync().CountAsync();
        Console.WriteLine($"features bulk read: {again:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s = {again / clock.Elapsed.TotalSeconds:N0} rows/s");
    }

    private static async Task<(SqlDatabase Source, SqlDatabase Analytics)> CreateAsync(string kind, string? mysqlRoot)
    {
        if (kind == "sqlite")
        {
            var directory = Directory.CreateTempSubdirectory("pricing-rates-").FullName;
            return (new SqliteDatabase($"Data Source={directory}/source.db", "source"), new SqliteDatabase($"Data Source={directory}/analytics.db", "analytics"));
        }
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new MySqlConnection(mysqlRoot))
        {
            await connection.OpenAsync();
            await new MySqlCommand($"CREATE DATABASE rates_src_{suffix}; CREATE DATABASE rates_ana_{suffix};", connection).ExecuteNonQueryAsync();
        }
        return (new MySqlDatabase($"{mysqlRoot}Database=rates_src_{suffix}", "source"), new MySqlDatabase($"{mysqlRoot}Database=rates_ana_{suffix}", "analytics"));
    }
}
