using Microsoft.Extensions.Configuration;
using Pricing.Hosting;
using Pricing.Storage;

namespace Pricing.Tests.Hosting;

public class PricingSettingsTests
{
    private static PricingSettings Read(params (string Key, string Value)[] values) =>
        PricingSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void Defaults_are_the_embedded_sqlite_setup_of_the_contract()
    {
        var settings = Read();

        Assert.Equal(DatabaseKind.Sqlite, settings.Database);
        Assert.Equal("Data Source=data/source.db", settings.SourceConnectionString);
        Assert.Equal("Data Source=data/analytics.db", settings.AnalyticsConnectionString);
        Assert.True(settings.SeedDemoData);
        Assert.Equal(ClusteringKind.Localhost, settings.Clustering);
        Assert.Equal(new Pricing.Model.RuleThresholds(0, 5, 30, 10), settings.Rules.Global);
        Assert.Empty(settings.Rules.Groups);
    }

    [Fact]
    public void Values_and_case_insensitive_names_are_read()
    {
        var settings = Read(("Pricing:Database", "mysql"), ("ConnectionStrings:Source", "Server=a;Database=s"), ("ConnectionStrings:Analytics", "Server=a;Database=b"),
            ("Orleans:Clustering", "AdoNet"), ("Pricing:Rules:LowMarginPct", "7.5"), ("Pricing:SeedDemoData", "false"));

        Assert.Equal(DatabaseKind.MySql, settings.Database);
        Assert.Equal(ClusteringKind.AdoNet, settings.Clustering);
        Assert.Equal(7.5, settings.Rules.Global.LowMarginPct);
        Assert.False(settings.SeedDemoData);
    }

    [Theory]
    [InlineData("Pricing:Database", "Postgres", "Pricing:Database: 'Postgres' is not one of Sqlite, MySql")]
    [InlineData("Orleans:Clustering", "Consul", "Orleans:Clustering: 'Consul' is not one of Localhost, AdoNet")]
    [InlineData("Pricing:Rules:PriceSpikePct", "thirty", "Pricing:Rules:PriceSpikePct: 'thirty' is not a number")]
    [InlineData("Pricing:SeedDemoData", "yes", "Pricing:SeedDemoData: 'yes' is not true or false")]
    [InlineData("Pricing:Rules:LowMarginPct", "-1", "Pricing:Rules: LowMarginPct (-1) must not be below NegativeMarginPct (0)")]
    [InlineData("Pricing:Pipeline:WatermarkOverlapSeconds", "-5", "Pricing:Pipeline:WatermarkOverlapSeconds: '-5' is out of range: a number of at least 0")]
    [InlineData("Pricing:Pipeline:IncrementalBatchSize", "0", "Pricing:Pipeline:IncrementalBatchSize: '0' is out of range: a whole number of at least 1")]
    [InlineData("Pricing:Pipeline:Parallelism", "2.5", "Pricing:Pipeline:Parallelism: '2.5' is out of range: a whole number of at least 1")]
    [InlineData("Pricing:Scoring:MaxTrainingRows", "50", "Pricing:Scoring:MaxTrainingRows: '50' is out of range: a whole number of at least 100")]
    [InlineData("Pricing:Warmup", "sometimes", "Pricing:Warmup: 'sometimes' is not true or false")]
    public void A_bad_value_names_its_key(string key, string value, string message)
    {
        var error = Assert.Throws<PricingConfigurationException>(() => Read((key, value)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_watermark_overlap_is_read_in_seconds()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Read().Pipeline.WatermarkOverlap);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Read(("Pricing:Pipeline:WatermarkOverlapSeconds", "1.5")).Pipeline.WatermarkOverlap);
    }

    [Fact]
    public void Incremental_runs_have_their_own_batch_size()
    {
        Assert.Equal((250, 1000), (Read().Pipeline.BatchSize, Read().Pipeline.IncrementalBatchSize));
        var configured = Read(("Pricing:Pipeline:BatchSize", "50"), ("Pricing:Pipeline:IncrementalBatchSize", "400")).Pipeline;
        Assert.Equal((50, 400), (configured.BatchSize, configured.IncrementalBatchSize));
    }

    [Fact]
    public void Material_groups_can_override_single_thresholds()
    {
        var settings = Read(("Pricing:Rules:LowMarginPct", "6"), ("Pricing:Rules:Groups:TOOL02:LowMarginPct", "2"), ("Pricing:Rules:Groups:PAINT04:PriceSpikePct", "40"));

        Assert.Equal(new Pricing.Model.RuleThresholds(0, 2, 30, 10), settings.Rules.For("TOOL02"));
        Assert.Equal(new Pricing.Model.RuleThresholds(0, 6, 40, 10), settings.Rules.For("PAINT04"));
        Assert.Equal(new Pricing.Model.RuleThresholds(0, 6, 30, 10), settings.Rules.For("FAST01"));
        Assert.Equal("Pricing:Rules:Groups:TOOL02:LowMarginPct: 'x' is not a number",
            Assert.Throws<PricingConfigurationException>(() => Read(("Pricing:Rules:Groups:TOOL02:LowMarginPct", "x"))).Message);
    }

    [Fact]
    public void MySql_needs_connection_strings_and_AdoNet_needs_MySql()
    {
        Assert.StartsWith("ConnectionStrings:Source: is required", Assert.Throws<PricingConfigurationException>(() => Read(("Pricing:Database", "MySql"))).Message);
        Assert.StartsWith("Orleans:Clustering:", Assert.Throws<PricingConfigurationException>(() => Read(("Orleans:Clustering", "AdoNet"))).Message);
    }
}
