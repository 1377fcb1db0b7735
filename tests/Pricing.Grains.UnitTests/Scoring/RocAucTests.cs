using Pricing.Scoring;

namespace Pricing.Grains.UnitTests.Scoring;

public sealed class RocAucTests
{
    private static double? Auc(params (double Score, int Labels)[] rows) => RocAuc.Compute(rows.OrderBy(r => r.Score).ToArray(), 1);

    [Fact]
    public void Perfect_inverse_and_tied_rankings()
    {
        Assert.Equal(1.0, Auc((0.1, 0), (0.2, 0), (0.8, 1), (0.9, 1)));
        Assert.Equal(0.0, Auc((0.1, 1), (0.2, 1), (0.8, 0), (0.9, 0)));
        Assert.Equal(0.5, Auc((0.5, 1), (0.5, 0)));
    }

    [Fact]
    public void Counts_the_pairs_a_positive_wins()
    {
        // positives 0.4 and 0.9 against negatives 0.1, 0.5, 0.6: wins 1 + 3 of 6 pairs
        Assert.Equal(4.0 / 6, Auc((0.1, 0), (0.4, 1), (0.5, 0), (0.6, 0), (0.9, 1)));
    }

    [Fact]
    public void Rows_of_other_kinds_take_no_part_and_an_empty_class_gives_null()
    {
        Assert.Equal(1.0, Auc((0.1, 0), (0.95, 2), (0.9, 1)));
        Assert.Null(Auc((0.1, 0), (0.2, 0)));
        Assert.Null(Auc((0.1, 1)));
    }
}
