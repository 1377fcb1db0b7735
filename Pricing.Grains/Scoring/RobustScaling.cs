namespace Pricing.Scoring;

/// <summary>
/// Centres each feature on its training median and divides by its interquartile range, so that "how unusual" is
/// measured in the same unit for every feature and a handful of extreme training rows cannot stretch the scale
/// (ML.NET's own robust scaler was tried: its output hid a ×10 price behind values below 2).
/// </summary>
public sealed record RobustScaling(float[] Median, float[] Scale)
{
    public static RobustScaling Fit(IReadOnlyList<float[]> vectors)
    {
        var width = vectors[0].Length;
        var median = new float[width];
        var scale = new float[width];
        var column = new float[vectors.Count];
        for (var f = 0; f < width; f++)
        {
            for (var i = 0; i < vectors.Count; i++)
                column[i] = vectors[i][f];
            Array.Sort(column);
            median[f] = Quantile(column, 0.5);
            var iqr = Quantile(column, 0.75) - Quantile(column, 0.25);
            // a feature that is mostly one value (e.g. no competitor) has no spread: fall back to the 1-99 % range, then 1
            var wide = Quantile(column, 0.99) - Quantile(column, 0.01);
            scale[f] = iqr > 1e-6f ? iqr : wide > 1e-6f ? wide : 1;
        }
        return new RobustScaling(median, scale);
    }

    /// <summary>Scaled copies of <paramref name="vectors"/>, which stay as they are.</summary>
    public List<float[]> Scaled(List<float[]> vectors) => vectors.ConvertAll(v =>
    {
        var copy = (float[])v.Clone();
        Apply(copy);
        return copy;
    });

    public void Apply(Span<float> vector)
    {
        for (var f = 0; f < vector.Length; f++)
            vector[f] = (vector[f] - Median[f]) / Scale[f];
    }

    /// <summary>
    /// The largest distance of a scaled vector's features from the median, and which feature it is: the row's
    /// explanation (<c>top_feature</c>).
    /// </summary>
    public (double Distance, int Feature) Extremity(ReadOnlySpan<float> scaled)
    {
        var (largest, top) = (0.0, 0);
        for (var f = 0; f < scaled.Length; f++)
        {
            var distance = float.IsFinite(scaled[f]) ? Math.Abs(scaled[f]) : 0;
            if (distance > largest)
                (largest, top) = (distance, f);
        }
        return (largest, top);
    }

    private static float Quantile(float[] sorted, double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
}
