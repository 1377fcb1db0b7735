using Pricing.Model;

namespace Pricing.Seeding;

/// <summary>
/// Daily exchange rates between EUR and the other currencies the catalog prices in, both ways, each a random walk
/// around a realistic level (SAP TCURR keeps a rate per pair and validity date).
/// </summary>
public static class ExchangeRateGenerator
{
    /// <summary>Euros per unit of each currency, around which its rate moves.</summary>
    private static readonly (string Currency, double EurPerUnit)[] Levels = [("USD", 0.92), ("GBP", 1.17), ("CHF", 1.05)];

    public const string Euro = "EUR";

    /// <summary>The rates of every day from <paramref name="from"/> for <paramref name="days"/> days.</summary>
    public static List<ExchangeRate> Generate(int seed, DateOnly from, int days)
    {
        var rates = new List<ExchangeRate>(Levels.Length * 2 * days);
        foreach (var (currency, level) in Levels)
        {
            var rng = SeedRandom.For(seed, -3, StableHash.Of(currency));
            var eurPerUnit = level;
            for (var d = 0; d < days; d++)
            {
                eurPerUnit *= 1 + 0.004 * rng.Normal();
                rates.AddRange(Pair(currency, from.AddDays(d), eurPerUnit));
            }
        }
        return rates;
    }

    /// <summary>The next day's rates after the newest ones, moved by one day's step.</summary>
    public static List<ExchangeRate> NextDay(int seed, IEnumerable<ExchangeRate> newest, DateOnly day) =>
        [.. newest.Where(r => r.ToCurrency == Euro).SelectMany(r =>
            Pair(r.FromCurrency, day, r.Rate * (1 + 0.004 * SeedRandom.For(seed, -3, StableHash.Of(r.FromCurrency), day.DayNumber).Normal())))];

    private static IEnumerable<ExchangeRate> Pair(string currency, DateOnly day, double eurPerUnit)
    {
        yield return new ExchangeRate(currency, Euro, day, Math.Round(eurPerUnit, 6));
        yield return new ExchangeRate(Euro, currency, day, Math.Round(1 / eurPerUnit, 6));
    }
}
