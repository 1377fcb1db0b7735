using Pricing.Model;

namespace Pricing.Scoring;

/// <summary>
/// Features relative to a series' own recent history: how far today's price and margin lie from the series' median
/// of the <see cref="WindowDays"/> days before, in robust standard deviations (1.4826 × median absolute deviation).
/// A price that is normal for one customer is an outlier for another; these say so where the catalog-wide features
/// cannot. The spread has a floor (<see cref="PriceFloorPct"/> of the median price, <see cref="MarginFloorPoints"/>
/// points of margin), since many series hold one price for weeks and a zero spread would make any change infinite.
/// Rows with fewer than <see cref="MinHistory"/> earlier rows in the window get 0: not enough history to tell.
/// </summary>
public static class SeriesContext
{
    public const int WindowDays = 28;
    public const int MinHistory = 5;
    public const double PriceFloorPct = 1;
    public const double MarginFloorPoints = 1;
    public static readonly string[] Names = ["price_z_28d", "margin_z_28d"];

    /// <summary>Per row of <paramref name="rows"/> (sorted by series, then date) its two context features.</summary>
    public static float[][] Of(IReadOnlyList<FeatureRow> rows)
    {
        var result = new float[rows.Count][];
        var prices = new List<double>(WindowDays);
        var margins = new List<double>(WindowDays);
        var seriesStart = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (i > 0 && !SameSeries(rows[i - 1], row))
                seriesStart = i;
            prices.Clear();
            margins.Clear();
            for (var j = i - 1; j >= seriesStart && rows[j].Dt.DayNumber >= row.Dt.DayNumber - WindowDays; j--)
            {
                prices.Add(rows[j].NetPrice);
                margins.Add(rows[j].MarginPct);
            }
            result[i] = prices.Count < MinHistory
                ? [0, 0]
                : [Z(row.NetPrice, prices, median => Math.Abs(median) * PriceFloorPct / 100), Z(row.MarginPct, margins, _ => MarginFloorPoints)];
        }
        return result;
    }

    private static bool SameSeries(in FeatureRow a, in FeatureRow b) =>
        a.Sku == b.Sku && a.SalesOrg == b.SalesOrg && a.CustomerId == b.CustomerId;

    private static float Z(double value, List<double> window, Func<double, double> floor)
    {
        window.Sort();
        var median = Median(window);
        for (var k = 0; k < window.Count; k++)
            window[k] = Math.Abs(window[k] - median);
        window.Sort();
        var spread = Math.Max(1.4826 * Median(window), Math.Max(floor(median), 1e-9));
        return (float)Math.Clamp((value - median) / spread, -1e6, 1e6);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
