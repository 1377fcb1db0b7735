using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Pricing.Gateway.Tests.Infrastructure;

namespace Pricing.Gateway.Tests;

/// <summary>Alert subscriptions over GraphQL: created, listed without their secret, updated, tested against a real listener, deleted; precise errors.</summary>
public abstract class AlertApiTests(GatewayHost gateway)
{
    private const string Fields = "id name reasons materialGroups salesOrgs minSeverity minImpact channel target hasSecret mode enabled failing createdBy";

    private async Task<JsonNode> CreateAsync(string input) =>
        (await gateway.DataAsync($"mutation {{ createAlertSubscription(input: {input}) {{ {Fields} }} }}"))["createAlertSubscription"]!;

    [Fact]
    public async Task A_subscription_is_created_listed_without_its_secret_updated_and_deleted()
    {
        var created = await CreateAsync("{ name: \"EU margins\", reasons: [NEGATIVE_MARGIN, LOW_MARGIN], salesOrgs: [\"1000\"], minSeverity: MEDIUM, " +
                                        "minImpact: 50, channel: WEBHOOK, target: \"https://hooks.example.com/pricing\", secret: \"topsecret\", mode: IMMEDIATE }");
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(["NEGATIVE_MARGIN", "LOW_MARGIN"], created["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(("WEBHOOK", "IMMEDIATE", true, true, false), (created["channel"]!.GetValue<string>(), created["mode"]!.GetValue<string>(),
            created["hasSecret"]!.GetValue<bool>(), created["enabled"]!.GetValue<bool>(), created["failing"]!.GetValue<bool>()));

        var listed = (await gateway.DataAsync($"{{ alertSubscriptions {{ {Fields} }} }}"))["alertSubscriptions"]!.AsArray();
        Assert.Contains(listed, s => s!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain("topsecret", listed.ToJsonString());

        // an update without a secret keeps the stored one
        var updated = (await gateway.DataAsync($"mutation {{ updateAlertSubscription(id: \"{id}\", input: {{ name: \"EU margins (digest)\", channel: WEBHOOK, " +
                                               $"target: \"https://hooks.example.com/pricing\", mode: DIGEST, enabled: false }}) {{ {Fields} }} }}"))["updateAlertSubscription"]!;
        Assert.Equal(("EU margins (digest)", "DIGEST", false, true), (updated["name"]!.GetValue<string>(), updated["mode"]!.GetValue<string>(),
            updated["enabled"]!.GetValue<bool>(), updated["hasSecret"]!.GetValue<bool>()));
        Assert.Equal(1, await gateway.CountAsync($"SELECT COUNT(*) FROM alert_subscriptions WHERE id = {id} AND secret = 'topsecret'"));

        Assert.True((await gateway.DataAsync($"mutation {{ deleteAlertSubscription(id: \"{id}\") }}"))["deleteAlertSubscription"]!.GetValue<bool>());
        Assert.Equal(["NOT_FOUND"], await gateway.ErrorCodesAsync($"mutation {{ deleteAlertSubscription(id: \"{id}\") }}"));
        var audit = (await gateway.DataAsync("{ auditLog(first: 3) { nodes { action } } }"))["auditLog"]!["nodes"]!.AsArray().Select(n => n!["action"]!.GetValue<string>());
        Assert.Equal(["ALERT_SUBSCRIPTION_DELETED", "ALERT_SUBSCRIPTION_UPDATED", "ALERT_SUBSCRIPTION_CREATED"], audit);
    }

    [Fact]
    public async Task A_test_message_reaches_a_real_slack_listener_and_a_refused_one_is_recorded_with_its_error()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var body = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
            context.Response.StatusCode = 200;
            context.Response.Close();
            var refused = await listener.GetContextAsync();
            refused.Response.StatusCode = 503;
            refused.Response.Close();
            return body;
        });
        var id = (await CreateAsync($"{{ name: \"test\", channel: SLACK_WEBHOOK, target: \"http://127.0.0.1:{port}/slack\" }}"))["id"]!.GetValue<string>();

        var sent = (await gateway.DataAsync($"mutation {{ testAlertSubscription(id: \"{id}\") {{ status attempts test error }} }}"))["testAlertSubscription"]!;
        Assert.Equal(("SENT", 1, true), (sent["status"]!.GetValue<string>(), sent["attempts"]!.GetValue<int>(), sent["test"]!.GetValue<bool>()));
        var refused = (await gateway.DataAsync($"mutation {{ testAlertSubscription(id: \"{id}\") {{ status attempts error }} }}"))["testAlertSubscription"]!;
        Assert.Equal("PENDING", refused["status"]!.GetValue<string>());
        Assert.Contains("503", refused["error"]!.GetValue<string>());
        Assert.Contains("Test message", JsonNode.Parse(await received)!["text"]!.GetValue<string>());

        var deliveries = (await gateway.DataAsync($"{{ alertDeliveries(subscriptionId: \"{id}\") {{ status subscription }} }}"))["alertDeliveries"]!.AsArray();
        Assert.Equal(["PENDING", "SENT"], deliveries.Select(d => d!["status"]!.GetValue<string>()));
        await gateway.DataAsync($"mutation {{ deleteAlertSubscription(id: \"{id}\") }}");
    }

    [Theory]
    [InlineData("{ name: \"  \", channel: WEBHOOK, target: \"https://x.example.com\" }", "name")]
    [InlineData("{ name: \"a\", channel: WEBHOOK, target: \"ftp://x.example.com\" }", "target")]
    [InlineData("{ name: \"a\", channel: SLACK_WEBHOOK, target: \"not a url\" }", "target")]
    [InlineData("{ name: \"a\", channel: EMAIL, target: \"pricing@example.com, nobody\" }", "'nobody'")]
    [InlineData("{ name: \"a\", channel: SLACK_WEBHOOK, target: \"https://x.example.com\", secret: \"s\" }", "secret")]
    [InlineData("{ name: \"a\", channel: WEBHOOK, target: \"https://x.example.com\", minImpact: -5 }", "minImpact")]
    public async Task A_bad_subscription_gets_a_precise_error_and_stores_nothing(string input, string names)
    {
        var before = await gateway.CountAsync("SELECT COUNT(*) FROM alert_subscriptions");
        var (_, body) = await gateway.GraphQLAsync($"mutation {{ createAlertSubscription(input: {input}) {{ id }} }}");
        var errors = body["errors"]!.AsArray();

        Assert.Equal("BAD_ARGUMENT", errors[0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains(names, errors[0]!["message"]!.GetValue<string>());
        Assert.Equal(before, await gateway.CountAsync("SELECT COUNT(*) FROM alert_subscriptions"));
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class SqliteAlertApiTests(SqliteGateway gateway) : AlertApiTests(gateway);

[Collection(MySqlGatewayCollection.Name), Trait("Category", "MySql")]
public sealed class MySqlAlertApiTests(MySqlGateway gateway) : AlertApiTests(gateway);
