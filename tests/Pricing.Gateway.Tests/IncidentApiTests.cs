using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>Incidents over GraphQL and REST on the demo catalog: orders, filters, pages, money at stake, and analysts' changes.</summary>
public abstract class IncidentApiTests(GatewayHost gateway)
{
    private const string Fields = "id sku salesOrg customerId reason firstDt lastDt days ongoing maxSeverity impact impactReporting status assignee";
    private const string Live = "days > 0";

    [Theory]
    [InlineData("IMPACT_DESC")]
    [InlineData("SEVERITY_DESC")]
    [InlineData("NEWEST")]
    public async Task Walking_every_page_returns_each_incident_once_in_its_order(string order)
    {
        var seen = new List<JsonNode>();
        string? after = null;
        int total;
        do
        {
            var page = (await gateway.DataAsync($"query($after: String) {{ incidents(first: 113, orderBy: {order}, after: $after) {{ totalCount nodes {{ {Fields} }} pageInfo {{ hasNextPage endCursor }} }} }}",
                new { after }))["incidents"]!;
            total = page["totalCount"]!.GetValue<int>();
            seen.AddRange(page["nodes"]!.AsArray()!);
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM incidents WHERE {Live}"), total);
        Assert.Equal(total, seen.Select(n => n!["id"]!.GetValue<string>()).Distinct().Count());
        var rank = new Dictionary<string, int> { ["LOW"] = 1, ["MEDIUM"] = 2, ["HIGH"] = 3, ["CRITICAL"] = 4 };
        var keys = seen.Select(n => (
            First: order switch
            {
                "IMPACT_DESC" => n!["impactReporting"]?.GetValue<double>() ?? 0,
                "SEVERITY_DESC" => rank[n!["maxSeverity"]!.GetValue<string>()],
                _ => DateOnly.Parse(n!["lastDt"]!.GetValue<string>()).DayNumber,
            },
            Id: long.Parse(n["id"]!.GetValue<string>()))).ToList();
        Assert.Equal(keys.OrderByDescending(k => k.First).ThenBy(k => k.Id), keys);
    }

    [Fact]
    public async Task There_are_far_fewer_incidents_than_anomaly_rows_and_each_sums_its_rows()
    {
        var incidents = await gateway.CountAsync($"SELECT COUNT(*) FROM incidents WHERE {Live}");
        var anomalies = await gateway.CountAsync("SELECT COUNT(*) FROM features WHERE reasons <> 0");
        Assert.InRange(incidents, 1, anomalies - 1); // the 10,000-SKU figure is in docs/PERFORMANCE.md

        var top = (await gateway.DataAsync($"{{ incidents(first: 1) {{ nodes {{ {Fields} }} }} }}"))["incidents"]!["nodes"]![0]!;
        var bit = new Dictionary<string, int> { ["NEGATIVE_MARGIN"] = 1, ["LOW_MARGIN"] = 2, ["PRICE_SPIKE"] = 4, ["COMPETITOR_UNDERCUT"] = 8, ["ML_OUTLIER"] = 16 }[top["reason"]!.GetValue<string>()];
        var rows = $"FROM features WHERE sku = '{top["sku"]}' AND sales_org = '{top["salesOrg"]}' AND customer_id = '{top["customerId"]}' " +
                   $"AND dt >= '{top["firstDt"]}' AND dt <= '{top["lastDt"]}' AND (reasons & {bit}) <> 0";
        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) {rows}"), top["days"]!.GetValue<int>());
        Assert.Equal(await gateway.Analytics.Database.ScalarAsync<double>($"SELECT SUM(impact_reporting) {rows}"), top["impactReporting"]!.GetValue<double>(), 6);
        Assert.True(top["impactReporting"]!.GetValue<double>() > 0);
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "status: OPEN", "status = 'OPEN'" },
        { "reason: NEGATIVE_MARGIN", "reason = 1" },
        { "reason: ML_OUTLIER", "reason = 16" },
        { "skuPrefix: \"SKU00001\"", "sku LIKE 'SKU00001%'" },
        { "salesOrg: \"2000\"", "sales_org = '2000'" },
        { "minSeverity: HIGH", "max_severity >= 3" },
        { "minImpact: 100", "impact_reporting >= 100" },
        { "dtFrom: \"2026-10-01\", dtTo: \"2026-10-31\"", "last_dt >= '2026-10-01' AND first_dt <= '2026-10-31'" },
        { "ongoing: true", "last_dt = (SELECT MAX(f.dt) FROM features f WHERE f.sku = incidents.sku AND f.sales_org = incidents.sales_org AND f.customer_id = incidents.customer_id)" },
        { "reason: COMPETITOR_UNDERCUT, salesOrg: \"1000\", minSeverity: MEDIUM", "reason = 8 AND sales_org = '1000' AND max_severity >= 2" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_returns_exactly_the_matching_incidents(string arguments, string predicate)
    {
        var page = (await gateway.DataAsync($"{{ incidents({arguments}, first: 500) {{ totalCount nodes {{ id }} }} }}"))["incidents"]!;

        var expected = await gateway.CountAsync($"SELECT COUNT(*) FROM incidents WHERE {Live} AND {predicate}");
        Assert.True(expected > 0, $"the demo catalog has no incident with {predicate}: the filter is not exercised");
        Assert.Equal(expected, page["totalCount"]!.GetValue<int>());
        Assert.Equal(Math.Min(expected, 500), page["nodes"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("REASON")]
    [InlineData("SALES_ORG")]
    [InlineData("MATERIAL_GROUP")]
    public async Task Money_at_stake_by_group_adds_up_to_the_incidents_not_dismissed(string groupBy)
    {
        var groups = (await gateway.DataAsync($"{{ impactSummary(groupBy: {groupBy}) {{ key incidents openIncidents impactReporting }} }}"))["impactSummary"]!.AsArray();

        Assert.NotEmpty(groups);
        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM incidents WHERE {Live} AND status <> 'DISMISSED'"), groups.Sum(g => g!["incidents"]!.GetValue<long>()));
        Assert.Equal(groupBy == "REASON" ? await gateway.Analytics.Database.ScalarAsync<double>($"SELECT SUM(rank_impact) FROM incidents WHERE {Live} AND status <> 'DISMISSED'")
            : await RowsOfIncidentsNotDismissedAsync(), groups.Sum(g => g!["impactReporting"]!.GetValue<double>()), 3);
        var impacts = groups.Select(g => g!["impactReporting"]!.GetValue<double>()).ToList();
        Assert.Equal(impacts.OrderDescending(), impacts);
        if (groupBy == "REASON")
            Assert.Subset(new HashSet<string> { "NEGATIVE_MARGIN", "LOW_MARGIN", "PRICE_SPIKE", "COMPETITOR_UNDERCUT", "ML_OUTLIER" }, groups.Select(g => g!["key"]!.GetValue<string>()).ToHashSet());
    }

    /// <summary>The reporting impact of every anomaly row that belongs to an incident not dismissed, each row once, computed here.</summary>
    private async Task<double> RowsOfIncidentsNotDismissedAsync()
    {
        var incidents = await gateway.Analytics.Database.ListAsync(
            $"SELECT sku, sales_org, customer_id, reason, first_dt, last_dt FROM incidents WHERE {Live} AND status <> 'DISMISSED'", null,
            r => (Series: $"{r.GetString(0)}/{r.GetString(1)}/{r.GetString(2)}", Reason: r.GetInt32(3), First: r.GetFieldValue<DateOnly>(4), Last: r.GetFieldValue<DateOnly>(5)));
        var bySeries = incidents.ToLookup(i => i.Series);
        var rows = await gateway.Analytics.Database.ListAsync("SELECT sku, sales_org, customer_id, dt, reasons, impact_reporting FROM features WHERE reasons <> 0", null,
            r => (Series: $"{r.GetString(0)}/{r.GetString(1)}/{r.GetString(2)}", Dt: r.GetFieldValue<DateOnly>(3), Reasons: r.GetInt32(4), Impact: r.IsDBNull(5) ? 0 : r.GetDouble(5)));
        return rows.Where(row => bySeries[row.Series].Any(i => (i.Reason & row.Reasons) != 0 && i.First <= row.Dt && row.Dt <= i.Last)).Sum(row => row.Impact);
    }

    [Fact]
    public async Task An_analyst_acknowledges_assigns_comments_and_dismisses_with_a_note_and_every_change_is_in_the_history()
    {
        var id = (await gateway.DataAsync("{ incidents(first: 1, status: OPEN, orderBy: NEWEST) { nodes { id } } }"))["incidents"]!["nodes"]![0]!["id"]!.GetValue<string>();
        var analyst = gateway.NewClient(gateway.Tokens[Model.Role.Analyst]);
        async Task<JsonNode> Mutate(string mutation)
        {
            var body = (await (await analyst.PostAsJsonAsync("/graphql", new { query = mutation, variables = new { id } })).Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(body["errors"] is null, body.ToJsonString());
            return body["data"]!;
        }

        await Mutate("mutation($id: ID!) { setIncidentStatus(id: $id, status: ACKNOWLEDGED) { status } }");
        await Mutate("mutation($id: ID!) { assignIncident(id: $id, assignee: \"  bo  \") { assignee } }");
        await Mutate("mutation($id: ID!) { commentIncident(id: $id, text: \"price list of the distributor\") { id } }");
        var dismissed = (await Mutate("mutation($id: ID!) { setIncidentStatus(id: $id, status: DISMISSED, note: \"planned clearance\") { status assignee comments { actor text } history { actor kind from to text } } }"))["setIncidentStatus"]!;

        Assert.Equal("DISMISSED", dismissed["status"]!.GetValue<string>());
        Assert.Equal("bo", dismissed["assignee"]!.GetValue<string>());
        var actor = GatewayHost.UserOf(Model.Role.Analyst);
        Assert.Equal($"{actor}: price list of the distributor", string.Join("|", dismissed["comments"]!.AsArray().Select(c => $"{c!["actor"]}: {c["text"]}")));
        Assert.Equal(["STATUS OPEN>ACKNOWLEDGED", "ASSIGNEE >bo", "COMMENT >", "STATUS ACKNOWLEDGED>DISMISSED planned clearance"],
            dismissed["history"]!.AsArray().Select(e => $"{e!["kind"]} {e["from"]}>{e["to"]}{(e["kind"]!.GetValue<string>() == "STATUS" && e["text"] is { } t ? " " + t : "")}"));
        Assert.All(dismissed["history"]!.AsArray(), e => Assert.Equal(actor, e!["actor"]!.GetValue<string>()));

        // kept: read again, by GraphQL and REST
        var read = (await gateway.DataAsync($"{{ incident(id: \"{id}\") {{ status assignee history {{ kind }} }} }}"))["incident"]!;
        Assert.Equal(("DISMISSED", 4), (read["status"]!.GetValue<string>(), read["history"]!.AsArray().Count));
        var rest = (await gateway.Http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}/"))!;
        Assert.Equal(("DISMISSED", "bo", 1), (rest["status"]!.GetValue<string>(), rest["assignee"]!.GetValue<string>(), rest["comments"]!.AsArray().Count));
        var audit = (await gateway.DataAsync("{ auditLog(first: 4) { nodes { action subject } } }"))["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal($"INCIDENT_STATUS_SET incident {id}: DISMISSED (planned clearance)", $"{audit[0]!["action"]} {audit[0]!["subject"]}");
    }

    [Theory]
    [InlineData("mutation { setIncidentStatus(id: \"ID\", status: DISMISSED) { id } }", "BAD_ARGUMENT")]
    [InlineData("mutation { setIncidentStatus(id: \"999999999\", status: RESOLVED) { id } }", "NOT_FOUND")]
    [InlineData("mutation { commentIncident(id: \"ID\", text: \"   \") { id } }", "BAD_ARGUMENT")]
    [InlineData("mutation { commentIncident(id: \"x1\", text: \"hello\") { id } }", "BAD_ARGUMENT")]
    [InlineData("{ incidents(minImpact: -1) { totalCount } }", "BAD_ARGUMENT")]
    [InlineData("{ incidents(dtFrom: \"2026-10-31\", dtTo: \"2026-10-01\") { totalCount } }", "BAD_DATE_RANGE")]
    [InlineData("{ incidents(after: \"bm90IGEgY3Vyc29y\") { totalCount } }", "BAD_CURSOR")]
    public async Task A_bad_argument_gets_a_precise_error_and_changes_nothing(string document, string code)
    {
        var id = await gateway.CountAsync($"SELECT MIN(id) FROM incidents WHERE {Live}");
        var events = await gateway.CountAsync("SELECT COUNT(*) FROM incident_events");

        Assert.Equal([code], await gateway.ErrorCodesAsync(document.Replace("\"ID\"", $"\"{id}\"")));
        Assert.Equal(events, await gateway.CountAsync("SELECT COUNT(*) FROM incident_events"));
    }

    [Fact]
    public async Task Rest_lists_incidents_with_the_same_filters_in_snake_case_and_exports_them()
    {
        var list = (await gateway.Http.GetFromJsonAsync<JsonObject>("/api/incidents/?reason=price_spike&min_severity=medium&limit=5&order=impact"))!;
        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM incidents WHERE {Live} AND reason = 4 AND max_severity >= 2"), list["count"]!.GetValue<long>());
        Assert.Equal(["id", "sku", "sales_org", "customer_id", "reason", "first_dt", "last_dt", "days", "ongoing", "max_severity", "impact", "impact_reporting", "status", "assignee", "comments", "history"],
            list["results"]![0]!.AsObject().Select(p => p.Key));
        var next = (await gateway.Http.GetFromJsonAsync<JsonObject>($"/api/incidents/?reason=price_spike&min_severity=medium&limit=5&order=impact&after={list["next"]}"))!;
        Assert.Empty(next["results"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).Intersect(list["results"]!.AsArray().Select(r => r!["id"]!.GetValue<long>())));
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Http.GetAsync("/api/incidents/?ongoing=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Http.GetAsync("/api/incidents/999999999/")).StatusCode);

        var response = await gateway.Http.GetAsync("/api/incidents/export.xlsx?reason=COMPETITOR_UNDERCUT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        string Text(Cell c) => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "";
        Assert.Equal(["id", "sku", "sales_org", "customer_id", "reason"], rows[0].Elements<Cell>().Take(5).Select(Text));
        Assert.Equal(await gateway.CountAsync($"SELECT COUNT(*) FROM incidents WHERE {Live} AND reason = 8"), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("COMPETITOR_UNDERCUT", Text(r.Elements<Cell>().ElementAt(4))));
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class SqliteIncidentApiTests(SqliteGateway gateway) : IncidentApiTests(gateway);

[Collection(MySqlGatewayCollection.Name), Trait("Category", "MySql")]
public sealed class MySqlIncidentApiTests(MySqlGateway gateway) : IncidentApiTests(gateway);
