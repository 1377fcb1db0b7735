namespace Pricing.Scoring;

/// <summary>A row scorer trained on feature vectors: higher is more anomalous.</summary>
public interface IVectorScorer
{
    double Score(ReadOnlySpan<float> vector);

    /// <summary>The score from which a row is an <c>ML_OUTLIER</c>; null: the top <see cref="AnomalyModel.OutlierShare"/> of the training rows.</summary>
    double? Threshold => null;
}

/// <summary>
/// A model the evaluation compares (docs/architecture.md, Evaluation catalogs): on the four
/// <see cref="ScoringFeatures"/>, or with the two <see cref="SeriesContext"/> features after them.
/// </summary>
public sealed record ScoringCandidate(string Name, bool Context, Func<List<float[]>, IVectorScorer> Train)
{
    /// <summary>The Isolation Forest every candidate is measured against: 200 trees on the four features, subsamples of 256.</summary>
    public const string Baseline = "iforest-200";

    public const string Default = "default: iforest-100/1024";

    public static readonly IReadOnlyList<ScoringCandidate> All =
    [
        new(Default, false, vectors => new Model(AnomalyModel.Train(vectors))),
        new(Baseline, false, vectors => new Forest(IsolationForest.Train(vectors, 200, seed: 1))),
        new("iforest-200+context", true, vectors => new Forest(IsolationForest.Train(vectors, 200, seed: 1))),
        new("iforest-200/1024", false, vectors => new Forest(IsolationForest.Train(vectors, 200, seed: 1, sampleSize: 1024))),
        new("pca-extremity", false, vectors => new Pca(PcaModel.Train(vectors), withExtremity: true)),
        new("pca", false, vectors => new Pca(PcaModel.Train(vectors), withExtremity: false)),
        new("extremity+context", true, vectors => new Extremity(RobustScaling.Fit(vectors))),
    ];

    private sealed class Model(AnomalyModel model) : IVectorScorer
    {
        public double? Threshold => model.Threshold;

        public double Score(ReadOnlySpan<float> vector)
        {
            Span<float> copy = stackalloc float[vector.Length];
            vector.CopyTo(copy);
            return model.Score(copy);
        }
    }

    private sealed class Forest(IsolationForest forest) : IVectorScorer
    {
        public double Score(ReadOnlySpan<float> vector) => forest.Score(vector);
    }

    private sealed class Pca(PcaModel model, bool withExtremity) : IVectorScorer
    {
        public double Score(ReadOnlySpan<float> vector)
        {
            Span<float> copy = stackalloc float[vector.Length];
            vector.CopyTo(copy);
            if (withExtremity)
                return model.Score(copy);
            model.Scaling.Apply(copy);
            return model.PcaScore(copy);
        }
    }

    /// <summary>The largest distance of any feature from its training median, in interquartile ranges.</summary>
    private sealed class Extremity(RobustScaling scaling) : IVectorScorer
    {
        public double Score(ReadOnlySpan<float> vector)
        {
            Span<float> copy = stackalloc float[vector.Length];
            vector.CopyTo(copy);
            scaling.Apply(copy);
            return scaling.Extremity(copy).Distance;
        }
    }
}
