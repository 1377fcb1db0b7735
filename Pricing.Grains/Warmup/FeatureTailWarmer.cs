using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pricing.Pipeline;
using Pricing.Storage;

namespace Pricing.Warmup;

/// <summary>
/// Embedded SQLite only: reads, through the process's one writer connection, the end of every feature series that
/// has a row on the newest day and the start of the series after it, so that the leaves the next night's rows land
/// in, and the neighbours SQLite splits them with, are in the writer's own page cache. A night adds one row to the
/// end of each series; its leaf is usually full, and SQLite rebalances it with a neighbour on each side. Which
/// neighbours changes from night to night, so some 10,000 of them were in neither the writer's cache (it holds what
/// it wrote the night before) nor, once this VM had dropped its file cache, the OS's, and the one writer read them
/// one at a time while every batch waited for it (docs/PERFORMANCE.md, Restarts). Read right after a run,
/// while the OS still holds most of them, they take about a second; the writer's cache is the process's own memory,
/// which no dropped file cache takes away.
/// </summary>
internal sealed class FeatureTailWarmer(SqlDatabase database, ILogger? logger = null) : INightPreparation
{
    /// <summary>
    /// Where the read of a series starts, in days before its newest row: a leaf holds about 23 rows, so this is
    /// the leaf before the one the series ends in. With the <see cref="Rows"/> read from there it covers the one
    /// or two leaves on either side of the next row: on the 365-day catalog the next night then read 2,000 pages
    /// instead of 18,000; 20 days and 45 rows left 3,900, 30 and 90 left 1,200 but took twice the memory.
    /// </summary>
    internal const int TailDays = 25;

    /// <summary>Rows read from there: the series' tail and the first two leaves of the series after it.</summary>
    internal const int Rows = 50;

    /// <summary>Series read per hold of the write lock, so that a write waits for a short read at most.</summary>
    private const int SeriesPerLock = 1_000;

    public Task PrepareAsync(CancellationToken ct) => WarmAsync(ct);

    /// <summary>Reads the tails; returns the feature rows read.</summary>
    public async Task<long> WarmAsync(CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var series = new List<object[]>();
        await using (var writer = await database.OpenWriterAsync(ct))
        await using (var command = writer.Connection.CreateCommand())
        {
            // the newest day's keys, next to each other in the date index, which holds the whole key
            command.CommandText = "SELECT sku, sales_org, customer_id, dt FROM features INDEXED BY ix_features_dt WHERE dt = (SELECT max(dt) FROM features)";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                series.Add([reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3).AddDays(-TailDays)]);
        }

        long rows = 0;
        foreach (var chunk in series.Chunk(SeriesPerLock))
        {
            await using var writer = await database.OpenWriterAsync(ct);
            await using var command = writer.Connection.CreateCommand();
            // One statement per series, against parameters: a row value compared with a correlated subquery's columns
            // made SQLite seek on the SKU alone and read every row of it.
            command.CommandText = "SELECT count(*) FROM (SELECT 1 FROM features WHERE (sku, sales_org, customer_id, dt) >= (@sku, @org, @customer, @from) " +
                                  $"ORDER BY sku, sales_org, customer_id, dt LIMIT {Rows})";
            var parameters = new[] { "@sku", "@org", "@customer", "@from" }.Select(name => command.Bind(name, "").Parameters[name]).ToArray();
            command.Prepare();
            foreach (var key in chunk)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < key.Length; i++)
                    parameters[i].Value = key[i];
                rows += Convert.ToInt64(command.ExecuteScalar());
            }
        }
        if (series.Count > 0)
            logger?.TailsRead(rows, series.Count, Math.Round(stopwatch.Elapsed.TotalSeconds, 1));
        return rows;
    }
}
