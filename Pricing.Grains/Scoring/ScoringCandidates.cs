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
/// <param name="Train">trains on the training rows' vectors: all of them, and those no rule flags</param>
public sealed record ScoringCandidate(string Name, bool Context, Func<List<float[]>, List<float[]>, IVectorScorer> Train)
{
    /// <summary>The Isolation Forest every candidate is measured against: 200 trees on the four features, subsamples of 256.</summary>
    public const string Baseline = "iforest-200";

    public const string Default = "default: 100/2048/h9 clean";

    public static readonly IReadOnlyList<ScoringCandidate> All =
    [
        new(Default, false, (_, clean) => new Model(AnomalyModel.Train(clean))),
        new("iforest-100/1024", false, (all, _) => new Forest(IsolationForest.Train(all, 100, seed: 1, sampleSize: 1024))),
        new("iforest-100/2048 clean", false, (_, clean) => new Forest(IsolationForest.Train(clean, 100, seed: 1, sampleSize: 2048))),
        new(Baseline, false, (all, _) => new Forest(IsolationForest.Train(all, 200, seed: 1))),
        new("iforest-200+context", true, (all, _) => new Forest(IsolationForest.Train(all, 200, seed: 1))),
        new("pca-extremity", false, (all, _) => new Pca(PcaModel.Train(all), withExtremity: true)),
        new("pca", false, (all, _) => new Pca(PcaModel.Train(all), withExtremity: false)),
        new("extremity+context", true, (all, _) => new Extremity(RobustScaling.Fit(all))),
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
