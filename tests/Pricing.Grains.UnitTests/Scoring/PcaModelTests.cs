using Microsoft.ML;
using Microsoft.ML.Data;
using Pricing.Scoring;

namespace Pricing.Grains.UnitTests.Scoring;

public sealed class PcaModelTests
{
    [Fact]
    public void Scores_are_bit_for_bit_those_of_ml_nets_own_pca_transform()
    {
        var catalog = SeededCatalog.Generate(skus: 60, days: 90, seed: 7);
        var model = PcaModel.Train([.. catalog.Features.Select(r => ScoringFeatures.Of(r))]);
        var random = new Random(3);
        // raw and scaled-looking vectors, a vector of zeros, and values far outside anything trained on
        var vectors = catalog.Features.Select(r => ScoringFeatures.Of(r))
            .Concat(Enumerable.Range(0, 2_000).Select(_ => Enumerable.Range(0, ScoringFeatures.Count).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray()))
            .Append(new float[ScoringFeatures.Count])
            .Append([1e6f, -3e5f, 2e4f, -1e7f])
            .ToList();

        var ml = new MLContext();
        var reference = ml.Data.CreateEnumerable<Output>(model.Pca.Transform(ml.Data.LoadFromEnumerable(vectors.Select(v => new Input { Features = v }))), reuseRowObject: false)
            .Select(o => o.Score).ToList();
        var scorer = PcaScorer.Of(model.Pca);

        Assert.Equal(vectors.Count, reference.Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            var score = scorer.Score(vectors[i]);
            if (BitConverter.SingleToInt32Bits(reference[i]) != BitConverter.SingleToInt32Bits(score))
                Assert.Fail($"vector {i} [{string.Join(", ", vectors[i])}]: ML.NET {reference[i]:R}, scorer {score:R}");
        }
    }

    private sealed class Input
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float Score { get; set; }
    }
}
