using Pricing.Model;

namespace Pricing.Features;

/// <summary>
/// The exchange rates that turn a SKU's impact into the reporting currency (docs/architecture.md, Volume and impact):
/// for each currency, its rate to <see cref="Currency"/> from each <c>valid_from</c> on.
/// </summary>
public sealed class ReportingRates
{
    private readonly Dictionary<string, (int[] From, double[] Rate)> _byCurrency = new(StringComparer.Ordinal);

    public ReportingRates(string reportingCurrency, IEnumerable<ExchangeRate> rates)
    {
        Currency = reportingCurrency;
        foreach (var pair in rates.Where(r => r.ToCurrency == reportingCurrency && r.FromCurrency != reportingCurrency)
                     .GroupBy(r => r.FromCurrency, StringComparer.Ordinal))
        {
            var ordered = pair.OrderBy(r => r.ValidFrom).ToArray();
            _byCurrency[pair.Key] = ([.. ordered.Select(r => r.ValidFrom.DayNumber)], [.. ordered.Select(r => r.Rate)]);
        }
    }

    public string Currency { get; }

    /// <summary>The rates held, as the rows they came from.</summary>
    public IEnumerable<ExchangeRate> Rates => _byCurrency.SelectMany(c =>
        c.Value.From.Select((day, i) => new ExchangeRate(c.Key, Currency, DateOnly.FromDayNumber(day), c.Value.Rate[i])));

    /// <summary>The rate of the latest valid_from on or before <paramref name="day"/>: 1 for the reporting currency, null when there is none.</summary>
    public double? RateOn(string currency, DateOnly day)
    {
        if (currency == Currency)
            return 1;
        if (!_byCurrency.TryGetValue(currency, out var rates))
            return null;
        var i = Array.BinarySearch(rates.From, day.DayNumber);
        if (i < 0)
            i = ~i - 1; // the entry before the insertion point
        return i < 0 ? null : rates.Rate[i];
    }

    /// <summary>The row with its impact in the reporting currency; null without a rate, or for a SKU of no known currency.</summary>
    public FeatureRow Reported(FeatureRow row, string? currency) =>
        row with { ImpactReporting = currency is not null && RateOn(currency, row.Dt) is { } rate ? row.Impact * rate : null };

    /// <summary>
    /// The periods in which a currency's rate on some day differs from <paramref name="before"/>'s: what was converted
    /// with those rates must be converted again. Each period runs from one valid_from of either to the next (null: on).
    /// </summary>
    public List<RatePeriod> ChangedSince(ReportingRates before)
    {
        var changed = new List<RatePeriod>();
        foreach (var currency in _byCurrency.Keys.Union(before._byCurrency.Keys).Order(StringComparer.Ordinal))
        {
            var days = Days(currency).Union(before.Days(currency)).Order().ToArray();
            for (var k = 0; k < days.Length; k++)
            {
                var from = DateOnly.FromDayNumber(days[k]);
                var rate = RateOn(currency, from);
                if (rate != before.RateOn(currency, from))
                    changed.Add(new RatePeriod(currency, from, k + 1 < days.Length ? DateOnly.FromDayNumber(days[k + 1]) : null, rate));
            }
        }
        return changed;
    }

    private IEnumerable<int> Days(string currency) => _byCurrency.TryGetValue(currency, out var rates) ? rates.From : [];
}

/// <summary>Days [<see cref="From"/>, <see cref="Until"/>) whose rate from <see cref="Currency"/> is now <see cref="Rate"/> (null: none).</summary>
public readonly record struct RatePeriod(string Currency, DateOnly From, DateOnly? Until, double? Rate);
