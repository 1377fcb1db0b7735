using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary><c>GET /api/incidents/export.xlsx</c>: every incident of a filter in the order asked for, fetched page by page.</summary>
public static class IncidentExport
{
    private const int PageSize = 500;

    private static readonly string[] Header =
    [
        "id", "sku", "sales_org", "customer_id", "reason", "first_dt", "last_dt", "days", "ongoing", "max_severity", "impact", "impact_reporting",
        "status", "assignee",
    ];

    public static Task WriteAsync(HttpContext http, PricingApi pricing)
    {
        var filter = http.Request.IncidentFilter();
        var order = http.Request.IncidentOrder();
        return SheetExport.WriteAsync(http, "Incidents", Header, RowsAsync(filter, order, pricing));
    }

    private static async IAsyncEnumerable<object?[]> RowsAsync(IncidentFilter filter, IncidentOrder order, PricingApi pricing)
    {
        IncidentPosition? after = null;
        while (true)
        {
            var page = await pricing.IncidentsAsync(filter, order, PageSize, after);
            foreach (var i in page.Nodes)
                yield return [i.Id, i.Sku, i.SalesOrg, i.CustomerId, ReasonNames.Of(i.Reason), RestJson.Date(i.FirstDt), RestJson.Date(i.LastDt), i.Days,
                    i.Ongoing ? "yes" : "no", i.MaxSeverity.Name(), i.Impact, i.ImpactReporting, i.Status.Name(), i.Assignee];
            if (!page.HasNextPage)
                yield break;
            after = new IncidentPosition(order.SortValue(page.Nodes[^1]), page.Nodes[^1].Id);
        }
    }
}
