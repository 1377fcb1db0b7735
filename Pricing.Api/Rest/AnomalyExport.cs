using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary>
/// <c>GET /api/anomalies/export.xlsx</c>: every anomaly of a filter as a real workbook. Rows are fetched page by
/// page and written with OpenXmlWriter (no DOM in memory); the package goes to a temporary file first because an
/// .xlsx is a zip whose directory comes last, then streams to the client.
/// </summary>
public static class AnomalyExport
{
    private const int PageSize = 5_000;

    private static readonly string[] Header =
    [
        "sku", "sales_org", "customer_id", "dt", "severity", "reasons", "net_price", "unit_cost", "margin_pct", "price_change_7d_pct",
        "volatility_14d_pct", "comp_min_price", "comp_delta_pct", "ml_score", "model_version", "top_feature", "quantity", "impact", "impact_reporting",
    ];

    public static async Task WriteAsync(HttpContext http, PricingApi pricing)
    {
        var filter = http.Request.AnomalyFilter();
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await WriteWorkbookAsync(file, filter, pricing, http.RequestAborted);
            }
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"anomalies-{DateTime.UtcNow:yyyyMMdd-HHmm}.xlsx\"";
            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            http.Response.ContentLength = read.Length;
            await read.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteWorkbookAsync(Stream stream, AnomalyFilter filter, PricingApi pricing, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rSheet1", SheetId = 1, Name = "Anomalies" }));
        var sheet = workbook.AddNewPart<WorksheetPart>("rSheet1");
        using var writer = OpenXmlWriter.Create(sheet);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, Header.Select(h => (object?)h));
        AnomalyPosition? after = null;
        while (true)
        {
            var page = await pricing.AnomaliesAsync(filter, AnomalyOrder.DateDesc, PageSize, after);
            foreach (var r in page.Nodes)
                WriteRow(writer, [r.Sku, r.SalesOrg, r.CustomerId, r.Dt.ToString("yyyy-MM-dd"), SeverityRules.Of(r).Name(),
                    string.Join(" ", ReasonNames.Split(r.Reasons)), r.NetPrice, r.UnitCost, r.MarginPct, r.PriceChange7dPct, r.Volatility14dPct,
                    r.CompMinPrice, r.CompDeltaPct, r.MlScore, r.ModelVersion, r.TopFeature, r.Quantity, r.Impact, r.ImpactReporting]);
            if (!page.HasNextPage)
                break;
            var last = page.Nodes[^1];
            after = new AnomalyPosition(new FeatureKey(last.Sku, last.SalesOrg, last.CustomerId, last.Dt));
            ct.ThrowIfCancellationRequested();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case double or int:
                    writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) });
                    break;
                default:
                    writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!)) });
                    break;
            }
        }
        writer.WriteEndElement();
    }
}
