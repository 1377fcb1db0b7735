using System.Text.Json.Nodes;
using Pricing.Gateway.Tests.Infrastructure;
using Pricing.Seeding;
using Pricing.Storage;

namespace Pricing.Gateway.Tests;

/// <summary>The anomalies query: contract order, every filter against the database, and a full walk over the pages.</summary>
public abstract class AnomalyQueryTests(GatewayHost gateway)
{
    private const string Fields = "id sku salesOrg customerId dt severity reasons marginPct priceChange7dPct compDeltaPct mlScore modelVersion topFeature quantity impact impactReporting";

    [Theory]
    [InlineData("DATE_DESC")]
    [InlineData("SEVERITY_DESC")]
    [InlineData("ML_SCORE_DESC")]
    public async Task Walking_every_page_returns_each_anomaly_once_in_its_order(string order)
    {
        var (total, seen) = await WalkAsync(order);

        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE reasons <> 0"), total);
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Select(n => n!["id"]!.GetValue<string>()).Distinct().Count());
        var rank = new Dictionary<string, int> { ["LOW"] = 1, ["MEDIUM"] = 2, ["HIGH"] = 3, ["CRITICAL"] = 4 };
        var keys = seen.Select(n => (
            First: order switch
            {
                "SEVERITY_DESC" => rank[n!["severity"]!.GetValue<string>()],
                "ML_SCORE_DESC" => n!["mlScore"]!.GetValue<double>(),
                _ => 0.0,
            },
            Dt: n!["dt"]!.GetValue<string>(), Sku: n["sku"]!.GetValue<string>(), So: n["salesOrg"]!.GetValue<string>(), Cust: n["customerId"]!.GetValue<string>())).ToList();
        var ordered = keys.OrderByDescending(k => k.First).ThenByDescending(k => k.Dt, StringComparer.Ordinal).ThenBy(k => k.Sku, StringComparer.Ordinal)
            .ThenBy(k => k.So, StringComparer.Ordinal).ThenBy(k => k.Cust, StringComparer.Ordinal).ToList();
        Assert.Equal(ordered, keys);
        Assert.All(seen, n => Assert.NotEmpty(n!["reasons"]!.AsArray()));
        Assert.All(seen, n => Assert.NotNull(n!["mlScore"]));
    }

    [Fact]
    public async Task Each_anomaly_carries_its_volume_and_money_impact_as_stored()
    {
        var (_, seen) = await WalkAsync("DATE_DESC");

        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE reasons <> 0 AND impact > 0"),
            seen.Count(n => n!["impact"]!.GetValue<double>() > 0));
        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE reasons <> 0 AND impact_reporting IS NULL"),
            seen.Count(n => n!["impactReporting"] is null));
        Assert.Equal(await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE reasons <> 0 AND quantity > 0"),
            seen.Count(n => n!["quantity"]!.GetValue<double>() > 0));
        Assert.Contains(seen, n => n!["impact"]!.GetValue<double>() > 0); // the seed bills most priced days
        Assert.All(seen, n => Assert.True(n!["impact"]!.GetValue<double>() >= 0));
    }

    [Fact]
    public async Task Each_anomaly_carries_the_thresholds_of_its_material_group()
    {
        const string query = "query($group: String) { anomalies(materialGroup: $group, reason: LOW_MARGIN, first: 200) { nodes { sku marginPct thresholds { negativeMarginPct lowMarginPct priceSpikePct competitorUndercutPct } } } }";
        var overridden = (await gateway.DataAsync(query, new { group = GatewayHost.OverriddenGroup }))["anomalies"]!["nodes"]!.AsArray();
        // another group with LOW_MARGIN rows in the demo catalog
        var lowMarginSkus = (await gateway.Analytics.Database.ListAsync("SELECT DISTINCT sku FROM features WHERE (reasons & 2) <> 0", null, r => r.GetString(0))).ToHashSet();
        var group = (await gateway.Source.Database.ListAsync($"SELECT sku, material_group FROM materials WHERE material_group <> '{GatewayHost.OverriddenGroup}' ORDER BY sku", null,
            r => (Sku: r.GetString(0), Group: r.GetString(1)))).First(m => lowMarginSkus.Contains(m.Sku)).Group;
        var other = (await gateway.DataAsync(query, new { group }))["anomalies"]!["nodes"]!.AsArray();

        Assert.NotEmpty(overridden);
        Assert.NotEmpty(other);
        Assert.All(overridden, n => Assert.Equal(GatewayHost.OverriddenLowMarginPct, n!["thresholds"]!["lowMarginPct"]!.GetValue<double>()));
        Assert.All(other, n => Assert.Equal(5, n!["thresholds"]!["lowMarginPct"]!.GetValue<double>()));
        Assert.All([.. overridden, .. other], n => Assert.Equal(30, n!["thresholds"]!["priceSpikePct"]!.GetValue<double>()));
        // the override is the one the SKU grains applied: rows flagged between the global 5 % and the group's 12 %
        Assert.Contains(overridden, n => n!["marginPct"]!.GetValue<double>() is >= 5 and < GatewayHost.OverriddenLowMarginPct);
        Assert.All(other, n => Assert.True(n!["marginPct"]!.GetValue<double>() < 5));

        var detail = (await gateway.DataAsync($"{{ skuDetail(sku: \"{overridden[0]!["sku"]!.GetValue<string>()}\") {{ thresholds {{ lowMarginPct }} anomalies {{ thresholds {{ lowMarginPct }} }} }} }}"))["skuDetail"]!;
        Assert.Equal(GatewayHost.OverriddenLowMarginPct, detail["thresholds"]!["lowMarginPct"]!.GetValue<double>());
        Assert.All(detail["anomalies"]!.AsArray(), a => Assert.Equal(GatewayHost.OverriddenLowMarginPct, a!["thresholds"]!["lowMarginPct"]!.GetValue<double>()));
    }

    /// <summary>Every page of an order; the totalCount of the first page.</summary>
    private async Task<(int Total, List<JsonNode> Rows)> WalkAsync(string order)
    {
        var seen = new List<JsonNode>();
        string? after = null;
        int? total = null;
        do
        {
            var page = (await gateway.DataAsync($"query($after: String) {{ anomalies(first: 97, orderBy: {order}, after: $after) {{ totalCount nodes {{ {Fields} }} pageInfo {{ hasNextPage endCursor }} }} }}",
                new { after }))["anomalies"]!;
            total ??= page["totalCount"]!.GetValue<int>();
            seen.AddRange(page["nodes"]!.AsArray()!);
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        return (total.Value, seen);
    }

    [Fact]
    public async Task Right_after_a_run_that_adds_anomalies_the_counts_equal_the_rows()
    {
        // counted, and so cached, just before the run
        var (before, _) = await WalkAsync("DATE_DESC");
        await ReasonCountsAsync();
        await new NextDayGenerator(gateway.Source.Database).AppendAsync(seed: 11, new CatalogOptions());
        var run = (await gateway.DataAsync("mutation { runPipeline(mode: INCREMENTAL) { id } }"))["runPipeline"]!["id"]!.GetValue<string>();
        Assert.Equal("SUCCEEDED", (await gateway.WaitForJobAsync(run))["status"]!.GetValue<string>());

        var (total, rows) = await WalkAsync("DATE_DESC");
        var reasons = await ReasonCountsAsync();

        Assert.True(total > before, $"the next day added no anomaly ({before} before, {total} after): nothing is tested");
        Assert.Equal(rows.Count, total);
        foreach (var (reason, count) in reasons)
            Assert.Equal(rows.Count(r => r["reasons"]!.AsArray().Any(x => x!.GetValue<string>() == reason)), count);
    }

    private async Task<Dictionary<string, int>> ReasonCountsAsync() =>
        (await gateway.DataAsync("{ anomalyReasons { reason count } }"))["anomalyReasons"]!.AsArray()
            .ToDictionary(c => c!["reason"]!.GetValue<string>(), c => c!["count"]!.GetValue<int>());

    [Fact]
    public async Task A_cursor_only_continues_the_order_it_came_from()
    {
        var cursor = (await gateway.DataAsync("{ anomalies(first: 5, orderBy: SEVERITY_DESC) { pageInfo { endCursor } } }"))["anomalies"]!["pageInfo"]!["endCursor"]!.GetValue<string>();

        Assert.Equal(["BAD_CURSOR"], await gateway.ErrorCodesAsync("query($after: String) { anomalies(after: $after) { totalCount } }", new { after = cursor }));
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "reason: NEGATIVE_MARGIN", "(reasons & 1) <> 0" },
        { "reason: ML_OUTLIER", "(reasons & 16) <> 0" },
        { "sku: \"ANOMALOUS_SKU\"", "sku = 'ANOMALOUS_SKU'" },
        { "skuPrefix: \"SKU00001\"", "sku LIKE 'SKU00001%'" },
        { "salesOrg: \"2000\"", "sales_org = '2000'" },
        { "customerId: \"C100002\"", "customer_id = 'C100002'" },
        { "dtFrom: \"2026-10-01\", dtTo: \"2026-10-31\"", "dt >= '2026-10-01' AND dt <= '2026-10-31'" },
        { "minSeverity: HIGH", "severity >= 3" },
        { "minMlScore: 0.75", "ml_score >= 0.75" },
        { "reason: COMPETITOR_UNDERCUT, salesOrg: \"1000\", minSeverity: MEDIUM", "(reasons & 8) <> 0 AND sales_org = '1000' AND severity >= 2" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_returns_exactly_the_matching_rows(string arguments, string predicate)
    {
        // a SKU of the demo catalog with anomalies, past the first few
        var sku = await gateway.Analytics.Database.ScalarAsync<string>("SELECT MIN(sku) FROM features WHERE reasons <> 0 AND sku > 'SKU000005'");
        (arguments, predicate) = (arguments.Replace("ANOMALOUS_SKU", sku), predicate.Replace("ANOMALOUS_SKU", sku));
        var page = (await gateway.DataAsync($"{{ anomalies({arguments}, first: 500) {{ totalCount nodes {{ {Fields} }} pageInfo {{ hasNextPage }} }} }}"))["anomalies"]!;

        var expected = await gateway.CountAsync($"SELECT COUNT(*) FROM features WHERE reasons <> 0 AND {predicate}");
        Assert.True(expected > 0, $"the demo catalog has no anomaly with {predicate}: the filter is not exercised");
        Assert.Equal(expected, page["totalCount"]!.GetValue<int>());
        Assert.Equal(Math.Min(expected, 500), page["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Material_group_filters_by_the_material_master()
    {
        var group = await gateway.Source.Database.ScalarAsync<string>("SELECT material_group FROM materials ORDER BY sku LIMIT 1");
        var skus = (await gateway.Source.Database.ListAsync("SELECT sku FROM materials WHERE material_group = @g", c => c.Bind("@g", group), r => r.GetString(0))).ToHashSet();

        var page = (await gateway.DataAsync($"{{ anomalies(materialGroup: \"{group}\", first: 500) {{ totalCount nodes {{ sku }} }} }}"))["anomalies"]!;

        Assert.NotEmpty(page["nodes"]!.AsArray());
        Assert.All(page["nodes"]!.AsArray(), n => Assert.Contains(n!["sku"]!.GetValue<string>(), skus));
        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM features WHERE reasons <> 0 AND sku IN ('{string.Join("','", skus)}')"), page["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Severity_follows_the_contract()
    {
        var nodes = (await gateway.DataAsync($"{{ anomalies(first: 500) {{ nodes {{ {Fields} }} }} }}"))["anomalies"]!["nodes"]!.AsArray();
        Assert.NotEmpty(nodes);
        // the demo catalog has every kind of problem: more than one level must be checked, not one rule over and over
        Assert.True(nodes.Select(n => n!["severity"]!.GetValue<string>()).Distinct().Count() >= 3);
        foreach (var n in nodes)
        {
            var reasons = n!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            var expected = reasons.Contains("NEGATIVE_MARGIN") ? "CRITICAL"
                : (reasons.Contains("PRICE_SPIKE") && Math.Abs(n["priceChange7dPct"]!.GetValue<double>()) >= 50)
                  || (reasons.Contains("COMPETITOR_UNDERCUT") && n["compDeltaPct"]!.GetValue<double>() >= 25) ? "HIGH"
                : reasons.Any(r => r != "ML_OUTLIER") ? "MEDIUM" : "LOW";
            Assert.Equal(expected, n["severity"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Reason_counts_match_the_database()
    {
        var counts = await ReasonCountsAsync();

        Assert.Equal(["NEGATIVE_MARGIN", "LOW_MARGIN", "PRICE_SPIKE", "COMPETITOR_UNDERCUT", "ML_OUTLIER"], counts.Keys);
        foreach (var (reason, bit) in new[] { ("NEGATIVE_MARGIN", 1), ("LOW_MARGIN", 2), ("PRICE_SPIKE", 4), ("COMPETITOR_UNDERCUT", 8), ("ML_OUTLIER", 16) })
            Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM features WHERE (reasons & {bit}) <> 0"), counts[reason]);
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class SqliteAnomalyQueryTests(SqliteGateway gateway) : AnomalyQueryTests(gateway);

[Collection(MySqlGatewayCollection.Name), Trait("Category", "MySql")]
public sealed class MySqlAnomalyQueryTests(MySqlGateway gateway) : AnomalyQueryTests(gateway);
