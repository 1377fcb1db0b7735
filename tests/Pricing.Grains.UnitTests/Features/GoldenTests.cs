using Pricing.Features;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Features;

/// <summary>
/// The engine against the golden fixture, computed independently (pandas/numpy) from the contract:
/// the full recompute, and an incremental batch after delta.sql.
/// </summary>
public sealed class GoldenTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pricing-golden-");
    private SqliteDatabase _db = null!;
    private SourceStore Source => new(_db);

    public async Task InitializeAsync()
    {
        _db = new SqliteDatabase($"Data Source={Path.Combine(_dir.FullName, "golden.db")}", "golden");
        await Golden.RunAsync(_db, Golden.SourceSql);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(true);
        return Task.CompletedTask;
    }

    private Task<FeatureEngine.Result> RecomputeAsync() => SourceRecompute.RunAsync(Source);

    [Fact]
    public async Task Full_recompute_reproduces_expected_features_and_rejections()
    {
        var result = await RecomputeAsync();

        Golden.AssertSameFeatures(Golden.ExpectedFeatures("expected_features.csv"), result.Features);
        Assert.Equal(Golden.ExpectedRejected("expected_rejected.csv"), result.Rejected);
    }

    [Fact]
    public async Task Reason_counts_match_the_fixture_readme()
    {
        var features = (await RecomputeAsync()).Features;

        Assert.Equal(29, features.Count(r => r.Reasons.HasFlag(AnomalyReasons.CompetitorUndercut)));
        Assert.Equal(5, features.Count(r => r.Reasons.HasFlag(AnomalyReasons.LowMargin)));
        Assert.Equal(4, features.Count(r => r.Reasons.HasFlag(AnomalyReasons.NegativeMargin)));
        Assert.Equal(12, features.Count(r => r.Reasons.HasFlag(AnomalyReasons.PriceSpike)));
    }

    [Fact]
    public async Task Full_recompute_after_delta_reproduces_expected_after_delta()
    {
        await Golden.RunAsync(_db, Golden.DeltaSql);
        var result = await RecomputeAsync();

        Golden.AssertSameFeatures(Golden.ExpectedFeatures("expected_features_after_delta.csv"), result.Features);
        Assert.Equal(Golden.ExpectedRejected("expected_rejected_after_delta.csv"), result.Rejected);
    }

    [Fact]
    public async Task Incremental_apply_of_the_delta_reproduces_expected_after_delta_and_reports_exactly_the_changes()
    {
        var materials = (await Source.ReadMaterialsAsync().ToListAsync()).ToDictionary(m => m.Sku);
        var before = await RecomputeAsync();
        var states = new Dictionary<string, SkuState>();
        SkuState StateOf(string sku) => states.TryGetValue(sku, out var s) ? s
            : states[sku] = new SkuState(sku, materials.GetValueOrDefault(sku), RuleThresholds.Default);
        var initial = new SkuChanges();
        foreach (var sku in (await Source.ReadPricesAsync().ToListAsync()).GroupBy(r => r.Sku))
            StateOf(sku.Key).Apply(new SkuBatch(sku.ToList(), await Source.ReadCompetitorPricesAsync([sku.Key]).ToListAsync()), initial);
        var watermark = (await Source.MaxChangedAtAsync())!.Value;

        await Golden.RunAsync(_db, Golden.DeltaSql);
        var changedPrices = await Source.ReadPricesChangedSinceAsync(watermark.AddTicks(10)).ToListAsync();
        var changedCompetitors = await Source.ReadCompetitorPricesChangedSinceAsync(watermark.AddTicks(10)).ToListAsync();
        var changes = new SkuChanges();
        foreach (var sku in changedPrices.Select(r => r.Sku).Union(changedCompetitors.Select(r => r.Sku)).Order())
            StateOf(sku).Apply(new SkuBatch(changedPrices.Where(r => r.Sku == sku).ToList(), changedCompetitors.Where(r => r.Sku == sku).ToList()), changes);

        var table = before.Features.ToDictionary(Golden.Key);
        foreach (var key in changes.Deletes)
            Assert.True(table.Remove($"{key.Sku}/{key.SalesOrg}/{key.CustomerId}/{key.Dt:yyyy-MM-dd}"));
        foreach (var row in changes.Upserts)
            table[Golden.Key(row)] = row;
        var expected = Golden.ExpectedFeatures("expected_features_after_delta.csv");
        Golden.AssertSameFeatures(expected, table.Values.OrderBy(Golden.Key, StringComparer.Ordinal).ToList());

        // the fixture README: 1 row removed, 17 added, 63 changed
        Assert.Single(changes.Deletes);
        Assert.Equal(17 + 63, changes.Upserts.Count);

        var rejected = before.Rejected.ToDictionary(RejectKey);
        foreach (var row in changes.Withdrawn)
            Assert.True(rejected.Remove(RejectKey(row)));
        foreach (var row in changes.Rejections)
            rejected[RejectKey(row)] = row;
        Assert.Equal(Golden.ExpectedRejected("expected_rejected_after_delta.csv"), rejected.Values.OrderBy(RejectKey, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    public async Task Volumes_and_impacts_equal_the_independent_computation_fully_and_after_the_deltas(string currency)
    {
        await Golden.RunAsync(_db, Golden.QuantitiesSql);
        var full = await SourceRecompute.RunAsync(Source, currency);
        Golden.AssertSameImpact(Golden.ExpectedImpact("expected_impact.csv"), full.Features, currency);
        Assert.Contains(full.Rejected, r => r is { Table: SourceTables.BilledQuantities, Sku: "G004", Reason: RejectReason.NegativeQuantity });
        Assert.Contains(full.Rejected, r => r is { Table: SourceTables.BilledQuantities, Sku: "G999", Reason: RejectReason.UnknownSku });

        await Golden.RunAsync(_db, Golden.DeltaSql);
        await Golden.RunAsync(_db, Golden.QuantitiesDeltaSql);
        var after = await SourceRecompute.RunAsync(Source, currency);
        Golden.AssertSameImpact(Golden.ExpectedImpact("expected_impact_after_delta.csv"), after.Features, currency);
        Assert.Equal(2, after.Rejected.Count(r => r.Table == SourceTables.BilledQuantities)); // G002 turned negative, G999 unknown; G004 corrected
        Assert.Contains(after.Rejected, r => r is { Table: SourceTables.BilledQuantities, Sku: "G002", Reason: RejectReason.NegativeQuantity });
    }

    [Fact]
    public async Task Incremental_apply_of_quantity_changes_keeps_volumes_and_impacts_exact()
    {
        await Golden.RunAsync(_db, Golden.QuantitiesSql);
        var materials = (await Source.ReadMaterialsAsync().ToListAsync()).ToDictionary(m => m.Sku);
        var table = (await RecomputeAsync()).Features.ToDictionary(Golden.Key);
        var states = new Dictionary<string, SkuState>();
        var prices = await Source.ReadPricesAsync().ToListAsync();
        var competitors = await Source.ReadCompetitorPricesAsync().ToListAsync();
        var quantities = await Source.ReadQuantitiesAsync().ToListAsync();
        foreach (var sku in prices.Select(r => r.Sku).Union(quantities.Select(r => r.Sku)).Distinct())
        {
            states[sku] = new SkuState(sku, materials.GetValueOrDefault(sku), RuleThresholds.Default);
            states[sku].Apply(new SkuBatch(prices.Where(r => r.Sku == sku).ToList(), competitors.Where(r => r.Sku == sku).ToList(),
                quantities.Where(r => r.Sku == sku).ToList()), new SkuChanges());
        }
        var since = (await Source.MaxChangedAtAsync())!.Value.AddTicks(10);

        await Golden.RunAsync(_db, Golden.DeltaSql);
        await Golden.RunAsync(_db, Golden.QuantitiesDeltaSql);
        var changedPrices = await Source.ReadPricesChangedSinceAsync(since).ToListAsync();
        var changedCompetitors = await Source.ReadCompetitorPricesChangedSinceAsync(since).ToListAsync();
        var changedQuantities = await Source.ReadQuantitiesChangedSinceAsync(since).ToListAsync();
        Assert.Equal(4 + 11, changedQuantities.Count); // the delta's four changes and the new day of 11 series
        var changes = new SkuChanges();
        foreach (var sku in changedPrices.Select(r => r.Sku).Union(changedCompetitors.Select(r => r.Sku)).Union(changedQuantities.Select(r => r.Sku)).Distinct())
            states[sku].Apply(new SkuBatch(changedPrices.Where(r => r.Sku == sku).ToList(), changedCompetitors.Where(r => r.Sku == sku).ToList(),
                changedQuantities.Where(r => r.Sku == sku).ToList()), changes);
        foreach (var key in changes.Deletes)
            table.Remove($"{key.Sku}/{key.SalesOrg}/{key.CustomerId}/{key.Dt:yyyy-MM-dd}");
        foreach (var row in changes.Upserts)
            table[Golden.Key(row)] = row;

        var rates = new ReportingRates("EUR", await Source.ReadExchangeRatesAsync());
        Golden.AssertSameImpact(Golden.ExpectedImpact("expected_impact_after_delta.csv"),
            [.. table.Values.Select(r => rates.Reported(r, materials[r.Sku].Currency))], "EUR");
        Assert.Contains(changes.Withdrawn, r => r is { Table: SourceTables.BilledQuantities, Sku: "G004" });
        Assert.Contains(changes.Rejections, r => r is { Table: SourceTables.BilledQuantities, Sku: "G002", Reason: RejectReason.NegativeQuantity });
    }

    private static string RejectKey(RejectedRow r) => $"{r.Table}/{r.Sku}/{r.SalesOrg}/{r.CustomerId}/{r.Competitor}/{r.Dt:yyyy-MM-dd}";
}
