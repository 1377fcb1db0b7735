using System.Buffers;
using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// A trained scoring model (docs/architecture.md, ML scoring): an <see cref="IsolationForest"/> of
/// <see cref="Trees"/> trees on subsamples of <see cref="SampleSize"/> rows over the four <see cref="ScoringFeatures"/>,
/// robustly scaled (median and interquartile range of the training rows), trained on rows no rule flags. It was
/// chosen for the best worst case over the evaluation catalogs (docs/PERFORMANCE.md, ML scoring). <c>ml_score</c> is
/// the forest's score, in (0, 1], higher is more anomalous; the row's explanation is the feature farthest from its
/// median. Scoring is thread-safe.
/// </summary>
public sealed class AnomalyModel
{
    public const int Trees = 100;
    public const int SampleSize = 2048;

    /// <summary>
    /// Trees stop at this depth rather than ⌈log₂ 2048⌉ = 11: what a forest isolates, it isolates in its first
    /// levels; the last two cost a fifth of the scoring time and changed the worst case by less than the forest's
    /// seed does (docs/PERFORMANCE.md, ML scoring).
    /// </summary>
    public const int HeightLimit = 9;

    /// <summary>
    /// The lowest threshold: a row is an <c>ML_OUTLIER</c> only when the forest isolates it in clearly fewer splits
    /// than an ordinary row (0.5 is the average), so a catalog with few problems is not filled up with flags.
    /// </summary>
    public const double ScoreFloor = 0.72;

    /// <summary>At most this share of the training rows scores above the threshold (docs/architecture.md, ML scoring).</summary>
    public const double OutlierShare = 0.01;

    private static readonly byte[] Magic = "PGM2"u8.ToArray();
    private static readonly byte[] PcaMagic = "PGM1"u8.ToArray();
    private readonly RobustScaling _scaling;
    private readonly IsolationForest _forest;

    private AnomalyModel(RobustScaling scaling, IsolationForest forest, double threshold)
    {
        (_scaling, _forest, Threshold) = (scaling, forest, threshold);
    }

    /// <summary>The score at or above which a row is an <c>ML_OUTLIER</c>.</summary>
    public double Threshold { get; }

    /// <summary>
    /// Trains on the rows no rule flags: the forest learns what a normal row is, so that the problems the rules know
    /// (often a tenth of the rows, and weeks long) do not become normal by their number.
    /// </summary>
    public static AnomalyModel Train(IReadOnlyCollection<FeatureRow> rows)
    {
        var normal = rows.Where(r => (r.Reasons & ~AnomalyReasons.MlOutlier) == AnomalyReasons.None).Select(r => ScoringFeatures.Of(r)).ToList();
        if (normal.Count < 10)
            throw new InvalidOperationException($"cannot train a model on {normal.Count} feature rows without a rule reason: at least 10 are needed; run the pipeline first");
        return Train(normal);
    }

    /// <summary>Trains on vectors of <see cref="ScoringFeatures"/>, which it leaves as they are.</summary>
    internal static AnomalyModel Train(List<float[]> vectors)
    {
        var scaling = RobustScaling.Fit(vectors);
        var scaled = scaling.Scaled(vectors);
        var forest = IsolationForest.Train(scaled, Trees, seed: 20261125, SampleSize, HeightLimit);
        var scores = new double[scaled.Count];
        forest.ScoreMany(scaled.SelectMany(v => v).ToArray(), scores);
        Array.Sort(scores);
        return new AnomalyModel(scaling, forest, Math.Max(ScoreFloor, OutlierShareScore(scores)));
    }

    /// <summary>The score above which <see cref="OutlierShare"/> of these scores (sorted ascending) lie.</summary>
    internal static double OutlierShareScore(double[] sorted) =>
        sorted[Math.Clamp((int)Math.Ceiling((1 - OutlierShare) * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Whether these bytes are a model of an earlier format, which this build does not score with.</summary>
    public static bool IsEarlierFormat(byte[] bytes) => bytes.AsSpan().StartsWith(PcaMagic);

    /// <summary>Reads what <see cref="ToBytes"/> wrote; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static AnomalyModel Load(byte[] bytes, double threshold)
    {
        if (IsEarlierFormat(bytes))
            throw new InvalidDataException("the model is of the earlier PCA format; train a new version");
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
            var forest = IsolationForest.ReadFrom(reader);
            if (forest.Width != width)
                throw new InvalidDataException($"the forest has {forest.Width} features, the scaling {width}");
            return new AnomalyModel(new RobustScaling(median, scale), forest, threshold);
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
            _forest.WriteTo(writer);
        }
        return stream.ToArray();
    }

    /// <summary>The score and explanation of each row, the forest walking its trees for blocks of rows at a time.</summary>
    public List<RowScore> Score(IReadOnlyList<FeatureRow> rows)
    {
        var width = ScoringFeatures.Count;
        var vectors = ArrayPool<float>.Shared.Rent(rows.Count * width);
        var scores = ArrayPool<double>.Shared.Rent(rows.Count);
        var top = ArrayPool<int>.Shared.Rent(rows.Count);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var vector = vectors.AsSpan(i * width, width);
                ScoringFeatures.Fill(rows[i], vector);
                _scaling.Apply(vector);
                top[i] = _scaling.Extremity(vector).Feature;
            }
            _forest.ScoreMany(vectors.AsSpan(0, rows.Count * width), scores.AsSpan(0, rows.Count));
            var result = new List<RowScore>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
                result.Add(new RowScore(scores[i], ScoringFeatures.Names[top[i]]));
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vectors);
            ArrayPool<double>.Shared.Return(scores);
            ArrayPool<int>.Shared.Return(top);
        }
    }

    /// <summary>The score of one vector of <see cref="ScoringFeatures"/>; scales it in place.</summary>
    internal double Score(Span<float> vector)
    {
        _scaling.Apply(vector);
        return _forest.Score(vector);
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
}

/// <summary>A row's <c>ml_score</c> and the feature that contributed most to it.</summary>
public readonly record struct RowScore(double Score, string TopFeature);
