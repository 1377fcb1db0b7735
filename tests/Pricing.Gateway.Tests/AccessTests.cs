using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pricing.Gateway.Access;
using Pricing.Gateway.Tests.Infrastructure;
using Pricing.Identity;
using Pricing.Model;

namespace Pricing.Gateway.Tests;

/// <summary>
/// Who may do what, over the whole API: every root field and REST endpoint, for every role, allowed exactly when
/// its rule says so, and refused before anything is done.
/// </summary>
public abstract class AccessTests<TGateway>(TGateway gateway) : IClassFixture<TGateway> where TGateway : GatewayHost
{
    /// <summary>
    /// For each root field, a document and the least role that may run it as docs/api.md states them, written out
    /// here rather than read from the rules; the schema test keeps this list complete.
    /// </summary>
    private static readonly Dictionary<string, (string Document, Role Needs)> Fields = new()
    {
        ["anomalies"] = ("{ anomalies(first: 1) { totalCount } }", Role.Viewer),
        ["anomalyReasons"] = ("{ anomalyReasons { reason count } }", Role.Viewer),
        ["skuDetail"] = ("{ skuDetail(sku: \"SKU000001\") { sku } }", Role.Viewer),
        ["rejectedRows"] = ("{ rejectedRows(first: 1) { reason } }", Role.Viewer),
        ["jobs"] = ("{ jobs(first: 1) { id } }", Role.Viewer),
        ["job"] = ("{ job(id: \"1\") { id } }", Role.Viewer),
        ["latestJob"] = ("{ latestJob { id } }", Role.Viewer),
        ["modelVersions"] = ("{ modelVersions { version } }", Role.Viewer),
        ["ruleThresholds"] = ("{ ruleThresholds { materialGroup } }", Role.Viewer),
        ["me"] = ("{ me { name role } }", Role.Viewer),
        ["incidents"] = ("{ incidents(first: 1) { totalCount } }", Role.Viewer),
        ["incident"] = ("{ incident(id: \"INCIDENT\") { id } }", Role.Viewer),
        ["impactSummary"] = ("{ impactSummary(groupBy: REASON) { key } }", Role.Viewer),
        ["setIncidentStatus"] = ("mutation { setIncidentStatus(id: \"INCIDENT\", status: ACKNOWLEDGED) { status } }", Role.Analyst),
        ["assignIncident"] = ("mutation { assignIncident(id: \"INCIDENT\", assignee: \"ana\") { assignee } }", Role.Analyst),
        ["commentIncident"] = ("mutation { commentIncident(id: \"INCIDENT\", text: \"access\") { id } }", Role.Analyst),
        ["snoozeIncident"] = ("mutation { snoozeIncident(id: \"INCIDENT\", until: \"2099-01-01T00:00:00Z\") { id } }", Role.Analyst),
        ["alertSubscriptions"] = ("{ alertSubscriptions { id } }", Role.PricingManager),
        ["alertDeliveries"] = ("{ alertDeliveries(first: 1) { id } }", Role.PricingManager),
        ["createAlertSubscription"] = ("mutation { createAlertSubscription(input: { name: \"access\", channel: WEBHOOK, target: \"http://127.0.0.1:9/\", enabled: false }) { id } }", Role.PricingManager),
        // no such subscription: an allowed caller is told so (NOT_FOUND), a refused one is refused first
        ["updateAlertSubscription"] = ("mutation { updateAlertSubscription(id: \"999999\", input: { name: \"x\", channel: WEBHOOK, target: \"http://127.0.0.1:9/\" }) { id } }", Role.PricingManager),
        ["deleteAlertSubscription"] = ("mutation { deleteAlertSubscription(id: \"999999\") }", Role.PricingManager),
        ["testAlertSubscription"] = ("mutation { testAlertSubscription(id: \"999999\") { id } }", Role.PricingManager),
        ["auditLog"] = ("{ auditLog(first: 1) { nodes { action } } }", Role.Admin),
        ["__schema"] = ("{ __schema { queryType { name } } }", Role.Viewer),
        ["__type"] = ("{ __type(name: \"Query\") { name } }", Role.Viewer),
        ["__typename"] = ("{ __typename }", Role.Viewer),
        ["runPipeline"] = ("mutation { runPipeline { id } }", Role.PricingManager),
        ["recomputeSku"] = ("mutation { recomputeSku(sku: \"SKU000001\") { id } }", Role.PricingManager),
        ["retrainModel"] = ("mutation { retrainModel { version } }", Role.PricingManager),
        ["setRuleThresholds"] = ($"mutation {{ setRuleThresholds(materialGroup: \"{GatewayHost.OverriddenGroup}\", lowMarginPct: 12) {{ after {{ lowMarginPct }} }} }}", Role.PricingManager),
    };

    /// <summary>For each REST endpoint (method and route), a request and the least role that may make it (null: open).</summary>
    private static readonly Dictionary<string, (string Url, Role? Needs)> Endpoints = new()
    {
        ["GET /api/health/"] = ("/api/health/", null),
        ["POST /api/auth/sign-in"] = ("/api/auth/sign-in", null),
        ["GET /api/auth/me"] = ("/api/auth/me", Role.Viewer),
        ["POST /api/auth/sign-out"] = ("/api/auth/sign-out", Role.Viewer),
        ["POST /api/etl/run/"] = ("/api/etl/run/", Role.PricingManager),
        ["GET /api/jobs/"] = ("/api/jobs/", Role.Viewer),
        ["GET /api/jobs/latest/"] = ("/api/jobs/latest/", Role.Viewer),
        ["GET /api/jobs/{id:long}/"] = ("/api/jobs/1/", Role.Viewer),
        ["GET /api/anomalies/"] = ("/api/anomalies/?limit=1", Role.Viewer),
        ["GET /api/anomalies/reasons/"] = ("/api/anomalies/reasons/", Role.Viewer),
        ["GET /api/anomalies/export.xlsx"] = ("/api/anomalies/export.xlsx?dt_from=2099-01-01", Role.Analyst),
        ["GET /api/anomalies/{sku}/"] = ("/api/anomalies/SKU000001/", Role.Viewer),
        ["GET /api/rejected-rows/"] = ("/api/rejected-rows/?limit=1", Role.Viewer),
        ["GET /api/incidents/"] = ("/api/incidents/?limit=1", Role.Viewer),
        ["GET /api/incidents/export.xlsx"] = ("/api/incidents/export.xlsx?dt_from=2099-01-01", Role.Analyst),
        ["GET /api/incidents/{id:long}/"] = ("/api/incidents/1/", Role.Viewer),
    };

    public static TheoryData<string, Role> FieldsAndRoles() => EveryRole(Fields.Keys);

    public static TheoryData<string, Role> EndpointsAndRoles() => EveryRole(Endpoints.Keys);

    private static TheoryData<string, Role> EveryRole(IEnumerable<string> operations)
    {
        var data = new TheoryData<string, Role>();
        foreach (var operation in operations)
            foreach (var role in Enum.GetValues<Role>())
                data.Add(operation, role);
        return data;
    }

    [Fact]
    public void Every_root_field_of_the_schema_is_in_the_table_of_this_test()
    {
        var schema = gateway.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var fields = schema.Query.Fields.Concat(schema.Mutation!.Fields).Select(f => f.Name).Concat(["__schema", "__type", "__typename"]).Order().ToList();

        Assert.Equal(fields, Fields.Keys.Order());
    }

    [Fact]
    public void Every_rest_endpoint_is_in_the_table_of_this_test()
    {
        var routes = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        Assert.Equal(routes, Endpoints.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(FieldsAndRoles))]
    public async Task A_root_field_answers_exactly_the_roles_its_rule_allows_and_a_refusal_does_nothing(string field, Role role)
    {
        var jobsBefore = await gateway.CountAsync("SELECT COUNT(*) FROM job_runs");
        var eventsBefore = await gateway.CountAsync("SELECT COUNT(*) FROM incident_events");
        var incident = await gateway.CountAsync("SELECT MIN(id) FROM incidents WHERE days > 0");
        var document = Fields[field].Document.Replace("INCIDENT", incident.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await gateway.NewClient(gateway.Tokens[role]).PostAsJsonAsync("/graphql", new { query = document });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        // allowed: answered; a change may still be refused for what it asks (a recompute while another run is going)
        if (role.Includes(Fields[field].Needs))
            Assert.True(response.StatusCode == HttpStatusCode.OK && (body["errors"] is null || field == "setRuleThresholds" && Code(body) == ApiArgumentException.RunInProgress
                    || Fields[field].Document.Contains("999999") && Code(body) == ApiArgumentException.NotFound),
                $"{field} as {role}: {response.StatusCode} {body.ToJsonString()}");
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(AccessRefusal.Forbidden, body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal(jobsBefore, await gateway.CountAsync("SELECT COUNT(*) FROM job_runs"));
            Assert.Equal(eventsBefore, await gateway.CountAsync("SELECT COUNT(*) FROM incident_events"));
        }
    }

    [Theory]
    [MemberData(nameof(EndpointsAndRoles))]
    public async Task A_rest_endpoint_answers_exactly_the_roles_its_rule_allows(string endpoint, Role role)
    {
        var client = gateway.NewClient(gateway.Tokens[role]);
        var url = Endpoints[endpoint].Url;
        var response = endpoint.StartsWith("POST ", StringComparison.Ordinal) ? await client.PostAsync(url, null) : await client.GetAsync(url);

        if (Endpoints[endpoint].Needs is not { } needs || role.Includes(needs))
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{endpoint} as {role}: {response.StatusCode}");
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(AccessRefusal.Forbidden, (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        }
    }

    private static string? Code(JsonObject body) => body["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    public static TheoryData<string> EveryOperation() => [.. Fields.Keys.Select(f => $"graphql {f}"), .. Endpoints.Keys];

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Without_a_caller_only_health_and_sign_in_answer(string operation)
    {
        var client = gateway.NewClient(token: null);
        var response = operation.StartsWith("graphql ", StringComparison.Ordinal)
            ? await client.PostAsJsonAsync("/graphql", new { query = Fields[operation["graphql ".Length..]].Document })
            : operation.StartsWith("POST ", StringComparison.Ordinal) ? await client.PostAsync(Endpoints[operation].Url, null)
            : await client.GetAsync(Endpoints[operation].Url);

        if (operation is "GET /api/health/" or "POST /api/auth/sign-in")
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        else
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_valid_token_nothing_answers_but_health()
    {
        await Task.Delay(10); // the expired token's millisecond is over
        foreach (var token in new[] { null, gateway.ExpiredToken, gateway.RevokedToken, ApiTokens.New(), "pg_forged" })
        {
            var client = gateway.NewClient(token);
            var graphql = await client.PostAsJsonAsync("/graphql", new { query = Fields["latestJob"].Document });
            var rest = await client.GetAsync("/api/jobs/");

            Assert.Equal(HttpStatusCode.Unauthorized, graphql.StatusCode);
            Assert.Equal(AccessRefusal.Unauthenticated, (await graphql.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/health/")).StatusCode);
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.PricingManager, HttpStatusCode.Forbidden)]
    [InlineData(Role.Admin, HttpStatusCode.OK)]
    public async Task The_cluster_dashboard_is_for_admins(Role? role, HttpStatusCode expected)
    {
        var client = gateway.NewClient(role is { } r ? gateway.Tokens[r] : null);

        Assert.Equal(expected, (await client.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task A_refusal_names_what_was_needed_and_who_asked()
    {
        var response = await gateway.NewClient(gateway.Tokens[Role.Analyst]).PostAsJsonAsync("/graphql",
            new { query = "query Q { ...F } fragment F on Query { latestJob { id } } mutation M { ... on Mutation { retrainModel { version } } }", operationName = "M" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("retrainModel needs PRICING_MANAGER; test-analyst acts as ANALYST",
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["message"]!.GetValue<string>());
    }
}

public sealed class SqliteAccessTests(SqliteGuardedGateway gateway) : AccessTests<SqliteGuardedGateway>(gateway);

[Trait("Category", "MySql")]
public sealed class MySqlAccessTests(MySqlGuardedGateway gateway) : AccessTests<MySqlGuardedGateway>(gateway);
