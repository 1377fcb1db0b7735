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
}
