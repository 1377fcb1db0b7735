using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>The REST endpoints of docs/api.md (paths, parameters, snake_case JSON), health and the Excel export.</summary>
public abstract class RestTests(GatewayHost gateway)
{
    private async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await gateway.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    [Fact]
    public async Task Health_is_ok_with_every_check()
    {
        var health = await GetJsonAsync("/api/health/");

        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal(["cluster", "source_db", "analytics_db"], health["checks"]!.AsObject().Select(c => c.Key));
        Assert.Equal("ok", (await GetJsonAsync("/health/ready"))["status"]!.GetValue<string>());
        Assert.Equal("ok", (await GetJsonAsync("/health/live"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anomalies_take_the_original_parameters_and_answer_in_snake_case()
    {
        var all = await GetJsonAsync("/api/anomalies/?limit=500");
        var page = await GetJsonAsync("/api/anomalies/?reason=PRICE_SPIKE&dt_from=2026-01-01&dt_to=2026-12-31&limit=7");

        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE reasons <> 0"), all["count"]!.GetValue<long>());
        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE (reasons & 4) <> 0 AND dt BETWEEN '2026-01-01' AND '2026-12-31'"), page["count"]!.GetValue<long>());
        var results = page["results"]!.AsArray();
        Assert.Equal(7, results.Count);
        Assert.All(results, r => Assert.Contains("PRICE_SPIKE", r!["reasons"]!.AsArray().Select(x => x!.GetValue<string>())));
        Assert.Equal(
            ["id", "sku", "sales_org", "customer_id", "dt", "net_price", "unit_cost", "margin_pct", "price_change_7d_pct", "volatility_14d_pct",
             "comp_min_price", "comp_delta_pct", "ml_score", "model_version", "top_feature", "quantity", "impact", "impact_reporting", "reasons", "severity"],
            results[0]!.AsObject().Select(p => p.Key));

        var next = await GetJsonAsync($"/api/anomalies/?reason=PRICE_SPIKE&dt_from=2026-01-01&dt_to=2026-12-31&limit=7&after={page["next"]!.GetValue<string>()}");
        Assert.DoesNotContain(next["results"]![0]!["id"]!.GetValue<string>(), results.Select(r => r!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Reasons_sku_detail_and_jobs()
    {
        var reasons = (await GetJsonAsync("/api/anomalies/reasons/")).AsArray();
        Assert.Equal(5, reasons.Count);
        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE (reasons & 8) <> 0"),
            reasons.Single(r => r!["reason"]!.GetValue<string>() == "COMPETITOR_UNDERCUT")!["count"]!.GetValue<long>());

        var detail = await GetJsonAsync("/api/anomalies/SKU000005/?days=14");
        Assert.Equal("SKU000005", detail["sku"]!.GetValue<string>());
        Assert.All(detail["series"]!.AsArray(), s => Assert.InRange(s!["points"]!.AsArray().Count, 1, 14));

        var jobs = (await GetJsonAsync("/api/jobs/")).AsArray();
        var latest = await GetJsonAsync("/api/jobs/latest/");
        Assert.Equal(jobs[0]!["id"]!.GetValue<long>(), latest["id"]!.GetValue<long>());
        Assert.True(latest["rows_read"]!.GetValue<long>() > 0);
        Assert.Equal(latest["id"]!.GetValue<long>(), (await GetJsonAsync($"/api/jobs/{latest["id"]}/"))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Etl_run_starts_a_run_and_answers_202_with_the_job()
    {
        var response = await gateway.Http.PostAsync("/api/etl/run/", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("INCREMENTAL", job["mode"]!.GetValue<string>());
        Assert.StartsWith("rest:", job["trigger"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", (await gateway.WaitForJobAsync(job["id"]!.GetValue<long>().ToString()))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/anomalies/?dt_from=2026-02-30", "BAD_DATE", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?dt_from=2026-05-02&dt_to=2026-05-01", "BAD_DATE_RANGE", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?reason=CHEAP", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?limit=abc", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?limit=100000", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?after=xyz", "BAD_CURSOR", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?order=price", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/?min_severity=urgent", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    [InlineData("/api/anomalies/NO-SUCH-SKU/", "UNKNOWN_SKU", HttpStatusCode.NotFound)]
    [InlineData("/api/anomalies/SKU000001/?days=-1", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    [InlineData("/api/jobs/99999/", "NOT_FOUND", HttpStatusCode.NotFound)]
    [InlineData("/api/rejected-rows/?table=materials", "BAD_ARGUMENT", HttpStatusCode.BadRequest)]
    public async Task Bad_parameters_get_a_json_error_with_a_code(string path, string code, HttpStatusCode status)
    {
        var response = await gateway.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(code, body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["detail"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Export_is_a_real_workbook_with_every_anomaly_of_the_filter()
    {
        var response = await gateway.Http.GetAsync("/api/anomalies/export.xlsx?reason=COMPETITOR_UNDERCUT");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        string Text(Cell c) => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "";

        Assert.Equal(["sku", "sales_org", "customer_id", "dt", "severity", "reasons"], rows[0].Elements<Cell>().Take(6).Select(Text));
        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE (reasons & 8) <> 0"), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Contains("COMPETITOR_UNDERCUT", Text(r.Elements<Cell>().ElementAt(5))));
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served()
    {
        var page = await gateway.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("html", (await page.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Cors_allows_the_vite_dev_server()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await gateway.Http.SendAsync(request);

        Assert.Equal("http://localhost:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class SqliteRestTests(SqliteGateway gateway) : RestTests(gateway);

[Collection(MySqlGatewayCollection.Name), Trait("Category", "MySql")]
public sealed class MySqlRestTests(MySqlGateway gateway) : RestTests(gateway);
