using Microsoft.ML;
using Microsoft.ML.Data;
using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// A trained scoring model: robust scaling (median and interquartile range of the training rows) followed by ML.NET's
/// <c>RandomizedPca</c>. The PCA score catches rows that break the usual correlations between the features; it
/// misses extreme values along them (a ×10 fat-finger moves margin, 7-day change and competitor delta together), so
/// the score combines it with the extremity of the row, its largest distance from the median in interquartile
/// ranges: <c>ml_score = 1 − (1 − pca) · exp(−extremity / ExtremityScale)</c>, in [0, 1], higher is more anomalous.
/// The feature with the largest distance is the row's explanation. Scoring is thread-safe (no PredictionEngine).
/// </summary>
public sealed class AnomalyModel
{
    /// <summary>Interquartile ranges at which extremity alone scores 1 − 1/e ≈ 0.63.</summary>
    public const double ExtremityScale = 10;

    /// <summary>Share of the training rows scored above the threshold (docs/architecture.md, Reasons and severity: 1 %).</summary>
    public const double OutlierShare = 0.01;

    private const int Rank = 2;

    private static readonly MLContext Ml = new(seed: 20261125);
    private static readonly byte[] Magic = "PGM1"u8.ToArray();
    private readonly RobustScaling _scaling;
    private readonly PcaScorer _scorer;

    private AnomalyModel(RobustScaling scaling, ITransformer pca, double threshold)
    {
        _scaling = scaling;
        Pca = pca;
        _scorer = PcaScorer.Of(pca);
        Threshold = threshold;
    }

    /// <summary>The trained ML.NET model: what is stored, and what <see cref="PcaScorer"/> computes the score of.</summary>
    internal ITransformer Pca { get; }

    /// <summary>The score at or above which a row is an <c>ML_OUTLIER</c>.</summary>
    public double Threshold { get; }

    public static AnomalyModel Train(IReadOnlyCollection<FeatureRow> rows)
    {
        if (rows.Count < 10)
            throw new InvalidOperationException($"cannot train a model on {rows.Count} feature rows: at least 10 are needed; run the pipeline first");
        var vectors = rows.Select(r => ScoringFeatures.Of(r)).ToList();
        var scaling = RobustScaling.Fit(vectors);
        foreach (var vector in vectors)
            scaling.Apply(vector);
        var data = Ml.Data.LoadFromEnumerable(vectors.Select(v => new Input { Features = v }));
        var pca = Ml.AnomalyDetection.Trainers.RandomizedPca(nameof(Input.Features), rank: Rank, ensureZeroMean: true, seed: 1).Fit(data);
        var scores = new AnomalyModel(scaling, pca, double.NaN).Score(rows).Select(s => s.Score).Order().ToArray();
        return new AnomalyModel(scaling, pca, Quantile(scores, 1 - OutlierShare));
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static AnomalyModel Load(byte[] bytes, double threshold)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("not a pricing model (bad header)");
            var width = reader.ReadInt32();
            if (width != ScoringFeatures.Count)
                throw new InvalidDataException($"the model has {width} features, this build scores {ScoringFeatures.Count}");
            var median = Enumerable.Range(0, width).Select(_ => reader.ReadSingle()).ToArray();
            var scale = Enumerable.Range(0, width).Select(_ => reader.ReadSingle()).ToArray();
            return new AnomalyModel(new RobustScaling(median, scale), Ml.Model.Load(reader.BaseStream, out _), threshold);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"the model bytes cannot be read: {e.Message}", e);
        }
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(_scaling.Median.Length);
            foreach (var value in _scaling.Median.Concat(_scaling.Scale))
                writer.Write(value);
        }
        Ml.Model.Save(Pca, null, stream);
        return stream.ToArray();
    }

    public List<RowScore> Score(IEnumerable<FeatureRow> rows)
    {
        var result = new List<RowScore>(rows.TryGetNonEnumeratedCount(out var count) ? count : 0);
        Span<float> vector = stackalloc float[ScoringFeatures.Count];
        foreach (var row in rows)
        {
            ScoringFeatures.Fill(row, vector);
            _scaling.Apply(vector);
            var (extremity, top) = Extremity(vector);
            // a row at the training mean can come out of the PCA as NaN: it reconstructs perfectly, so it scores 0
            var pcaScore = _scorer.Score(vector);
            var pca = float.IsFinite(pcaScore) ? Math.Clamp(pcaScore, 0, 1) : 0;
            var score = 1 - (1 - pca) * Math.Exp(-extremity / ExtremityScale);
            result.Add(new RowScore(score, ScoringFeatures.Names[top]));
        }
        return result;
    }

    /// <summary>The rows with <c>ml_score</c>, model version, top feature and <c>ML_OUTLIER</c> set by this model.</summary>
    public List<FeatureRow> Scored(IReadOnlyList<FeatureRow> rows, int version)
    {
        var scores = Score(rows);
        var result = new List<FeatureRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var outlier = scores[i].Score >= Threshold ? AnomalyReasons.MlOutlier : AnomalyReasons.None;
            result.Add(rows[i] with
            {
                MlScore = scores[i].Score, ModelVersion = version, TopFeature = scores[i].TopFeature,
                Reasons = (rows[i].Reasons & ~AnomalyReasons.MlOutlier) | outlier,
            });
        }
        return result;
    }

    private static (double Extremity, int Top) Extremity(ReadOnlySpan<float> scaled)
    {
        var top = 0;
        var largest = 0.0;
        for (var i = 0; i < scaled.Length; i++)
        {
            var distance = float.IsFinite(scaled[i]) ? Math.Abs(scaled[i]) : 0;
            if (distance > largest)
                (largest, top) = (distance, i);
        }
        return (largest, top);
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class Input
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
    }
}

/// <summary>A row's <c>ml_score</c> and the feature that contributed most to it.</summary>
public readonly record struct RowScore(double Score, string TopFeature);
