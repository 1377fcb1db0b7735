using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Scoring;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;
using Pricing.Warmup;

namespace Pricing.Tests.Warmup;

/// <summary>
/// The night a restarted silo rehearses: a made-up next day through the SKU grains and the model, nothing written.
/// Two silos, so the rehearsal's grain calls cross Orleans messaging as a night's do.
/// </summary>
public abstract class NightRehearsalTests(DatabaseKind kind)
    : SeededGridTests(kind, new CatalogOptions { Skus = 30, Days = 20, EndDate = new DateOnly(2025, 4, 14), Seed = 9 }, silos: 2)
{
    [Fact]
    public async Task A_rehearsal_computes_a_feature_row_for_each_valid_price_of_the_last_day_and_writes_nothing()
    {
        Assert.Equal(JobStatus.Succeeded, (await RunAsync(JobMode.Full)).Status);
        var analytics = Grid.AnalyticsStore;
        Assert.NotNull(await analytics.Models.GetAsync()); // the FULL run trained one, so the rehearsal scores too
        var skus = await Grid.SourceStore.ReadSkusAsync(since: null);
        var before = await SnapshotAsync(skus);

        var rows = await new NightRehearsal(Grid.Client, Grid.SourceStore, analytics, new ModelCache(analytics)).RunAsync(skus, CancellationToken.None);

        // each series priced on the last day gets the next day, unless its row is one the grid rejects
        var materials = await Grid.SourceStore.ReadMaterialsAsync().ToDictionaryAsync(m => m.Sku);
        var lastDay = await Grid.SourceStore.ReadPricesAsync(from: Catalog.EndDate).ToListAsync();
        Assert.Equal(lastDay.Count(r => RowClassifier.Classify(r, materials.GetValueOrDefault(r.Sku)) == RejectReason.None), rows);
        Assert.InRange(rows, 30, int.MaxValue);
        Assert.Equal(before, await SnapshotAsync(skus));
    }

    /// <summary>What a rehearsal must leave as it was: the analytics rows, the job runs and each SKU grain's state.</summary>
    private async Task<string> SnapshotAsync(IEnumerable<string> skus)
    {
        var analytics = Grid.AnalyticsStore;
        var states = new List<string>();
        foreach (var sku in skus)
        {
            var state = await Grid.Client.GetGrain<ISkuGrain>(sku).GetState();
            states.Add($"{sku} {state.Latest} {state.HeldDays} {string.Join(';', state.Features)}");
        }
        var features = await analytics.Features.ReadAsync().Select(r => r.ToString()).ToListAsync();
        return string.Join('\n', [.. features, .. (await analytics.Rejected.ReadAsync()).Select(r => r.ToString()), .. (await analytics.Jobs.ListAsync(100)).Select(j => j.ToString()), .. states]);
    }
}

public sealed class SqliteNightRehearsalTests() : NightRehearsalTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlNightRehearsalTests() : NightRehearsalTests(DatabaseKind.MySql);
