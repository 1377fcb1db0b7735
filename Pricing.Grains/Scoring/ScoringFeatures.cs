using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// The vector the model sees for a feature row (docs: README "ML scoring"). A null feature means "nothing unusual
/// known" and becomes 0, the value of an unchanged price, a calm series or a competitor at our price; the model
/// never sees NaN. Margin enters as is: a price ×10 or ÷10 moves it far more than any normal day.
/// </summary>
public static class ScoringFeatures
{
    public static readonly string[] Names = ["margin_pct", "price_change_7d_pct", "volatility_14d_pct", "comp_delta_pct"];

    public static int Count => Names.Length;

    public static void Fill(in FeatureRow row, Span<float> vector)
    {
        vector[0] = Finite(row.MarginPct);
        vector[1] = Finite(row.PriceChange7dPct ?? 0);
        vector[2] = Finite(row.Volatility14dPct ?? 0);
        vector[3] = Finite(row.CompDeltaPct ?? 0);
    }

    public static float[] Of(in FeatureRow row)
    {
        var vector = new float[Count];
        Fill(row, vector);
        return vector;
    }

    // Features are finite by construction; this keeps an overflow to float from ever becoming infinity or NaN.
    private static float Finite(double value) => (float)Math.Clamp(value, -1e9, 1e9);
}
