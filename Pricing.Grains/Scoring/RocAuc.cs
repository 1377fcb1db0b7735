namespace Pricing.Scoring;

/// <summary>Area under the ROC curve: the chance that a random positive row outscores a random negative one, ties half.</summary>
public static class RocAuc
{
    /// <summary>
    /// Rows sorted by score ascending, each with a bit mask of its labels. Positive: any bit of <paramref name="positives"/>;
    /// negative: no label at all; rows with only other labels take no part. Null when either class is empty.
    /// </summary>
    public static double? Compute(ReadOnlySpan<(double Score, int Labels)> sortedByScore, int positives)
    {
        double pairs = 0, negativesBelow = 0, positiveCount = 0;
        for (var i = 0; i < sortedByScore.Length;)
        {
            double tiedPositives = 0, tiedNegatives = 0;
            var score = sortedByScore[i].Score;
            for (; i < sortedByScore.Length && sortedByScore[i].Score == score; i++)
            {
                var labels = sortedByScore[i].Labels;
                if ((labels & positives) != 0) tiedPositives++;
                else if (labels == 0) tiedNegatives++;
            }
            pairs += tiedPositives * (negativesBelow + tiedNegatives / 2);
            negativesBelow += tiedNegatives;
            positiveCount += tiedPositives;
        }
        return positiveCount == 0 || negativesBelow == 0 ? null : pairs / (positiveCount * negativesBelow);
    }
}
