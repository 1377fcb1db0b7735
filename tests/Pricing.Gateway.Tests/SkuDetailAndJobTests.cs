using System.Text.Json.Nodes;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>SKU drill-down, jobs, rejected rows, model versions and the mutations that start work.</summary>
public abstract class SkuDetailAndJobTests(GatewayHost gateway)
{
    [Fact]
    public async Task Sku_detail_has_the_series_of_the_last_days_their_anomalies_competitors_and_the_live_grain()
    {
        var detail = (await gateway.DataAsync("""
            { skuDetail(sku: "SKU000004", days: 10) { sku description materialGroup currency
                series { salesOrg customerId points { dt netPrice unitCost marginPct reasons mlScore } }
                anomalies { id dt reasons severity } competitors { competitor dt price } liveState { latest seriesCount heldDays } } }
            """))["skuDetail"]!;

        var latest = DateOnly.FromDateTime(await gateway.Analytics.Database.ScalarAsync<DateTime>("SELECT MAX(dt) FROM features WHERE sku = 'SKU000004'"));
        var points = detail["series"]!.AsArray().SelectMany(s => s!["points"]!.AsArray()).ToList();
        Assert.Equal("SKU000004", detail["sku"]!.GetValue<string>());
        Assert.NotEmpty(detail["description"]!.GetValue<string>());
        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM features WHERE sku = 'SKU000004' AND dt >= '{latest.AddDays(-9):yyyy-MM-dd}'"), points.Count);
        Assert.All(points, p => Assert.InRange(DateOnly.Parse(p!["dt"]!.GetValue<string>()), latest.AddDays(-9), latest));
        Assert.Equal(points.Count(p => p!["reasons"]!.AsArray().Count > 0), detail["anomalies"]!.AsArray().Count);
        Assert.NotEmpty(detail["competitors"]!.AsArray());
        Assert.Equal(detail["series"]!.AsArray().Count, detail["liveState"]!["seriesCount"]!.GetValue<int>());
        Assert.Equal(latest.ToString("yyyy-MM-dd"), detail["liveState"]!["latest"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_sku_is_null_with_a_coded_error()
    {
        var (_, body) = await gateway.GraphQLAsync("{ skuDetail(sku: \"NO-SUCH-SKU\") { sku } }");

        Assert.Null(body["data"]!["skuDetail"]);
        Assert.Equal("UNKNOWN_SKU", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(["UNKNOWN_SKU"], await gateway.ErrorCodesAsync("mutation { recomputeSku(sku: \"NO-SUCH-SKU\") { id } }"));
    }

    [Fact]
    public async Task Jobs_latest_job_and_one_job_agree()
    {
        var data = await gateway.DataAsync("{ jobs(first: 5) { id kind status rowsRead rowsRejected anomaliesFound } latestJob { id status } }");
        var jobs = data["jobs"]!.AsArray();

        Assert.NotEmpty(jobs);
        Assert.Equal(jobs[0]!["id"]!.GetValue<string>(), data["latestJob"]!["id"]!.GetValue<string>());
        var one = (await gateway.DataAsync("query($id: ID!) { job(id: $id) { id rowsRead } }", new { id = jobs[^1]!["id"]!.GetValue<string>() }))["job"]!;
        Assert.Equal(jobs[^1]!["rowsRead"]!.GetValue<int>(), one["rowsRead"]!.GetValue<int>());
        Assert.Null((await gateway.DataAsync("{ job(id: \"999999\") { id } }"))["job"]);
    }

    [Fact]
    public async Task Rejected_rows_filter_and_page_by_cursor()
    {
        var all = (await gateway.DataAsync("{ rejectedRows(first: 500) { table sku reason dt cursor jobId } }"))["rejectedRows"]!.AsArray();
        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM rejected_rows"), all.Count);

        var first = (await gateway.DataAsync("{ rejectedRows(first: 5) { sku dt cursor } }"))["rejectedRows"]!.AsArray();
        var next = (await gateway.DataAsync("query($after: String) { rejectedRows(first: 5, after: $after) { sku dt } }",
            new { after = first[^1]!["cursor"]!.GetValue<string>() }))["rejectedRows"]!.AsArray();
        Assert.Equal(all.Skip(5).Take(5).Select(r => r!["sku"]!.GetValue<string>() + r["dt"]), next.Select(r => r!["sku"]!.GetValue<string>() + r["dt"]));

        var prices = (await gateway.DataAsync("{ rejectedRows(table: \"daily_prices\", reason: \"NON_POSITIVE_PRICE\", first: 500) { table reason } }"))["rejectedRows"]!.AsArray();
        Assert.All(prices, r => Assert.Equal("daily_prices", r!["table"]!.GetValue<string>()));
        Assert.Equal(["BAD_ARGUMENT"], await gateway.ErrorCodesAsync("{ rejectedRows(table: \"materials\") { sku } }"));
    }

    [Fact]
    public async Task Run_pipeline_recompute_and_retrain_start_work_and_report_it()
    {
        var run = (await gateway.DataAsync("mutation { runPipeline(mode: INCREMENTAL) { id status kind } }"))["runPipeline"]!;
        Assert.Equal("manual", run["kind"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", (await gateway.WaitForJobAsync(run["id"]!.GetValue<string>()))["status"]!.GetValue<string>());

        var recompute = (await gateway.DataAsync("mutation { recomputeSku(sku: \"SKU000002\") { id kind } }"))["recomputeSku"]!;
        Assert.Equal("recompute_sku", recompute["kind"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", (await gateway.WaitForJobAsync(recompute["id"]!.GetValue<string>()))["status"]!.GetValue<string>());

        var before = (await gateway.DataAsync("{ modelVersions { version } }"))["modelVersions"]!.AsArray().Count;
        var model = (await gateway.DataAsync("mutation { retrainModel { version rowCount threshold metricsJson } }"))["retrainModel"]!;
        Assert.Equal(before + 1, model["version"]!.GetValue<int>());
        Assert.True(model["rowCount"]!.GetValue<int>() > 1000);
        Assert.Equal(model["version"]!.GetValue<int>(), (await gateway.DataAsync("{ modelVersions { version } }"))["modelVersions"]![0]!["version"]!.GetValue<int>());
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class SqliteSkuDetailAndJobTests(SqliteGateway gateway) : SkuDetailAndJobTests(gateway);

[Collection(MySqlGatewayCollection.Name), Trait("Category", "MySql")]
public sealed class MySqlSkuDetailAndJobTests(MySqlGateway gateway) : SkuDetailAndJobTests(gateway);
