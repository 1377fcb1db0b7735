namespace Pricing.Incidents;

/// <summary>One price series: a SKU sold by a sales org to a customer.</summary>
public readonly record struct SeriesKey(string Sku, string SalesOrg, string CustomerId);
