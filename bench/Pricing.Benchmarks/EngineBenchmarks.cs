using BenchmarkDotNet.Attributes;
using Pricing.Features;
using Pricing.Model;

namespace Pricing.Benchmarks;

/// <summary>
/// The feature engine's two hot paths: the nightly batch (one new day per series on a warm state) and the full
/// recompute of a year. Rows/s = OperationsPerInvoke / mean time; allocations per row = allocated / rows.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Skus = 1000, CacheResidentSkus = 50, SeriesPerSku = 4, Competitors = 3, HistoryDays = 120, YearDays = 365;
    private static readonly DateOnly Start = new(2025, 1, 1);
    private static readonly Material Material = new("B", "bench", "TOOL02", "EA", "EUR");

    private SkuState[] _states = null!;
    private PriceRow[][] _dayRows = null!;
    private CompetitorRow[][] _dayCompetitors = null!;
    private SkuBatch[] _batches = null!;
    private readonly SkuChanges _changes = new();
    private int _day;
    private SkuBatch _year = null!;

    [GlobalSetup(Targets = [nameof(NightlyBatch), nameof(NightlyBatchCacheResident)])]
    public void SetupNightly()
    {
        _states = new SkuState[Skus];
        _dayRows = new PriceRow[Skus][];
        _dayCompetitors = new CompetitorRow[Skus][];
        _batches = new SkuBatch[Skus];
        for (var k = 0; k < Skus; k++)
        {
            var sku = $"SKU{k:D6}";
            _states[k] = new SkuState(sku, Material with { Sku = sku }, RuleThresholds.Default);
            _states[k].Apply(History(sku, HistoryDays), _changes);
            _dayRows[k] = new PriceRow[SeriesPerSku];
            _dayCompetitors[k] = new CompetitorRow[Competitors];
            _batches[k] = new SkuBatch(_dayRows[k], _dayCompetitors[k]);
        }
        _day = HistoryDays;
    }

    /// <summary>One night: every SKU gets one new day on each series and a snapshot from each competitor.
    /// 1,000 SKUs hold about 6 MB of state, more than the caches: this is the rate a real catalog sees.</summary>
    [Benchmark(OperationsPerInvoke = Skus * (SeriesPerSku + Competitors))]
    public int NightlyBatch() => Night(Skus);

    /// <summary>The same on 50 SKUs whose state stays in cache: the engine's arithmetic without memory stalls.</summary>
    [Benchmark(OperationsPerInvoke = CacheResidentSkus * (SeriesPerSku + Competitors))]
    public int NightlyBatchCacheResident() => Night(CacheResidentSkus);

    private int Night(int skus)
    {
        var dt = Start.AddDays(_day++);
        var written = 0;
        for (var k = 0; k < skus; k++)
        {
            var state = _states[k];
            var rows = _dayRows[k];
            for (var s = 0; s < SeriesPerSku; s++)
                rows[s] = new PriceRow(state.Sku, "1000", SeriesNames[s], dt, 20 + (_day + s) % 7, 12, "EUR", default);
            var competitors = _dayCompetitors[k];
            for (var c = 0; c < Competitors; c++)
                competitors[c] = new CompetitorRow(state.Sku, CompetitorNames[c], dt, 21 + (_day + c) % 5, "EUR", default);
            _changes.Clear();
            state.Apply(_batches[k], _changes);
            written += _changes.Upserts.Count;
        }
        return written;
    }

    [GlobalSetup(Target = nameof(FullRecomputeYear))]
    public void SetupYear() => _year = History("Y", YearDays);

    /// <summary>A year of one SKU (4 series, 3 competitors) recomputed from nothing.</summary>
    [Benchmark(OperationsPerInvoke = YearDays * (SeriesPerSku + Competitors))]
    public int FullRecomputeYear()
    {
        _changes.Clear();
        new SkuState("Y", Material with { Sku = "Y" }, RuleThresholds.Default).Apply(_year, _changes);
        return _changes.Upserts.Count;
    }

    private static readonly string[] SeriesNames = ["C100001", "C100002", "C200001", "C200002"];
    private static readonly string[] CompetitorNames = ["Alder Supply", "Brightmart", "Castell Tools"];

    private static SkuBatch History(string sku, int days) => new(
        [.. from d in Enumerable.Range(0, days) from s in Enumerable.Range(0, SeriesPerSku)
            select new PriceRow(sku, "1000", SeriesNames[s], Start.AddDays(d), 20 + (d + s) % 7, 12, "EUR", default)],
        [.. from d in Enumerable.Range(0, days) from c in Enumerable.Range(0, Competitors)
            select new CompetitorRow(sku, CompetitorNames[c], Start.AddDays(d), 21 + (d + c) % 5, "EUR", default)]);
}
