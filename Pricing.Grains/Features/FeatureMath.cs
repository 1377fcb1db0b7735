using Pricing.Model;

namespace Pricing.Features;

/// <summary>
/// The formulas and rules of docs/architecture.md (Features; Reasons and severity) over a dense day-indexed window: <c>prices[i]</c> is the
/// series' net price on day <c>i</c> of the window, NaN where the series has no (good) row.
/// Every operation is written in the contract's order so results match an independent implementation bit for bit.
/// </summary>
public static class FeatureMath
{
    /// <summary>Price change reference: latest day r with d − 14 ≤ r ≤ d − 7.</summary>
    public const int ChangeFromDays = 7, ChangeToDays = 14;

    /// <summary>Volatility window [d − 13, d]: 14 calendar days, d included.</summary>
    public const int VolatilityDays = 14;

    /// <summary>Competitor snapshots count for 7 days: [d − 6, d].</summary>
    public const int CompetitorDays = 7;

    /// <summary>Volume of a day without a billed quantity: the mean over [d − 27, d], missing days counting as 0.</summary>
    public const int QuantityDays = 28;

    public static double MarginPct(double price, double cost) => (price - cost) / price * 100;

    /// <summary>The price-change reference r: the latest observed day in [d − 14, d − 7], or −1 when there is none.</summary>
    public static int ChangeReference(ReadOnlySpan<double> prices, int i)
    {
        var last = Math.Max(i - ChangeToDays, 0);
        for (var r = i - ChangeFromDays; r >= last; r--)
            if (!double.IsNaN(prices[r]))
                return r;
        return -1;
    }

    /// <summary>(P(d) / P(r) − 1) × 100 with r the latest observed day in [d − 14, d − 7]; NaN when there is none.</summary>
    public static double PriceChange7dPct(ReadOnlySpan<double> prices, int i)
    {
        var r = ChangeReference(prices, i);
        return r < 0 ? double.NaN : (prices[i] / prices[r] - 1) * 100;
    }

    /// <summary>
    /// Q(d): the billed quantity of day <paramref name="i"/>, else the sum over [d − 27, d] in day order divided by 28
    /// (NaN in <paramref name="quantities"/> is a day without a good row); 0 when nothing was billed in the window.
    /// </summary>
    public static double Quantity(ReadOnlySpan<double> quantities, int i)
    {
        if (!double.IsNaN(quantities[i]))
            return quantities[i];
        double sum = 0;
        for (var j = Math.Max(i - QuantityDays + 1, 0); j < i; j++)
            if (!double.IsNaN(quantities[j]))
                sum += quantities[j];
        return sum / QuantityDays;
    }

    /// <summary>
    /// The money at stake on one row, the largest of its rule reasons' (0 without one): the margin missing to the
    /// low-margin threshold, the price moved since r, or the amount above the cheapest competitor, times Q(d).
    /// </summary>
    public static double Impact(RuleThresholds rules, AnomalyReasons reasons, double price, double cost, double referencePrice, double compMin, double quantity)
    {
        var impact = 0.0;
        if ((reasons & (AnomalyReasons.NegativeMargin | AnomalyReasons.LowMargin)) != 0)
            impact = Math.Max(impact, (cost / (1 - rules.LowMarginPct / 100) - price) * quantity);
        if ((reasons & AnomalyReasons.PriceSpike) != 0)
            impact = Math.Max(impact, Math.Abs(price - referencePrice) * quantity);
        if ((reasons & AnomalyReasons.CompetitorUndercut) != 0)
            impact = Math.Max(impact, (price - compMin) * quantity);
        return impact;
    }

    /// <summary>Sample standard deviation over the mean of the prices in [d − 13, d], × 100; NaN with fewer than 2.</summary>
    public static double Volatility14dPct(ReadOnlySpan<double> prices, int i)
    {
        var first = Math.Max(i - VolatilityDays + 1, 0);
        int n = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var j = first; j <= i; j++)
        {
            var p = prices[j];
            if (double.IsNaN(p))
                continue;
            n++;
            sum += p;
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }
        if (n < 2)
            return double.NaN;
        if (min == max)
            return 0; // identical prices: exactly 0, not the rounding residue of sum / n
        var mean = sum / n;
        double squares = 0;
        for (var j = first; j <= i; j++)
        {
            var p = prices[j];
            if (!double.IsNaN(p))
                squares += (p - mean) * (p - mean);
        }
        return Math.Sqrt(squares / (n - 1)) / mean * 100;
    }

    /// <summary>Each competitor's latest snapshot in [d − 6, d], and the minimum of those; NaN when none.</summary>
    public static double CompetitorMin(IReadOnlyList<double[]> competitors, int i)
    {
        var min = double.NaN;
        var last = Math.Max(i - CompetitorDays + 1, 0);
        for (var c = 0; c < competitors.Count; c++)
        {
            var snapshots = competitors[c];
            for (var j = i; j >= last; j--)
            {
                var p = snapshots[j];
                if (double.IsNaN(p))
                    continue;
                if (!(p >= min))
                    min = p;
                break;
            }
        }
        return min;
    }

    public static double CompDeltaPct(double price, double compMin) => (price - compMin) / compMin * 100;

    public static AnomalyReasons Reasons(RuleThresholds rules, double marginPct, double change7dPct, double compDeltaPct)
    {
        var reasons = AnomalyReasons.None;
        if (marginPct < rules.NegativeMarginPct)
            reasons |= AnomalyReasons.NegativeMargin;
        else if (marginPct < rules.LowMarginPct)
            reasons |= AnomalyReasons.LowMargin;
        if (Math.Abs(change7dPct) >= rules.PriceSpikePct) // false for NaN
            reasons |= AnomalyReasons.PriceSpike;
        if (compDeltaPct >= rules.CompetitorUndercutPct)
            reasons |= AnomalyReasons.CompetitorUndercut;
        return reasons;
    }

    /// <summary>All features of day <paramref name="i"/> of a window; the caller has checked that the series has a row that day.</summary>
    public static FeatureValues Compute(RuleThresholds rules, ReadOnlySpan<double> prices, ReadOnlySpan<double> costs, ReadOnlySpan<double> quantities, double compMin, int i)
    {
        var price = prices[i];
        var margin = MarginPct(price, costs[i]);
        var r = ChangeReference(prices, i);
        var change = r < 0 ? double.NaN : (price / prices[r] - 1) * 100;
        var delta = double.IsNaN(compMin) ? double.NaN : CompDeltaPct(price, compMin);
        var reasons = Reasons(rules, margin, change, delta);
        var quantity = Quantity(quantities, i);
        var impact = Impact(rules, reasons, price, costs[i], r < 0 ? double.NaN : prices[r], compMin, quantity);
        return new FeatureValues(price, costs[i], margin, change, Volatility14dPct(prices, i), compMin, delta, reasons, quantity, impact);
    }
}
