using System.Text;

namespace Pricing.Storage;

/// <summary>A WHERE clause built filter by filter, every value a bound parameter: what the analysts' lists share.</summary>
internal sealed class WhereClause(string first)
{
    private readonly StringBuilder _sql = new(first);

    public List<(string Name, object? Value)> Binds { get; } = [];

    public void Add(string clause, string? name = null, object? value = null)
    {
        _sql.Append(" AND ").Append(clause);
        if (name is not null)
            Binds.Add((name, value));
    }

    /// <summary>The series filters of both lists: exact SKU, SKU prefix, sales org, customer, and a material group's SKUs (null: no group filter).</summary>
    public void AddSeries(string? sku, string? prefix, string? salesOrg, string? customer, IReadOnlyCollection<string>? groupSkus)
    {
        if (sku is not null) Add("sku = @sku", "@sku", sku);
        if (prefix is not null) Add("sku LIKE @prefix ESCAPE '!'", "@prefix", EscapeLike(prefix) + "%");
        if (salesOrg is not null) Add("sales_org = @so", "@so", salesOrg);
        if (customer is not null) Add("customer_id = @cust", "@cust", customer);
        if (groupSkus is not null)
            AddIn("sku", "@g", groupSkus);
    }

    /// <summary><paramref name="column"/> is one of <paramref name="values"/> (none: no row matches).</summary>
    public void AddIn(string column, string prefix, IReadOnlyCollection<string> values)
    {
        Add(values.Count == 0 ? "1 = 0" : $"{column} IN ({DbCommandExtensions.ListPlaceholders(prefix, values.Count)})");
        Binds.AddRange(values.Select((v, i) => (prefix + i, (object?)v)));
    }

    public override string ToString() => _sql.ToString();

    /// <summary>A LIKE pattern's literal part, escaped with <c>!</c>.</summary>
    private static string EscapeLike(string value) => value.Replace("!", "!!").Replace("%", "!%").Replace("_", "!_");
}
