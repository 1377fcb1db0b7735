using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Seeding;
using Pricing.Sku;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Sku;

/// <summary>SKU grains on a real in-process cluster: the same tests on SQLite (memory storage) and on MariaDB (ADO.NET).</summary>
public abstract class SkuGrainTests(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2025, 1, 1);
    private GrainCluster _grid = null!;

    public async Task InitializeAsync() => _grid = await GrainCluster.StartAsync(kind);

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    private ISkuGrain Grain(string sku) => _grid.Client.GetGrain<ISkuGrain>(sku);
    private ISkuWarmup Warmup(string sku) => _grid.Client.GetGrain<ISkuWarmup>(sku);

    /// <summary>Writes a change set the way a pipeline worker does, then acknowledges it.</summary>
    private async Task WriteAsync(SkuChangeSet changes)
    {
        await _grid.AnalyticsStore.WriteChangesAsync([changes], changes.Upserts, jobId: null);
        await Grain(changes.Sku).Acknowledge(changes.Version);
    }

    private async Task ApplyAndWriteAsync(IReadOnlyCollection<PriceRow> prices, IReadOnlyCollection<CompetitorRow> competitors)
    {
        foreach (var sku in prices.Select(r => r.Sku).Union(competitors.Select(r => r.Sku)).Distinct())
            await WriteAsync(await Grain(sku).Apply([.. prices.Where(r => r.Sku == sku)], [.. competitors.Where(r => r.Sku == sku)], []));
    }

    private async Task DeactivateAllAsync(IEnumerable<string> skus)
    {
        foreach (var sku in skus)
            await _grid.Cluster.DeactivateAsync(Grain(sku));
    }

    [Fact]
    public async Task Golden_data_through_grains_survives_reactivation_and_equals_the_recompute_after_the_delta()
    {
        var source = _grid.SourceStore;
        await Golden.RunAsync(_grid.Source.Database, Golden.SourceSql);
        var watermark = (await source.MaxChangedAtAsync())!.Value;
        await ApplyAndWriteAsync(await source.ReadPricesAsync().ToListAsync(), await source.ReadCompetitorPricesAsync().ToListAsync());

        Golden.AssertSameFeatures(Golden.ExpectedFeatures("expected_features.csv"), await _grid.AnalyticsStore.Features.ReadAsync().ToListAsync());
        Assert.Equal(Golden.ExpectedRejected("expected_rejected.csv"), (await _grid.AnalyticsStore.Rejected.ReadAsync()).Select(r => r with { JobId = null }));

        // every SKU grain goes away; its state must come back from grain storage
        await DeactivateAllAsync(["G001", "G002", "G003", "G004", "G005", "G999"]);
        await Golden.RunAsync(_grid.Source.Database, Golden.DeltaSql);
        await ApplyAndWriteAsync(await source.ReadPricesChangedSinceAsync(watermark.AddTicks(10)).ToListAsync(),
            await source.ReadCompetitorPricesChangedSinceAsync(watermark.AddTicks(10)).ToListAsync());

        Golden.AssertSameFeatures(Golden.ExpectedFeatures("expected_features_after_delta.csv"), await _grid.AnalyticsStore.Features.ReadAsync().ToListAsync());
        Assert.Equal(Golden.ExpectedRejected("expected_rejected_after_delta.csv"), (await _grid.AnalyticsStore.Rejected.ReadAsync()).Select(r => r with { JobId = null }));

        // a recompute from the source gives the same rows as the incremental path
        var recomputed = await Grain("G001").Rebuild([.. await source.ReadPricesAsync(["G001"]).ToListAsync()],
            [.. await source.ReadCompetitorPricesAsync(["G001"]).ToListAsync()], [], rulesVersion: 0);
        Golden.AssertSameFeatures(
            Golden.ExpectedFeatures("expected_features_after_delta.csv").Where(r => r.Sku == "G001").ToList(),
            recomputed.Upserts.OrderBy(Golden.Key, StringComparer.Ordinal).ToList());
        var live = await Grain("G001").GetState();
        Assert.Equal(new DateOnly(2025, 4, 15), live.Latest);
        Assert.Equal(3, live.SeriesCount);
        Golden.AssertSameFeatures(
            Golden.ExpectedFeatures("expected_features_after_delta.csv").Where(r => r.Sku == "G001").ToList(),
            live.Features.OrderBy(Golden.Key, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Changes_are_returned_again_until_acknowledged()
    {
        await AddMaterialAsync("ACK1");
        var first = await Grain("ACK1").Apply([Price("ACK1", "C1", 0, 10)], [], []);
        var second = await Grain("ACK1").Apply([Price("ACK1", "C1", 1, 11)], [], []);

        Assert.Single(first.Upserts);
        Assert.Equal(2, second.Upserts.Length); // the first result was never confirmed as written
        await Grain("ACK1").Acknowledge(first.Version); // stale: a newer result exists, nothing is dropped
        Assert.Equal(3, (await Grain("ACK1").Apply([Price("ACK1", "C1", 2, 12)], [], [])).Upserts.Length);

        var acknowledged = await Grain("ACK1").Apply([], [], []);
        await Grain("ACK1").Acknowledge(acknowledged.Version);
        Assert.True((await Grain("ACK1").Apply([], [], [])).IsEmpty);
        Assert.Single((await Grain("ACK1").Apply([Price("ACK1", "C1", 3, 13)], [], [])).Upserts);
    }

    [Fact]
    public async Task Acknowledged_changes_do_not_come_back_after_the_grain_is_collected()
    {
        await AddMaterialAsync("ACK2");
        var unconfirmed = await Grain("ACK2").Apply([Price("ACK2", "C1", 0, 10)], [], []);
        await DeactivateAllAsync(["ACK2"]);
        var again = await Grain("ACK2").Apply([], [], []); // never acknowledged: handed back after reactivation
        Assert.Equal(unconfirmed.Upserts, again.Upserts);

        await Grain("ACK2").Acknowledge(again.Version);
        await DeactivateAllAsync(["ACK2"]);

        Assert.True((await Grain("ACK2").Apply([], [], [])).IsEmpty);
    }

    [Fact]
    public async Task A_correction_older_than_the_window_loads_history_and_reports_exactly_the_difference()
    {
        await AddMaterialAsync("HIST1");
        var rows = Enumerable.Range(0, 200).Select(d => Price("HIST1", "C1", d, 20 + d % 5)).ToList();
        await new SourceLoader(_grid.Source.Database).WritePricesAsync(rows);
        await ApplyAndWriteAsync(rows, []);

        var corrected = rows[30] with { NetPrice = 40 };
        await _grid.Source.Database.ExecuteAsync("UPDATE daily_prices SET net_price = 40 WHERE sku = 'HIST1' AND dt = @dt", c => c.Bind("@dt", corrected.Dt));
        var changes = await Grain("HIST1").Apply([corrected], [], []);

        Assert.True(changes.LoadedHistory);
        var before = FeatureEngine.Recompute([Material("HIST1")], rows, [], [], RuleBook.Default).Features.ToDictionary(r => r.Dt);
        var after = FeatureEngine.Recompute([Material("HIST1")], rows.Select(r => r.Dt == corrected.Dt ? corrected : r), [], [], RuleBook.Default).Features;
        Assert.Equal(after.Where(r => before[r.Dt] != r).Select(r => r.Dt), changes.Upserts.Select(r => r.Dt).Order());
        Assert.InRange(changes.Upserts.Length, 2, 15);
    }

    [Fact]
    public async Task A_rehearsal_returns_what_apply_would_and_leaves_the_grain_as_it_was()
    {
        await AddMaterialAsync("REH1");
        var held = await Grain("REH1").Apply([.. Enumerable.Range(0, 200).Select(d => Price("REH1", "C1", d, 20 + d % 7))], [], []);
        await Grain("REH1").Acknowledge(held.Version);
        var before = await Grain("REH1").GetState();
        PriceRow[] nextDay = [Price("REH1", "C1", 200, 31), Price("REH1", "C2", 200, 12)];
        CompetitorRow[] competitors = [new("REH1", "ACME", Start.AddDays(200), 0, "EUR", new DateTime(2025, 7, 20))];

        var rehearsed = await Warmup("REH1").Rehearse(nextDay, competitors);
        var reachingBack = await Warmup("REH1").Rehearse([Price("REH1", "C1", 0, 99)], []);

        var after = await Grain("REH1").GetState();
        Assert.Equal((before.Latest, before.SeriesCount, before.CompetitorCount), (after.Latest, after.SeriesCount, after.CompetitorCount));
        Assert.Equal(before.Features, after.Features);
        Assert.True(reachingBack.IsEmpty); // that would have read history
        var nothing = await Grain("REH1").Apply([], [], []);
        Assert.True(nothing.IsEmpty); // nothing was left pending
        Assert.Equal(held.Version + 1, nothing.Version); // and nothing was saved
        var applied = await Grain("REH1").Apply(nextDay, competitors, []);
        Assert.Equal(applied.Upserts, rehearsed.Upserts);
        Assert.Equal(applied.Rejections, rehearsed.Rejections);
        Assert.Equal((3, 1), (rehearsed.RowsRead, rehearsed.RowsRejected));
        Assert.Equal(2, rehearsed.Upserts.Length);
    }

    [Fact]
    public async Task A_sku_with_hundreds_of_series_persists_and_reactivates()
    {
        await AddMaterialAsync("WIDE1");
        var rows = (from customer in Enumerable.Range(0, 300) from day in Enumerable.Range(0, 60)
                    select Price("WIDE1", $"C{customer:D5}", day, 10 + (customer + day) % 9)).ToList();
        await Grain("WIDE1").Apply([.. rows], [], []);
        var before = await Grain("WIDE1").GetState();

        await DeactivateAllAsync(["WIDE1"]);
        var after = await Grain("WIDE1").GetState();

        Assert.Equal(300, after.SeriesCount);
        Assert.Equal(before.Features, after.Features);
        if (kind == DatabaseKind.MySql) // the state came back from the database, whose payload column holds far more than a 64 KB BLOB
            Assert.True(await _grid.Analytics.Database.ScalarAsync<long>("SELECT MAX(LENGTH(payload)) FROM grain_state") > 65_535);
    }

    private async Task AddMaterialAsync(string sku) =>
        await new SourceLoader(_grid.Source.Database).WriteMaterialsAsync([Material(sku)]);

    private static Material Material(string sku) => new(sku, "test item", "TOOL02", "EA", "EUR");

    private static PriceRow Price(string sku, string customer, int day, double price) =>
        new(sku, "1000", customer, Start.AddDays(day), price, Math.Round(price * 0.6, 4), "EUR", new DateTime(2025, 1, 1).AddDays(day));
}

public sealed class SqliteSkuGrainTests() : SkuGrainTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlSkuGrainTests() : SkuGrainTests(DatabaseKind.MySql);
