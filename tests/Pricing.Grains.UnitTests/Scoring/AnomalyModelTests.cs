using Pricing.ModelSelection;
using Pricing.Model;
using Pricing.Scoring;
using Xunit.Abstractions;

namespace Pricing.Grains.UnitTests.Scoring;

public sealed class AnomalyModelTests(ITestOutputHelper output)
{
    private static readonly Lazy<SeededCatalog> Catalog = new(() => SeededCatalog.Generate(skus: 300, days: 120, seed: 42));

    [Fact]
    public void A_model_trained_on_a_seeded_catalog_ranks_the_seeded_irregularities_high()
    {
        var features = Catalog.Value.Features;
        var model = AnomalyModel.Train(features);
        var scored = Scored(model, features);
        var evaluation = new Evaluation(new GroundTruth(Catalog.Value.Labels));
        foreach (var row in scored)
            evaluation.Add(row);
        var report = evaluation.Report();
        output.WriteLine(report.ToTable());

        Assert.True(report.Any.MlScoreRocAuc >= 0.95, $"ROC-AUC {report.Any.MlScoreRocAuc:0.000} < 0.95");
    }

    [Fact]
    public void Nine_in_ten_fat_finger_prices_are_outliers_and_every_one_is_explained_by_a_price_feature()
    {
        var features = Catalog.Value.Features;
        var model = AnomalyModel.Train(features);
        var truth = new GroundTruth(Catalog.Value.Labels);
        var fatFingers = features.Where(r => truth.KindsOf(r).Any(k => k.StartsWith("FAT_FINGER", StringComparison.Ordinal))).ToList();

        Assert.True(fatFingers.Count > 30, $"the catalog has only {fatFingers.Count} fat-finger rows");
        var scores = model.Score(fatFingers);
        // the rules flag every one of them (a price ×10 or ÷10 is a spike); a few come in a week of other problems
        // and are not isolated quickly
        Assert.True(scores.Count(s => s.Score >= model.Threshold) >= 0.9 * scores.Count,
            $"{scores.Count(s => s.Score >= model.Threshold)} of {scores.Count} at or above the threshold {model.Threshold}");
        Assert.All(scores, s => Assert.Contains(s.TopFeature, new[] { "margin_pct", "price_change_7d_pct", "comp_delta_pct" }));
    }

    [Fact]
    public void A_saved_and_loaded_model_gives_identical_scores()
    {
        var features = Catalog.Value.Features;
        var model = AnomalyModel.Train(features);
        var loaded = AnomalyModel.Load(model.ToBytes(), model.Threshold);

        Assert.Equal(model.Score(features), loaded.Score(features));
    }

    [Fact]
    public void Rows_without_history_or_competitors_score_in_range_and_never_NaN()
    {
        var model = AnomalyModel.Train(Catalog.Value.Features);
        var bare = new FeatureRow("X", "1000", "C1", new DateOnly(2026, 1, 1), 10, 6, 40, null, null, null, null, AnomalyReasons.None);

        var scores = model.Score([bare, bare with { MarginPct = double.MaxValue }, bare with { PriceChange7dPct = -100 }]);

        Assert.All(scores, s => Assert.InRange(s.Score, 0, 1));
    }

    [Fact]
    public void A_model_of_the_earlier_pca_format_is_recognised_and_not_scored_with()
    {
        byte[] earlier = [.. "PGM1"u8, 4, 0, 0, 0];

        Assert.True(AnomalyModel.IsEarlierFormat(earlier));
        Assert.False(AnomalyModel.IsEarlierFormat(AnomalyModel.Train(Catalog.Value.Features).ToBytes()));
        Assert.Contains("earlier PCA format", Assert.Throws<InvalidDataException>(() => AnomalyModel.Load(earlier, 0.5)).Message);
    }

    [Fact]
    public void Over_the_evaluation_catalogs_the_default_has_a_better_worst_case_than_the_baseline_forest()
    {
        var candidates = ScoringCandidate.All.Where(c => c.Name is ScoringCandidate.Default or ScoringCandidate.Baseline).ToList();
        var results = EvaluationCatalogs.Of(skus: 60, days: 150).Select(c => ModelComparison.Run(c.Name, c.Options, candidates)).ToList();
        output.WriteLine(ModelComparison.ToTable(results));

        var own = results.Min(r => r.Candidates.Single(c => c.Candidate == ScoringCandidate.Default).RocAuc!.Value);
        var baseline = results.Min(r => r.Candidates.Single(c => c.Candidate == ScoringCandidate.Baseline).RocAuc!.Value);
        Assert.True(own > baseline, $"worst ROC-AUC {own:0.000}, the baseline's {baseline:0.000}");
        Assert.All(results, r => Assert.True(r.Candidates[0].MlPrecision >= 0.4, $"{r.Catalog}: ML_OUTLIER precision {r.Candidates[0].MlPrecision:0.000}"));
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_refused_with_the_reason()
    {
        var model = AnomalyModel.Train(Catalog.Value.Features);
        var truncated = model.ToBytes()[..40];

        Assert.Equal("not a pricing model (bad header)", Assert.Throws<InvalidDataException>(() => AnomalyModel.Load([1, 2, 3, 4, 5], 0.5)).Message);
        Assert.StartsWith("the model bytes cannot be read: ", Assert.Throws<InvalidDataException>(() => AnomalyModel.Load(truncated, 0.5)).Message);
    }

    [Fact]
    public void Training_on_too_few_rows_says_so()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AnomalyModel.Train(Catalog.Value.Features.Take(3).ToList()));
        Assert.Contains("at least 10", error.Message);
    }

    private static List<FeatureRow> Scored(AnomalyModel model, List<FeatureRow> rows) =>
        [.. rows.Zip(model.Score(rows), (r, s) => r with { MlScore = s.Score, Reasons = s.Score >= model.Threshold ? r.Reasons | AnomalyReasons.MlOutlier : r.Reasons })];
}
