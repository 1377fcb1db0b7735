using Pricing.Scoring;

namespace Pricing.Grains.UnitTests.Scoring;

/// <summary>The forest against the properties of the algorithm (Liu, Ting and Zhou 2008), not against another library.</summary>
public sealed class IsolationForestTests
{
    private static List<float[]> Gaussian(int count, int width, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width)
            .Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray())];
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(256, 10.244770920119917)]  // 2(ln 255 + γ) − 2·255/256
    [InlineData(1024, 13.017373986706318)]
    public void The_average_path_length_is_that_of_an_unsuccessful_search_in_a_binary_search_tree(int n, double expected) =>
        Assert.Equal(expected, IsolationForest.AveragePathLength(n), 9);

    [Fact]
    public void Points_far_from_the_data_score_high_and_points_in_its_centre_low()
    {
        var forest = IsolationForest.Train(Gaussian(5_000, 3, seed: 1), trees: 100, seed: 2);

        var centre = forest.Score([0, 0, 0]);
        var far = forest.Score([6, -6, 6]);
        var alongOneAxis = forest.Score([0, 5, 0]);

        Assert.InRange(centre, 0.3, 0.5);  // an ordinary point needs about the average path: score near or below 0.5
        Assert.InRange(far, 0.7, 1.0);
        Assert.True(alongOneAxis > centre + 0.1, $"{alongOneAxis} vs {centre}");
    }

    [Fact]
    public void The_score_grows_with_the_distance_from_the_data()
    {
        var forest = IsolationForest.Train(Gaussian(5_000, 2, seed: 3), trees: 200, seed: 4);

        var scores = new[] { 0f, 1.5f, 3f, 5f, 10f }.Select(d => forest.Score([d, d])).ToList();

        Assert.Equal(scores.Order(), scores);
        Assert.True(scores[^1] > scores[0] + 0.3, string.Join(", ", scores));
    }

    [Fact]
    public void Scaling_a_feature_changes_no_score()
    {
        // splits are uniform between the least and largest value of a feature, so an affine change of one feature
        // moves every split with it
        var data = Gaussian(2_000, 2, seed: 5);
        var stretched = data.ConvertAll(v => new[] { v[0] * 1000 + 50, v[1] });
        var (a, b) = (IsolationForest.Train(data, 50, seed: 6), IsolationForest.Train(stretched, 50, seed: 6));

        foreach (var v in Gaussian(200, 2, seed: 7))
            Assert.Equal(a.Score(v), b.Score([v[0] * 1000 + 50, v[1]]), 6);
    }

    [Fact]
    public void The_same_seed_grows_the_same_forest_and_a_written_forest_reads_back_identical()
    {
        var data = Gaussian(3_000, 4, seed: 8);
        var forest = IsolationForest.Train(data, 30, seed: 9);
        var again = IsolationForest.Train(data, 30, seed: 9);
        using var stream = new MemoryStream();
        forest.WriteTo(new BinaryWriter(stream));
        stream.Position = 0;
        var read = IsolationForest.ReadFrom(new BinaryReader(stream));

        var probes = Gaussian(500, 4, seed: 10);
        Assert.All(probes, p => Assert.Equal(forest.Score(p), again.Score(p)));
        Assert.All(probes, p => Assert.Equal(forest.Score(p), read.Score(p)));
    }

    [Fact]
    public void Scoring_a_block_of_rows_gives_the_scores_of_scoring_them_one_by_one()
    {
        var forest = IsolationForest.Train(Gaussian(3_000, 4, seed: 11), 40, seed: 12);
        var probes = Gaussian(700, 4, seed: 13); // more than one block
        var many = new double[probes.Count];

        forest.ScoreMany(probes.SelectMany(p => p).ToArray(), many);

        Assert.Equal(probes.Select(p => forest.Score(p)), many);
    }

    [Fact]
    public void A_tree_is_no_higher_than_the_height_limit_and_rows_equal_to_each_other_are_not_split()
    {
        // identical rows: no feature varies, every tree is one leaf holding the whole subsample
        var same = Enumerable.Range(0, 300).Select(_ => new[] { 1f, 2f }).ToList();
        var flat = IsolationForest.Train(same, 10, seed: 14);
        Assert.Equal(0.5, flat.Score([1, 2]), 6); // c(256) / c(256), the leaf's length kept as a float

        // even a point outside everything ends within ⌈log₂ 256⌉ = 8 splits plus c(leaf) ≥ 0: score ≤ 2^(−0/c) = 1, ≥ 2^(−(8 + c(256))/c(256))
        var forest = IsolationForest.Train(Gaussian(2_000, 2, seed: 15), 20, seed: 16);
        var lowest = Math.Pow(2, -(8 + IsolationForest.AveragePathLength(256)) / IsolationForest.AveragePathLength(256));
        Assert.All(Gaussian(300, 2, seed: 17), p => Assert.InRange(forest.Score(p), lowest, 1));
    }

    [Fact]
    public void Broken_bytes_are_refused()
    {
        using var stream = new MemoryStream();
        IsolationForest.Train(Gaussian(100, 2, seed: 18), 2, seed: 19).WriteTo(new BinaryWriter(stream));
        var bytes = stream.ToArray();

        var corrupt = Assert.ThrowsAny<Exception>(() => IsolationForest.ReadFrom(new BinaryReader(new MemoryStream(bytes[..20]))));
        Assert.True(corrupt is InvalidDataException or EndOfStreamException, corrupt.GetType().Name);
        Assert.Throws<InvalidDataException>(() => IsolationForest.ReadFrom(new BinaryReader(new MemoryStream([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))));
    }
}
