using System.Diagnostics;
using System.Text;
using Pricing.Features;
using Pricing.Model;
using Pricing.Scoring;
using Pricing.Seeding;

namespace Pricing.ModelSelection;

/// <summary>How one candidate did on one catalog; precision and recall are against the seed's labels.</summary>
public sealed record CandidateResult(string Candidate, double? RocAuc, double? MlPrecision, double? MlRecall,
    double? AnyPrecision, double? AnyRecall, double RowsPerSecond, double TrainingSeconds);

public sealed record CatalogResult(string Catalog, long Rows, long LabelledRows, long TrainingRows, double? RulesPrecision, double? RulesRecall, List<CandidateResult> Candidates);

/// <summary>
/// The evaluation harness (docs/architecture.md, Evaluation catalogs): generates each catalog in memory, computes its
/// features with the pure engine, trains every candidate as the trainer would (the last <see cref="ScoringOptions.TrainingDays"/>
/// days, at most <see cref="ScoringOptions.MaxTrainingRows"/> rows), scores every row, and compares with the labels:
/// ROC-AUC of the score, and precision and recall of <c>ML_OUTLIER</c> (the score at or above the training rows'
/// threshold of the candidate) alone and together with the rules.
/// </summary>
public static class ModelComparison
{
    public static CatalogResult Run(string name, CatalogOptions options, IReadOnlyList<ScoringCandidate> candidates, ScoringOptions? scoring = null)
    {
        scoring ??= new ScoringOptions();
        var generator = new CatalogGenerator(options, options.ResolvedEndDate.ToDateTime(new TimeOnly(23, 0)));
        var skus = Enumerable.Range(1, options.Skus).Select(generator.Generate).ToList();
        var rows = FeatureEngine.Recompute(skus.Select(s => s.Material!), skus.SelectMany(s => s.Prices), skus.SelectMany(s => s.Competitors),
            skus.SelectMany(s => s.Quantities), RuleBook.Default).Features;
        var truth = new GroundTruth(skus.SelectMany(s => s.Irregularities));
        var labelled = rows.Select(r => truth.KindsOf(r).Any()).ToArray();
        var rules = rows.Select(r => (r.Reasons & ~AnomalyReasons.MlOutlier) != AnomalyReasons.None).ToArray();

        var plain = rows.Select(r => ScoringFeatures.Of(r)).ToList();
        var context = SeriesContext.Of(rows);
        var withContext = plain.Select((v, i) => (float[])[.. v, .. context[i]]).ToList();
        var training = TrainingRows(rows, scoring);

        var results = new List<CandidateResult>();
        foreach (var candidate in candidates)
        {
            var vectors = candidate.Context ? withContext : plain;
            var stopwatch = Stopwatch.StartNew();
            var scorer = candidate.Train(training.ConvertAll(i => vectors[i]), [.. training.Where(i => !rules[i]).Select(i => vectors[i])]);
            var trainingSeconds = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            var scores = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
                scores[i] = scorer.Score(vectors[i]);
            var rowsPerSecond = rows.Count / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
            var threshold = scorer.Threshold ?? AnomalyModel.OutlierShareScore([.. training.Select(i => scores[i]).Order()]);
            var outlier = scores.Select(s => s >= threshold).ToArray();
            var auc = RocAuc.Compute([.. scores.Select((s, i) => (s, labelled[i] ? 1 : 0)).OrderBy(p => p.s)], 1);
            var (mlPrecision, mlRecall) = PrecisionRecall(outlier, labelled);
            var (anyPrecision, anyRecall) = PrecisionRecall([.. outlier.Select((o, i) => o || rules[i])], labelled);
            results.Add(new CandidateResult(candidate.Name, auc, mlPrecision, mlRecall, anyPrecision, anyRecall, rowsPerSecond, trainingSeconds));
        }
        var (rulesPrecision, rulesRecall) = PrecisionRecall(rules, labelled);
        return new CatalogResult(name, rows.Count, labelled.Count(l => l), training.Count, rulesPrecision, rulesRecall, results);
    }

    /// <summary>Indexes of the rows the trainer would read: the last days, every k-th row beyond the cap.</summary>
    private static List<int> TrainingRows(List<FeatureRow> rows, ScoringOptions scoring)
    {
        var from = rows.Max(r => r.Dt).AddDays(1 - scoring.TrainingDays);
        var recent = Enumerable.Range(0, rows.Count).Where(i => rows[i].Dt >= from).ToList();
        var every = Math.Max(1, (int)Math.Ceiling((double)recent.Count / scoring.MaxTrainingRows));
        return [.. recent.Where((_, k) => k % every == 0)];
    }

    private static (double? Precision, double? Recall) PrecisionRecall(bool[] flagged, bool[] labelled)
    {
        long hits = 0, flags = 0, positives = 0;
        for (var i = 0; i < flagged.Length; i++)
        {
            if (flagged[i]) flags++;
            if (labelled[i]) positives++;
            if (flagged[i] && labelled[i]) hits++;
        }
        return (flags == 0 ? null : (double)hits / flags, positives == 0 ? null : (double)hits / positives);
    }

    /// <summary>One block per catalog, then each candidate's worst case over all of them.</summary>
    public static string ToTable(IReadOnlyList<CatalogResult> results)
    {
        static string F(double? v) => v is { } x ? x.ToString("0.000") : "-";
        var text = new StringBuilder();
        var header = $"  {"candidate",-26} {"AUC",6} {"ML prec",8} {"ML rec",7} {"any prec",9} {"any rec",8} {"rows/s",10} {"training s",11}";
        foreach (var catalog in results)
        {
            text.AppendLine($"{catalog.Catalog}: {catalog.Rows:N0} rows, {catalog.LabelledRows:N0} labelled, {catalog.TrainingRows:N0} trained on; rules alone precision {F(catalog.RulesPrecision)}, recall {F(catalog.RulesRecall)}");
            text.AppendLine(header);
            foreach (var c in catalog.Candidates)
                text.AppendLine($"  {c.Candidate,-26} {F(c.RocAuc),6} {F(c.MlPrecision),8} {F(c.MlRecall),7} {F(c.AnyPrecision),9} {F(c.AnyRecall),8} {c.RowsPerSecond,10:N0} {c.TrainingSeconds,11:0.00}");
        }
        text.AppendLine($"worst case over {results.Count} catalogs:");
        text.AppendLine($"  {"candidate",-26} {"AUC",6} {"ML prec",8} {"AUC - baseline",15}");
        foreach (var name in results[0].Candidates.Select(c => c.Candidate))
        {
            var of = results.Select(r => (Own: r.Candidates.Single(c => c.Candidate == name), Baseline: r.Candidates.SingleOrDefault(c => c.Candidate == ScoringCandidate.Baseline))).ToList();
            var margin = of.All(o => o.Baseline is not null) ? of.Min(o => o.Own.RocAuc - o.Baseline!.RocAuc) : null;
            text.AppendLine($"  {name,-26} {F(of.Min(o => o.Own.RocAuc)),6} {F(of.Min(o => o.Own.MlPrecision)),8} {(margin is { } m ? (m >= 0 ? "+" : "") + m.ToString("0.000") : "-"),15}");
        }
        return text.ToString();
    }
}
