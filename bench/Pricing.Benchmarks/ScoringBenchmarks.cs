using BenchmarkDotNet.Attributes;
using Pricing.Features;
using Pricing.Model;
using Pricing.Scoring;
using Pricing.Seeding;

namespace Pricing.Benchmarks;

/// <summary>
/// Scoring a batch of feature rows with the default model, trained on a generated catalog, on one core.
/// Rows/s = OperationsPerInvoke / mean time.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Rows = 10_000;
    private AnomalyModel _model = null!;
    private List<FeatureRow> _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new CatalogOptions { Skus = 200, Days = 120, EndDate = new DateOnly(2026, 11, 25) };
        var generator = new CatalogGenerator(options, new DateTime(2026, 11, 25, 23, 0, 0, DateTimeKind.Utc));
        var skus = Enumerable.Range(1, options.Skus).Select(generator.Generate).ToList();
        var features = FeatureEngine.Recompute(skus.Select(s => s.Material!), skus.SelectMany(s => s.Prices), skus.SelectMany(s => s.Competitors),
            skus.SelectMany(s => s.Quantities), RuleBook.Default).Features;
        _model = AnomalyModel.Train(features);
        _rows = [.. features.Take(Rows)];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public List<RowScore> ScoreBatch() => _model.Score(_rows);
}
