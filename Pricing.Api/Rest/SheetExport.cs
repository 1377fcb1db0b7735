using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pricing.Gateway.Rest;

/// <summary>
/// An Excel export as a real workbook of one sheet. Rows arrive page by page and are written with OpenXmlWriter (no
/// DOM in memory); the package goes to a temporary file first because an .xlsx is a zip whose directory comes last,
/// then streams to the client.
/// </summary>
public static class SheetExport
{
    public static async Task WriteAsync(HttpContext http, string name, IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await WriteWorkbookAsync(file, name, header, rows, http.RequestAborted);
            }
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name.ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd-HHmm}.xlsx\"";
            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            http.Response.ContentLength = read.Length;
            await read.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteWorkbookAsync(Stream stream, string name, IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rSheet1", SheetId = 1, Name = name }));
        var sheet = workbook.AddNewPart<WorksheetPart>("rSheet1");
        using var writer = OpenXmlWriter.Create(sheet);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, header);
        await foreach (var row in rows.WithCancellation(ct))
            WriteRow(writer, row);
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
                case double or int or long:
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
