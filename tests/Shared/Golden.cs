using System.Globalization;
using System.Text.RegularExpressions;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>The golden fixture (tests/fixtures/golden, a copy of shared/golden) and an independent reader of its SQL.</summary>
public static class Golden
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "golden", file);

    public static string SourceSql => File.ReadAllText(PathOf("source.sql"));
    public static string DeltaSql => File.ReadAllText(PathOf("delta.sql"));

    /// <summary>Billed quantities and exchange rates for the golden data (tests/fixtures/impact, made by its generate.py).</summary>
    public static string QuantitiesSql => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "impact", "quantities.sql"));
    public static string QuantitiesDeltaSql => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "impact", "quantities_delta.sql"));

    /// <summary>expected_impact*.csv: volume and impact of every feature row, and the impact reported in EUR and in USD (empty: no rate).</summary>
    public static Dictionary<string, (double Quantity, double Impact, double? Eur, double? Usd)> ExpectedImpact(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "impact", file)).Skip(1).Select(line => line.Split(',')).ToDictionary(
            f => $"{f[0]}/{f[1]}/{f[2]}/{f[3]}",
            f => (Number(f[4])!.Value, Number(f[5])!.Value, Number(f[6]), Number(f[7])));

    /// <summary>Asserts every row's volume, impact and (in <paramref name="currency"/>: EUR or USD) reported impact, to 1e-9 relative.</summary>
    public static void AssertSameImpact(Dictionary<string, (double Quantity, double Impact, double? Eur, double? Usd)> expected, IReadOnlyList<FeatureRow> actual, string currency)
    {
        Xunit.Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(Key).Order(StringComparer.Ordinal));
        foreach (var row in actual)
        {
            var e = expected[Key(row)];
            Close(e.Quantity, row.Quantity, Key(row), "quantity");
            Close(e.Impact, row.Impact, Key(row), "impact");
            Close(currency == "EUR" ? e.Eur : e.Usd, row.ImpactReporting, Key(row), "impact_reporting");
        }
    }

    private static double? Number(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Runs a golden SQL file as it is: both databases accept it unchanged.</summary>
    public static async Task RunAsync(SqlDatabase database, string sql) => await database.ExecuteAsync(sql);

    /// <summary>The value tuples of every INSERT INTO <paramref name="table"/>, parsed from the SQL text itself.</summary>
    public static IEnumerable<string[]> InsertedTuples(string sql, string table)
    {
        foreach (Match insert in Regex.Matches(sql, $@"INSERT INTO {table} \([^)]*\) VALUES\s*(?<values>.*?);\s*$", RegexOptions.Singleline | RegexOptions.Multiline))
            foreach (Match tuple in Regex.Matches(insert.Groups["values"].Value, @"\((?<fields>(?:'[^']*'|[^()'])*)\)"))
                yield return Regex.Matches(tuple.Groups["fields"].Value, @"'(?<s>[^']*)'|(?<n>-?[0-9.]+)")
                    .Select(m => m.Groups["s"].Success ? m.Groups["s"].Value : m.Groups["n"].Value).ToArray();
    }

    public static IEnumerable<PriceRow> PriceRows(string sql) => InsertedTuples(sql, "daily_prices").Select(f =>
        new PriceRow(f[0], f[1], f[2], DateOnly.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture),
            double.Parse(f[5], CultureInfo.InvariantCulture), f[6], DateTime.Parse(f[7], CultureInfo.InvariantCulture)));

    public static IEnumerable<CompetitorRow> CompetitorRows(string sql) => InsertedTuples(sql, "competitor_prices").Select(f =>
        new CompetitorRow(f[0], f[1], DateOnly.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture),
            f[4], DateTime.Parse(f[5], CultureInfo.InvariantCulture)));

    public static IEnumerable<Material> Materials(string sql) =>
        InsertedTuples(sql, "materials").Select(f => new Material(f[0], f[1], f[2], f[3], f[4]));

    /// <summary>expected_features*.csv: numbers as Python repr, empty = null, reasons sorted and joined by '|'.</summary>
    public static List<FeatureRow> ExpectedFeatures(string file) => File.ReadLines(PathOf(file)).Skip(1).Select(line =>
    {
        var f = line.Split(',');
        double? N(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);
        var reasons = f[11].Length == 0 ? AnomalyReasons.None : f[11].Split('|').Select(ParseReason).Aggregate((a, b) => a | b);
        return new FeatureRow(f[0], f[1], f[2], DateOnly.Parse(f[3], CultureInfo.InvariantCulture), N(f[4])!.Value, N(f[5])!.Value, N(f[6])!.Value,
            N(f[7]), N(f[8]), N(f[9]), N(f[10]), reasons);
    }).ToList();

    public static List<RejectedRow> ExpectedRejected(string file) => File.ReadLines(PathOf(file)).Skip(1).Select(line =>
    {
        var f = line.Split(',');
        string? E(string s) => s.Length == 0 ? null : s;
        return new RejectedRow(f[0], f[1], E(f[2]), E(f[3]), E(f[4]), DateOnly.Parse(f[5], CultureInfo.InvariantCulture), RejectReasonCodes.Parse(f[6]));
    }).ToList();

    public static AnomalyReasons ParseReason(string code) => code switch
    {
        "NEGATIVE_MARGIN" => AnomalyReasons.NegativeMargin,
        "LOW_MARGIN" => AnomalyReasons.LowMargin,
        "PRICE_SPIKE" => AnomalyReasons.PriceSpike,
        "COMPETITOR_UNDERCUT" => AnomalyReasons.CompetitorUndercut,
        "ML_OUTLIER" => AnomalyReasons.MlOutlier,
        _ => throw new FormatException(code),
    };

    /// <summary>
    /// Asserts two feature sets are equal: same keys in the same order, nulls exactly, numbers to 1e-9 relative, same rule
    /// reasons, volume and impact; the reported impact too when <paramref name="reported"/>.
    /// </summary>
    public static void AssertSameFeatures(IReadOnlyList<FeatureRow> expected, IReadOnlyList<FeatureRow> actual, bool reported = false)
    {
        Xunit.Assert.Equal(expected.Select(Key), actual.Select(Key));
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var where = Key(e);
            Close(e.NetPrice, a.NetPrice, where, "net_price");
            Close(e.UnitCost, a.UnitCost, where, "unit_cost");
            Close(e.MarginPct, a.MarginPct, where, "margin_pct");
            Close(e.PriceChange7dPct, a.PriceChange7dPct, where, "price_change_7d_pct");
            Close(e.Volatility14dPct, a.Volatility14dPct, where, "volatility_14d_pct");
            Close(e.CompMinPrice, a.CompMinPrice, where, "comp_min_price");
            Close(e.CompDeltaPct, a.CompDeltaPct, where, "comp_delta_pct");
            Close(e.Quantity, a.Quantity, where, "quantity");
            Close(e.Impact, a.Impact, where, "impact");
            if (reported)
                Close(e.ImpactReporting, a.ImpactReporting, where, "impact_reporting");
            Xunit.Assert.True(e.Reasons == (a.Reasons & ~AnomalyReasons.MlOutlier), $"{where} reasons: expected {e.Reasons}, got {a.Reasons}");
        }
    }

    public static string Key(FeatureRow r) => $"{r.Sku}/{r.SalesOrg}/{r.CustomerId}/{r.Dt:yyyy-MM-dd}";

    private static void Close(double? expected, double? actual, string where, string column)
    {
        Xunit.Assert.True(expected.HasValue == actual.HasValue, $"{where} {column}: expected {Show(expected)}, got {Show(actual)}");
        if (expected is { } e && actual is { } a)
            Xunit.Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(Math.Abs(e), Math.Abs(a)) + 1e-12, $"{where} {column}: expected {e:R}, got {a:R}");
    }

    private static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
