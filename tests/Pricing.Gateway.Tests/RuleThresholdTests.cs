using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pricing.Gateway.Tests.Infrastructure;
using Pricing.Model;

namespace Pricing.Gateway.Tests;

/// <summary>
/// A pricing manager changes a material group's thresholds: the group's SKUs are flagged again with them (checked
/// against the features' margins in SQL), the change is audited, and a bad change saves nothing.
/// </summary>
public abstract class RuleThresholdTests<TGateway>(TGateway gateway) : IClassFixture<TGateway> where TGateway : GatewayHost
{
    private const string Group = GatewayHost.OverriddenGroup;

    private const string Set = """
        mutation($group: String!, $low: Float, $negative: Float) {
          setRuleThresholds(materialGroup: $group, lowMarginPct: $low, negativeMarginPct: $negative) {
            materialGroup before { lowMarginPct } after { negativeMarginPct lowMarginPct priceSpikePct } recompute { id kind trigger }
          }
        }
        """;

    private async Task<JsonObject> AsManagerAsync(string query, object variables)
    {
        var response = await gateway.NewClient(gateway.Tokens[Role.PricingManager]).PostAsJsonAsync("/graphql", new { query, variables });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonNode> ChangeAsync(double? low)
    {
        await WaitForIdleAsync();
        var body = await AsManagerAsync(Set, new { group = Group, low });
        Assert.True(body["errors"] is null, body.ToJsonString());
        var change = body["data"]!["setRuleThresholds"]!;
        Assert.Equal("SUCCEEDED", (await gateway.WaitForJobAsync(change["recompute"]!["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        return change;
    }

    private async Task WaitForIdleAsync()
    {
        if ((await gateway.DataAsync("{ latestJob { id status } }"))["latestJob"] is { } latest)
            await gateway.WaitForJobAsync(latest["id"]!.GetValue<string>());
    }

    /// <summary>The group's rows with NegativeMarginPct ≤ margin &lt; <paramref name="low"/>, counted in SQL from the source's group.</summary>
    private async Task<long> RowsBelowAsync(double low)
    {
        var skus = await gateway.Source.Database.ListAsync("SELECT sku FROM materials WHERE material_group = @g",
            c => Storage.DbCommandExtensions.Bind(c, "@g", Group), r => r.GetString(0));
        return await gateway.CountAsync($"SELECT COUNT(*) FROM features WHERE sku IN ({string.Join(", ", skus.Select(s => $"'{s}'"))}) " +
            $"AND margin_pct >= 0 AND margin_pct < {low.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private async Task<(long Count, double Shown)> LowMarginAnomaliesAsync()
    {
        var page = (await gateway.DataAsync("query($g: String) { anomalies(reason: LOW_MARGIN, materialGroup: $g, first: 1) { totalCount nodes { thresholds { lowMarginPct } } } }",
            new { g = Group }))["anomalies"]!;
        return (page["totalCount"]!.GetValue<long>(), page["nodes"]![0]!["thresholds"]!["lowMarginPct"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_changed_threshold_flags_the_groups_rows_again_is_listed_and_audited_and_clearing_it_restores_the_configuration()
    {
        var listed = (await gateway.DataAsync("{ ruleThresholds { materialGroup thresholds { lowMarginPct negativeMarginPct } } }"))["ruleThresholds"]!.AsArray();
        Assert.Null(listed[0]!["materialGroup"]);
        Assert.Equal(RuleThresholds.Default.LowMarginPct, listed[0]!["thresholds"]!["lowMarginPct"]!.GetValue<double>());
        Assert.Contains(listed, g => g!["materialGroup"]?.GetValue<string>() == Group && g["thresholds"]!["lowMarginPct"]!.GetValue<double>() == GatewayHost.OverriddenLowMarginPct);
        Assert.Equal((await RowsBelowAsync(GatewayHost.OverriddenLowMarginPct), GatewayHost.OverriddenLowMarginPct), await LowMarginAnomaliesAsync());

        var change = await ChangeAsync(low: 20);

        Assert.Equal((GatewayHost.OverriddenLowMarginPct, 20.0), (change["before"]!["lowMarginPct"]!.GetValue<double>(), change["after"]!["lowMarginPct"]!.GetValue<double>()));
        Assert.Equal(RuleThresholds.Default.PriceSpikePct, change["after"]!["priceSpikePct"]!.GetValue<double>()); // not named: as configured
        Assert.Equal(("recompute_sku", $"graphql:{GatewayHost.UserOf(Role.PricingManager)}"),
            (change["recompute"]!["kind"]!.GetValue<string>(), change["recompute"]!["trigger"]!.GetValue<string>()));
        var flagged = await LowMarginAnomaliesAsync();
        Assert.Equal((await RowsBelowAsync(20), 20.0), flagged);
        Assert.True(flagged.Count > await RowsBelowAsync(GatewayHost.OverriddenLowMarginPct), "the demo catalog has TOOL02 rows between 12 % and 20 % margin");
        var audit = (await gateway.DataAsync("{ auditLog(first: 1) { nodes { userName action subject } } }"))["auditLog"]!["nodes"]![0]!;
        Assert.Equal((GatewayHost.UserOf(Role.PricingManager), AuditActions.ThresholdsChanged), (audit["userName"]!.GetValue<string>(), audit["action"]!.GetValue<string>()));
        Assert.Equal($"{Group}: LowMarginPct 12 → 20; run {change["recompute"]!["id"]!.GetValue<string>()} recomputes the group", audit["subject"]!.GetValue<string>());

        var cleared = await ChangeAsync(low: null);

        Assert.Equal(GatewayHost.OverriddenLowMarginPct, cleared["after"]!["lowMarginPct"]!.GetValue<double>());
        Assert.Equal((await RowsBelowAsync(GatewayHost.OverriddenLowMarginPct), GatewayHost.OverriddenLowMarginPct), await LowMarginAnomaliesAsync());
        Assert.Equal(0, await gateway.CountAsync("SELECT COUNT(*) FROM rule_overrides"));
    }

    [Theory]
    [InlineData("NO-SUCH-GROUP", 10.0, null, "materialGroup: no material is in group 'NO-SUCH-GROUP'")]
    [InlineData(Group, 2.0, 3.0, "LowMarginPct (2) must not be below NegativeMarginPct (3)")]
    [InlineData(Group, 5000.0, null, "lowMarginPct must be a percentage between -1000 and 1000 (got 5000)")]
    public async Task A_change_that_cannot_hold_is_refused_with_its_reason_and_saves_nothing(string group, double low, double? negative, string message)
    {
        await WaitForIdleAsync();
        var jobs = await gateway.CountAsync("SELECT COUNT(*) FROM job_runs");
        var version = await gateway.CountAsync("SELECT version FROM rule_book_version");

        var body = await AsManagerAsync(Set, new { group, low, negative });

        Assert.Equal("BAD_ARGUMENT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(message, body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal((jobs, version), (await gateway.CountAsync("SELECT COUNT(*) FROM job_runs"), await gateway.CountAsync("SELECT version FROM rule_book_version")));
    }
}

public sealed class SqliteRuleThresholdTests(SqliteGuardedGateway gateway) : RuleThresholdTests<SqliteGuardedGateway>(gateway);

[Trait("Category", "MySql")]
public sealed class MySqlRuleThresholdTests(MySqlGuardedGateway gateway) : RuleThresholdTests<MySqlGuardedGateway>(gateway);
