using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Pricing.Scoring;

/// <summary>
/// The score of a trained ML.NET <c>RandomizedPca</c> model, computed from its mean μ and eigenvectors vᵢ: the
/// normalised reconstruction error √((|x−μ|² − Σᵢ(vᵢ·x − vᵢ·μ)²) / |x−μ|²), with the float operations of ML.NET's
/// <c>PcaModelParameters</c> in the same order, so the score is bit for bit the one its transform gives (tested).
/// Going through ML.NET's data views instead built getters, cursors and thread-local buffers for every batch: more
/// compiled code on a freshly started silo, and more garbage, than the arithmetic itself (docs/PERFORMANCE.md).
/// </summary>
internal sealed class PcaScorer
{
    private readonly float[] _mean;
    private readonly float[][] _eigenVectors;
    private readonly float[] _meanProjected;
    private readonly float _norm2Mean;

    private PcaScorer(float[] mean, float[][] eigenVectors)
    {
        _mean = mean;
        _eigenVectors = eigenVectors;
        _meanProjected = [.. eigenVectors.Select(v => Dot(v, mean))];
        _norm2Mean = Dot(mean, mean);
    }

    public static PcaScorer Of(ITransformer pca)
    {
        // a trained model's transformer is typed by PcaModelParameters, a loaded one's only by its interface
        if (pca is not IPredictionTransformer<object> { Model: PcaModelParameters parameters })
            throw new InvalidDataException($"not an ML.NET PCA model: {pca.GetType().Name}");
        VBuffer<float> mean = default;
        parameters.GetMean(ref mean);
        VBuffer<float>[] eigenVectors = [];
        parameters.GetEigenVectors(ref eigenVectors, out var rank);
        float[][] components = [.. eigenVectors.Take(rank).Select(v => v.DenseValues().ToArray())];
        if (mean.Length != ScoringFeatures.Count || components.Any(v => v.Length != ScoringFeatures.Count))
            throw new InvalidDataException($"the PCA model has {mean.Length} features, this build scores {ScoringFeatures.Count}");
        return new PcaScorer([.. mean.DenseValues()], components);
    }

    /// <summary>The score of a scaled vector of <see cref="ScoringFeatures.Count"/> features.</summary>
    public float Score(ReadOnlySpan<float> x)
    {
        var norm2 = Dot(x, x) - 2f * Dot(_mean, x) + _norm2Mean;
        if (norm2 < 0f)
            norm2 = 0f;
        var projected = 0f;
        for (var i = 0; i < _eigenVectors.Length; i++)
        {
            var component = Dot(_eigenVectors[i], x) - _meanProjected[i];
            projected += component * component;
        }
        return MathF.Sqrt((norm2 - projected) / norm2);
    }

    /// <summary>ML.NET's SIMD dot product sums four products pairwise: (p₀ + p₁) + (p₂ + p₃).</summary>
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => (a[0] * b[0] + a[1] * b[1]) + (a[2] * b[2] + a[3] * b[3]);
}
