using System.Text;
using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// How well the rules and the model find the seeded irregularities: per irregularity kind, the recall and precision of
/// every reason, and the ROC-AUC of <c>ml_score</c> (that kind against unlabelled rows). Feed it every feature row once.
/// </summary>
public sealed class Evaluation(GroundTruth truth)
{
    public const string AnyKind = "ANY";
    private static readonly AnomalyReasons[] Reasons = [.. Enum.GetValues<AnomalyReasons>().Where(r => r != AnomalyReasons.None)];

    private readonly List<string> _kinds = [.. truth.Kinds];
    private readonly List<(double Score, int Labels)> _scores = [];
    private readonly Dictionary<(int Kind, AnomalyReasons Reason), long> _hits = [];
    private readonly Dictionary<AnomalyReasons, long> _flagged = [];
    private readonly Dictionary<int, long> _labelled = [];
    private long _rows;

    public void Add(in FeatureRow row)
    {
        _rows++;
        var labels = 0;
        foreach (var kind in truth.KindsOf(row))
            labels |= 1 << _kinds.IndexOf(kind);
        foreach (var reason in Reasons)
            if (row.Reasons.HasFlag(reason))
                _flagged[reason] = _flagged.GetValueOrDefault(reason) + 1;
        if (row.MlScore is { } score)
            _scores.Add((score, labels));
        for (var k = -1; k < _kinds.Count; k++) // -1: any kind
        {
            if (k >= 0 ? (labels & (1 << k)) == 0 : labels == 0)
                continue;
            _labelled[k] = _labelled.GetValueOrDefault(k) + 1;
            foreach (var reason in Reasons)
                if (row.Reasons.HasFlag(reason))
                    _hits[(k, reason)] = _hits.GetValueOrDefault((k, reason)) + 1;
        }
    }

    public EvaluationReport Report()
    {
        var sorted = _scores.OrderBy(s => s.Score).ToArray();
        var lines = new List<KindReport>();
        for (var k = -1; k < _kinds.Count; k++)
        {
            var rows = _labelled.GetValueOrDefault(k);
            var reasons = Reasons.Select(reason =>
            {
                var hits = _hits.GetValueOrDefault((k, reason));
                var flagged = _flagged.GetValueOrDefault(reason);
                return new ReasonScore(ReasonNames.Of(reason), rows == 0 ? null : (double)hits / rows, flagged == 0 ? null : (double)hits / flagged);
            }).ToList();
            var auc = RocAuc.Compute(sorted, k >= 0 ? 1 << k : ~0);
            lines.Add(new KindReport(k >= 0 ? _kinds[k] : AnyKind, rows, auc, reasons));
        }
        return new EvaluationReport(_rows, _scores.Count, lines);
    }
}

/// <summary>Recall: share of the kind's rows the reason flags. Precision: share of the reason's flags that are of the kind.</summary>
public sealed record ReasonScore(string Reason, double? Recall, double? Precision);

public sealed record KindReport(string Kind, long Rows, double? MlScoreRocAuc, List<ReasonScore> Reasons);

/// <summary>The seed's labels per kind, and the analysts' per reason (empty until they confirmed or dismissed an incident).</summary>
public sealed record EvaluationReport(long Rows, long ScoredRows, List<KindReport> Kinds, List<FeedbackScore>? Feedback = null)
{
    public KindReport Any => Kinds.Single(k => k.Kind == Evaluation.AnyKind);

    /// <summary>A fixed-width table for the terminal and docs: one line per kind, recall/precision per reason.</summary>
    public string ToTable()
    {
        var reasons = Kinds[0].Reasons.Select(r => r.Reason).ToList();
        var text = new StringBuilder();
        text.Append($"{"kind",-20} {"rows",9} {"AUC",6}");
        foreach (var reason in reasons)
            text.Append($" {reason,21}");
        text.AppendLine().Append($"{"",-37}");
        foreach (var _ in reasons)
            text.Append($" {"recall  precision",21}");
        text.AppendLine();
        foreach (var kind in Kinds)
        {
            text.Append($"{kind.Kind,-20} {kind.Rows,9:N0} {Format(kind.MlScoreRocAuc),6}");
            foreach (var reason in kind.Reasons)
                text.Append($" {Format(reason.Recall),10} {Format(reason.Precision),10}");
            text.AppendLine();
        }
        text.Append($"{Rows:N0} feature rows, {ScoredRows:N0} scored; AUC = ROC-AUC of ml_score, that kind against unlabelled rows");
        if (Feedback is { } feedback && feedback.Any(f => f.Confirmed + f.Dismissed > 0))
        {
            text.AppendLine().AppendLine().AppendLine($"{"analysts' feedback",-20} {"confirmed",10} {"dismissed",10} {"precision",10}");
            foreach (var f in feedback)
                text.AppendLine($"{f.Reason,-20} {f.Confirmed,10:N0} {f.Dismissed,10:N0} {Format(f.Precision),10}");
            text.Append("incidents acknowledged or resolved confirm their reason; dismissed ones are false positives");
        }
        return text.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.000") : "-";
}
