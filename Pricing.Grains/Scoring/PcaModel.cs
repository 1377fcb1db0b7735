using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pricing.Scoring;

/// <summary>
/// The scoring model before the Isolation Forest, kept as an evaluation candidate (docs/architecture.md, Evaluation
/// catalogs): robust scaling followed by ML.NET's <c>RandomizedPca</c>, whose score catches rows that break the usual
/// correlations between the features, combined with the row's extremity (its largest distance from the median in
/// interquartile ranges), which catches extreme values along them: <c>1 − (1 − pca) · exp(−extremity / 10)</c>.
/// </summary>
internal sealed class PcaModel
{
    private const double ExtremityScale = 10;
    private const int Rank = 2;
    private static readonly MLContext Ml = new(seed: 20261125);
    private readonly PcaScorer _scorer;

    private PcaModel(RobustScaling scaling, ITransformer pca)
    {
        Scaling = scaling;
        Pca = pca;
        _scorer = PcaScorer.Of(pca);
    }

    public RobustScaling Scaling { get; }

    /// <summary>The trained ML.NET model, which <see cref="PcaScorer"/> computes the score of.</summary>
    public ITransformer Pca { get; }

    public static PcaModel Train(List<float[]> vectors)
    {
        var scaling = RobustScaling.Fit(vectors);
        var data = Ml.Data.LoadFromEnumerable(scaling.Scaled(vectors).Select(v => new Input { Features = v }));
        return new PcaModel(scaling, Ml.AnomalyDetection.Trainers.RandomizedPca(nameof(Input.Features), rank: Rank, ensureZeroMean: true, seed: 1).Fit(data));
    }

    /// <summary>The combined score of one vector of <see cref="ScoringFeatures"/>; scales it in place.</summary>
    public double Score(Span<float> vector)
    {
        Scaling.Apply(vector);
        return 1 - (1 - PcaScore(vector)) * Math.Exp(-Scaling.Extremity(vector).Distance / ExtremityScale);
    }

    /// <summary>The PCA's part of the score of a scaled vector, in [0, 1].</summary>
    public double PcaScore(ReadOnlySpan<float> scaled)
    {
        // a row at the training mean can come out of the PCA as NaN: it reconstructs perfectly, so it scores 0
        var pcaScore = _scorer.Score(scaled);
        return float.IsFinite(pcaScore) ? Math.Clamp(pcaScore, 0, 1) : 0;
    }

    private sealed class Input
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
    }
}
